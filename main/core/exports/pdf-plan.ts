/**
 * The PDF page plan: which indicator rows, and which lines of each outcome's comment, go on
 * which page.
 *
 * pdfmake can repeat a table's header row on each page and keep a row whole, but it does not
 * repeat a cell spanning rows when those rows continue on the next page (and a rowSpan running
 * past the last row crashes it). So the appendix is laid out here: every cell's text is broken
 * into lines (pdf-text.ts), every row's height is known, and the rows are dealt onto pages.
 * Each page becomes its own table; an outcome that continues on a new page starts that page's
 * table again with its title marked "(continued)", and a comment too long for the page carries
 * on there too.
 */
import type { AppendixIndicatorRow, AppendixModel, AppendixOutcomeBlock } from '../../../shared/domain/appendix';
import { appendixHeaders, appendixRowCells } from '../../../shared/domain/appendix';
import type { Face, TextMetrics } from './pdf-text';

export type Align = 'left' | 'center';

export interface CellText {
  lines: string[];
  face: Face;
  size: number;
  align: Align;
}

/** Geometry shared by the plan and the pdfmake document, in points. */
export interface PdfGeometry {
  pageWidth: number;
  pageHeight: number;
  margins: { left: number; top: number; right: number; bottom: number };
  /** Column content widths (without padding). */
  widths: number[];
  paddingX: number;
  paddingY: number;
  lineWidth: number;
  fontSize: number;
  headerFontSize: number;
  /** The direction of travel arrows print larger than the text around them. */
  arrowFontSize: number;
}

export const CONTINUED = '(continued)';
/** The smallest type a cell is set in to keep its longest word whole (points). */
export const MIN_FITTED_SIZE = 5.5;
export const CONTINUES = '(continued on next page)';

/** Columns: outcome, RAG, comment, indicator, previous, latest, direction, progress, county, district. */
const ALIGN: Align[] = ['left', 'center', 'left', 'left', 'center', 'center', 'center', 'center', 'center', 'left'];

export interface RowLayout {
  indicator: AppendixIndicatorRow | null;
  /** The seven indicator cells (columns 4 to 10). */
  cells: CellText[];
  height: number;
}

export interface BlockLayout {
  block: AppendixOutcomeBlock;
  titleLines: string[];
  commentLines: string[];
  rows: RowLayout[];
}

/** Where the next piece of an outcome starts: indicator row, comment line, title line. */
interface Cursor {
  row: number;
  comment: number;
  title: number;
}

/** Part of an outcome on one page. */
export interface Piece {
  layout: BlockLayout;
  rowFrom: number;
  rowTo: number;
  commentFrom: number;
  commentTo: number;
  titleFrom: number;
  titleTo: number;
  /** The outcome started on an earlier page. */
  continued: boolean;
  /** The outcome carries on onto the next page. */
  continues: boolean;
  height: number;
  /**
   * Content height of each table row of the piece (one row when it has no indicator rows).
   * When the outcome's own cells are taller than its rows, the extra is shared between the
   * rows, rather than left to pdfmake, which would stretch only the last one.
   */
  rowHeights: number[];
  /**
   * Taller than a whole page (a title or an indicator cell far longer than any real one): it
   * cannot be kept whole, so pdfmake is left to break it across pages.
   */
  overflows: boolean;
}

export interface PagePlan {
  header: CellText[];
  headerHeight: number;
  pages: Piece[][];
}

export class AppendixLayout {
  /**
   * @param stacked the compact variant: an outcome's indicators read as one cell, one per line,
   *   so spare height goes below the last of them instead of between them.
   */
  constructor(
    private readonly metrics: TextMetrics,
    readonly geometry: PdfGeometry,
    private readonly stacked = false,
  ) {}

  get lineHeight(): number {
    return this.metrics.lineHeight(this.geometry.fontSize);
  }

  /** Padding and the rule above a row. */
  get rowOverhead(): number {
    return this.geometry.lineWidth + 2 * this.geometry.paddingY;
  }

  cell(text: string, column: number, face: Face = 'regular', size = this.geometry.fontSize): CellText {
    const width = this.geometry.widths[column] ?? 0;
    const fitted = this.wordFittingSize(text, width, face, size);
    return { lines: this.metrics.wrap(text, width, face, fitted), face, size: fitted, align: ALIGN[column] ?? 'left' };
  }

  /**
   * The type size at which the cell's longest word fits its column: a word is never broken
   * ("Leicestershir / e"), the cell's type is made a little smaller instead, down to
   * MIN_FITTED_SIZE; only a word too long even then (a 40-letter name) is broken.
   */
  private wordFittingSize(text: string, width: number, face: Face, size: number): number {
    const longest = Math.max(0, ...text.split(/\s+/).map((word) => this.metrics.width(word, face, size)));
    if (longest <= width || width <= 0) return size;
    const fitted = Math.floor(((size * width) / longest) * 4) / 4; // quarter points, rounded down
    return fitted >= MIN_FITTED_SIZE ? fitted : size;
  }

  cellHeight(cell: CellText): number {
    return cell.lines.length * this.metrics.lineHeight(cell.size);
  }

  headerCells(model: AppendixModel): CellText[] {
    return appendixHeaders(model).map((text, c) => this.cell(text, c, 'bold', this.geometry.headerFontSize));
  }

  blockLayout(block: AppendixOutcomeBlock): BlockLayout {
    const rows: RowLayout[] = block.indicators.map((indicator) => {
      const printed = appendixRowCells(block, indicator, false);
      const cells = printed.slice(3).map((text, k) => {
        const column = k + 3;
        const face: Face = column === 6 || column === 7 ? 'bold' : 'regular';
        return this.cell(text, column, face, column === 6 ? this.geometry.arrowFontSize : this.geometry.fontSize);
      });
      return { indicator, cells, height: this.rowOverhead + Math.max(...cells.map((c) => this.cellHeight(c))) };
    });
    if (rows.length === 0) rows.push({ indicator: null, cells: [], height: this.rowOverhead + this.lineHeight });
    return {
      block,
      titleLines: this.metrics.wrap(block.title, this.geometry.widths[0] ?? 0, 'bold', this.geometry.fontSize),
      commentLines: block.comment.trim() === '' ? [] : this.metrics.wrap(block.comment, this.geometry.widths[2] ?? 0, 'regular', this.geometry.fontSize),
      rows,
    };
  }

  /** Height of the outcome's own cells in a piece (title lines with any "(continued)", RAG, comment part). */
  outcomeHeight(titleLines: number, commentLines: number, commentContinues: boolean): number {
    const lh = this.lineHeight;
    const comment = (commentLines + (commentContinues && commentLines > 0 ? 1 : 0)) * lh;
    return this.rowOverhead + Math.max(titleLines * lh, lh, comment);
  }

  /**
   * The largest part of the outcome, from `from`, that fits in `available` points; null when
   * too little fits to be worth starting here (unless forced, on an empty page, where
   * something must go).
   */
  fitPiece(layout: BlockLayout, from: Cursor, continued: boolean, available: number, force: boolean): Piece | null {
    const lh = this.lineHeight;
    const capacity = Math.floor((available - this.rowOverhead + 1e-6) / lh);
    const marker = continued ? 1 : 0;

    // The title is whole on every page, unless it is longer than a page itself.
    const titleLeft = layout.titleLines.length - from.title;
    let titleTake = titleLeft;
    if (titleLeft + marker > capacity) {
      if (!force) return null;
      titleTake = Math.max(1, capacity - marker);
    }
    const titleTo = from.title + titleTake;

    let rowTo = from.row;
    let rowsHeight = 0;
    while (rowTo < layout.rows.length) {
      const height = layout.rows[rowTo]?.height ?? 0;
      if (rowsHeight + height > available) break;
      rowsHeight += height;
      rowTo += 1;
    }
    if (rowTo === from.row && rowTo < layout.rows.length) {
      // The next row does not fit here (rows are never split).
      if (!force) return null;
      rowTo += 1;
    }

    const commentLeft = layout.commentLines.length - from.comment;
    let take = commentLeft;
    if (commentLeft > capacity) {
      take = Math.max(0, capacity - 1); // keep a line for "(continued on next page)"
      if (commentLeft - take < 2 && take > 3) take -= 2 - (commentLeft - take); // no single orphan line
      if (take < 3 && rowTo === from.row && !force) return null;
      if (force) take = Math.max(take, Math.min(commentLeft, 1));
    }
    const commentTo = from.comment + take;
    if (rowTo === from.row && take === 0 && !force) return null;

    const commentContinues = commentTo < layout.commentLines.length;
    const continues = rowTo < layout.rows.length || commentContinues || titleTo < layout.titleLines.length;
    const rows = rowTo > from.row ? layout.rows.slice(from.row, rowTo).map((row) => row.height) : [this.rowOverhead + lh];
    const ownRows = rows.reduce((a, b) => a + b, 0);
    const height = Math.max(ownRows, this.outcomeHeight(titleTake + marker, take, commentContinues));
    const spare = height - ownRows;
    const rowHeights = rows.map((row, i) => {
      const extra = this.stacked ? (i === rows.length - 1 ? spare : 0) : spare / rows.length;
      return row - this.rowOverhead + extra;
    });
    return {
      layout,
      rowFrom: from.row,
      rowTo,
      commentFrom: from.comment,
      commentTo,
      titleFrom: from.title,
      titleTo,
      continued,
      continues,
      height,
      rowHeights,
      overflows: height > available + 1e-6,
    };
  }

  /** Deal the outcomes onto pages of `bodyHeight` points (between the page header and footer). */
  plan(model: AppendixModel, bodyHeight: number): PagePlan {
    const header = this.headerCells(model);
    const headerHeight = this.rowOverhead + Math.max(...header.map((c) => this.cellHeight(c)));
    const tableOverhead = headerHeight + this.geometry.lineWidth;
    const pages: Piece[][] = [[]];
    let used = tableOverhead;
    for (const block of model.outcomes) {
      const layout = this.blockLayout(block);
      const from: Cursor = { row: 0, comment: 0, title: 0 };
      let continued = false;
      for (;;) {
        const page = pages[pages.length - 1] ?? [];
        // An outcome whose title and comment would fit whole on a fresh page starts on one rather
        // than split its comment: white space reads better than a comment broken mid-sentence.
        const whole = this.outcomeHeight(layout.titleLines.length, layout.commentLines.length, false);
        if (!continued && page.length > 0 && whole > bodyHeight - used && whole <= bodyHeight - tableOverhead) {
          pages.push([]);
          used = tableOverhead;
          continue;
        }
        const piece = this.fitPiece(layout, from, continued, bodyHeight - used, page.length === 0);
        if (piece === null) {
          pages.push([]);
          used = tableOverhead;
          continue;
        }
        page.push(piece);
        used += piece.height;
        from.row = piece.rowTo;
        from.comment = piece.commentTo;
        // A title cut because it is longer than a page carries on where it stopped; any other
        // title is repeated whole on the next page.
        const titleCut = piece.titleFrom > 0 || piece.titleTo < layout.titleLines.length;
        from.title = titleCut ? piece.titleTo : 0;
        if (!piece.continues) break;
        pages.push([]);
        used = tableOverhead;
        continued = true;
      }
    }
    return { header, headerHeight, pages: pages.filter((page) => page.length > 0) };
  }
}
