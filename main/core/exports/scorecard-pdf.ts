/**
 * The plan scorecard as a PDF for the agenda pack: landscape A4, real text in DejaVu Sans (the
 * appendix's embedded fonts), the title on every page, one table per priority with the
 * priority's name and the column headers at its top, no row split across pages, a priority that
 * continues on a new page repeated there marked "(continued)", the significance cells shaded
 * (with their words always printed), the key and "Page n of m" in every page's footer, and the
 * method and sources at the end.
 *
 * As for the appendix (pdf.ts), the pages are planned here from measured text (pdf-text.ts):
 * each cell's text is broken into lines before pdfmake sees it, so every row's height is known.
 * The plan is then checked against pdfmake's own layout and made again with a safety margin if
 * any row landed elsewhere, so a measuring error costs white space, never a wrong "(continued)".
 */
import type { ScorecardModel, ScorecardPriority, ScorecardRow } from '../../../shared/domain/scorecard';
import { SIGNIFICANCE_KEY, scorecardHeaders, scorecardRowCells, significanceKeySuffix } from '../../../shared/domain/scorecard';
import { SIGNIFICANCE_COLOURS, scorecardSubtitle } from './scorecard-parts';
import { PDF_FONT as FONT, renderPdf, renderWithPlan } from './pdfmake';
import { dejaVuFontFiles, textMetrics } from './pdf-text';
import type { Face, FontFiles, TextMetrics } from './pdf-text';
import { CONTINUED } from './pdf-plan';


export interface ScorecardPdfOptions {
  author: string;
  /** Folder holding DejaVuSans*.ttf, when the package folder is not where the app runs from. */
  fontDir?: string;
}

export interface RenderedScorecardPdf {
  buffer: Buffer;
  pageCount: number;
  /** Pages as planned (false only if even the safety margins could not make pdfmake agree). */
  planHeld: boolean;
}

// pdfmake, as far as this module uses it (pdfmake ships no types).
type Content = string | ContentObject | Content[];
interface ContentObject {
  [key: string]: unknown;
}
interface NodeInfo {
  id?: unknown;
  pageNumbers: number[];
}



// ---------------------------------------------------------------------------------------------
// Geometry (points)

const PAGE_WIDTH = 841.89; // A4 landscape
const PAGE_HEIGHT = 595.28;
const MARGINS = { left: 28, top: 50, right: 28, bottom: 50 };
const PADDING_X = 4;
const PADDING_Y = 3;
const LINE_WIDTH = 0.5;
const FONT_SIZE = 8;
const HEADER_FONT_SIZE = 7.5;
const TITLE_FONT_SIZE = 9;
/** Space above each priority's table but the first on a page. */
const TABLE_GAP = 10;
const COLUMNS = 7;

/** Indicator, baseline, latest, % var., position, significance, projection. */
const COLUMN_SHARES = [268, 70, 95, 55, 70, 140, 82];
/** Centred columns: everything but the indicator's name. */
const ALIGN: Array<'left' | 'center'> = ['left', 'center', 'center', 'center', 'center', 'center', 'center'];

function columnWidths(): number[] {
  const content = PAGE_WIDTH - MARGINS.left - MARGINS.right - COLUMNS * 2 * PADDING_X - (COLUMNS + 1) * LINE_WIDTH;
  const total = COLUMN_SHARES.reduce((a, b) => a + b, 0);
  return COLUMN_SHARES.map((share) => Math.floor((share / total) * content * 100) / 100);
}

// ---------------------------------------------------------------------------------------------
// Plan

interface Cell {
  lines: string[];
  face: Face;
  size: number;
}

interface RowPlan {
  row: ScorecardRow;
  cells: Cell[];
  height: number;
}

/** Part of a priority on one page. */
interface Piece {
  priority: ScorecardPriority;
  continued: boolean;
  title: Cell;
  rows: RowPlan[];
}

class ScorecardLayout {
  readonly widths = columnWidths();
  readonly tableWidth: number;

  constructor(private readonly metrics: TextMetrics) {
    this.tableWidth = this.widths.reduce((a, b) => a + b, 0) + COLUMNS * 2 * PADDING_X + (COLUMNS - 1) * LINE_WIDTH;
  }

  cell(text: string, width: number, face: Face, size: number): Cell {
    return { lines: this.metrics.wrap(text, width, face, size), face, size };
  }

  /** A table row's height: padding, the rule above it and its tallest cell. */
  rowHeight(cells: Cell[]): number {
    return LINE_WIDTH + 2 * PADDING_Y + Math.max(...cells.map((c) => c.lines.length * this.metrics.lineHeight(c.size)));
  }

  header(model: ScorecardModel): Cell[] {
    return scorecardHeaders(model).map((text, c) => this.cell(text, this.widths[c] ?? 0, 'bold', HEADER_FONT_SIZE));
  }

  title(priority: ScorecardPriority, continued: boolean): Cell {
    return this.cell(continued ? `${priority.title} ${CONTINUED}` : priority.title, this.tableWidth - 2 * PADDING_X, 'bold', TITLE_FONT_SIZE);
  }

  row(row: ScorecardRow): RowPlan {
    const cells = scorecardRowCells(row).map((text, c) => this.cell(text, this.widths[c] ?? 0, c === 5 ? 'bold' : 'regular', FONT_SIZE));
    return { row, cells, height: this.rowHeight(cells) };
  }

  /** Deal the priorities onto pages of `bodyHeight` points. */
  plan(model: ScorecardModel, bodyHeight: number): Piece[][] {
    const headerHeight = this.rowHeight(this.header(model));
    const pages: Piece[][] = [[]];
    let used = 0;
    for (const priority of model.priorities) {
      const rows = priority.rows.map((row) => this.row(row));
      let next = 0;
      let continued = false;
      while (next < rows.length || (rows.length === 0 && !continued)) {
        const page = pages[pages.length - 1] ?? [];
        const title = this.title(priority, continued);
        const gap = page.length > 0 ? TABLE_GAP : 0;
        const overhead = gap + this.rowHeight([title]) + headerHeight + LINE_WIDTH;
        let height = overhead;
        let take = next;
        while (take < rows.length && height + (rows[take]?.height ?? 0) <= bodyHeight - used) {
          height += rows[take]?.height ?? 0;
          take += 1;
        }
        // Start a table only with at least one of its rows (an empty page takes one regardless).
        if (take === next && rows.length > 0 && page.length > 0) {
          pages.push([]);
          used = 0;
          continue;
        }
        if (take === next && rows.length > 0) take = next + 1;
        // No lone row carried over to the next page: take one more with it, if this piece keeps 2.
        if (rows.length - take === 1 && take - next >= 3) take -= 1;
        page.push({ priority, continued, title, rows: rows.slice(next, take) });
        used += height;
        next = take;
        if (rows.length === 0) break;
        if (next < rows.length) {
          pages.push([]);
          used = 0;
          continued = true;
        }
      }
    }
    return pages.filter((page) => page.length > 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Document

const RULE = '#8C8C8C';
const HEADER_FILL = '#D9D9D9';
const TITLE_FILL = '#F2F2F2';

function text(cell: Cell, extra: ContentObject = {}): ContentObject {
  return { text: cell.lines.join('\n'), bold: cell.face === 'bold', italics: cell.face === 'italic', fontSize: cell.size, ...extra };
}

function significanceFill(row: ScorecardRow): ContentObject {
  if (!row.significance) return {};
  const colours = SIGNIFICANCE_COLOURS[row.significance];
  return { fillColor: `#${colours.fill}`, color: `#${colours.text}` };
}

function pieceTable(piece: Piece, header: Cell[], widths: number[], page: number, first: boolean, nextId: (page: number) => string): ContentObject {
  const titleRow: Content[] = [
    text(piece.title, { colSpan: COLUMNS, fillColor: TITLE_FILL, id: nextId(page) }),
    ...Array.from({ length: COLUMNS - 1 }, () => ''),
  ];
  const headerRow = header.map((cell, c) => text(cell, { fillColor: HEADER_FILL, alignment: ALIGN[c] }));
  const body: Content[][] = [titleRow, headerRow];
  for (const plan of piece.rows) {
    body.push(
      plan.cells.map((cell, c) => {
        const extra: ContentObject = { alignment: ALIGN[c] };
        if (c === 0) extra.id = nextId(page);
        if (c === 5) Object.assign(extra, significanceFill(plan.row));
        return text(cell, extra);
      }),
    );
  }
  if (piece.rows.length === 0) {
    body.push([{ text: 'No indicator of this priority has a value.', italics: true, colSpan: COLUMNS }, ...Array.from({ length: COLUMNS - 1 }, () => '')]);
  }
  return {
    table: { headerRows: 2, keepWithHeaderRows: 1, dontBreakRows: true, widths, body },
    layout: {
      hLineWidth: () => LINE_WIDTH,
      vLineWidth: () => LINE_WIDTH,
      hLineColor: () => RULE,
      vLineColor: () => RULE,
      paddingLeft: () => PADDING_X,
      paddingRight: () => PADDING_X,
      paddingTop: () => PADDING_Y,
      paddingBottom: () => PADDING_Y,
    },
    ...(first && page > 1 ? { pageBreak: 'before' } : {}),
    ...(first ? {} : { margin: [0, TABLE_GAP, 0, 0] }),
  };
}

function keyLines(model: ScorecardModel): Content[] {
  const shaded: Content[] = [{ text: 'Key: ', bold: true }];
  SIGNIFICANCE_KEY.forEach((entry, i) => {
    const colours = SIGNIFICANCE_COLOURS[entry.significance];
    const words = i === 0 ? `${entry.words.charAt(0).toUpperCase()}${entry.words.slice(1)}` : entry.words;
    if (i > 0) shaded.push(' / ');
    shaded.push({ text: ` ${words} `, bold: true, background: `#${colours.fill}`, color: `#${colours.text}` });
  });
  shaded.push(` ${significanceKeySuffix(model.baselineLabel)}`);
  return [{ text: shaded }, { text: model.key.slice(1).join('.   '), margin: [0, 2, 0, 0] }];
}

function notes(model: ScorecardModel): Content[] {
  const out: Content[] = [];
  const section = (heading: string, items: Content[]): ContentObject => {
    const head = { text: heading, bold: true, margin: [0, 6, 0, 2] };
    const [first, ...rest] = items;
    return { stack: [{ stack: [head, first ?? ''], unbreakable: true }, ...rest] };
  };
  if (model.method.trim() !== '') out.push(section('Method', [{ text: model.method }]));
  if (model.sources.length > 0) out.push(section('Sources', model.sources.map((source) => ({ text: `• ${source}` }))));
  return out.length > 0 ? [{ stack: out, margin: [0, 6, 0, 0] }] : [];
}

interface Attempt extends RenderedScorecardPdf {
  plannedPages: number;
}

async function render(model: ScorecardModel, options: ScorecardPdfOptions, files: FontFiles, safety: number): Promise<Attempt> {
  const metrics = textMetrics(files);
  const layout = new ScorecardLayout(metrics);
  const bodyHeight = PAGE_HEIGHT - MARGINS.top - MARGINS.bottom - safety;
  const pages = layout.plan(model, bodyHeight);
  const header = layout.header(model);

  let sequence = 0;
  const nextId = (page: number) => `sc-${page}-${(sequence += 1)}`;
  const content: Content[] = [];
  pages.forEach((pieces, p) => pieces.forEach((piece, i) => content.push(pieceTable(piece, header, layout.widths, p + 1, i === 0, nextId))));
  if (content.length === 0) content.push({ text: 'There are no priorities with indicator values for this scorecard.', italics: true });
  content.push(...notes(model));

  let planHeld = true;
  let pageCount = 0;
  const doc: ContentObject = {
    info: { title: model.title, author: options.author, subject: `Plan scorecard ${model.periodName}`, creator: 'Boardpack', producer: 'Boardpack' },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [MARGINS.left, MARGINS.top, MARGINS.right, MARGINS.bottom],
    language: 'en-GB',
    displayTitle: true,
    defaultStyle: { font: FONT, fontSize: FONT_SIZE, lineHeight: 1 },
    header: () => ({
      margin: [MARGINS.left, 16, MARGINS.right, 0],
      stack: [
        { text: model.title, bold: true, fontSize: 11 },
        { text: scorecardSubtitle(model), fontSize: 7.5, margin: [0, 2, 0, 0] },
      ],
    }),
    footer: (currentPage: number, count: number) => {
      pageCount = count;
      return {
        margin: [MARGINS.left, 10, MARGINS.right, 0],
        fontSize: 7,
        columns: [
          { width: '*', stack: keyLines(model) },
          { width: 'auto', text: `Page ${currentPage} of ${count}`, alignment: 'right', margin: [8, 0, 0, 0] },
        ],
      };
    },
    content,
    pageBreakBefore: (node: NodeInfo) => {
      // Every row must land on the page planned for it (its id says which).
      if (typeof node.id === 'string' && node.id.startsWith('sc-')) {
        const planned = Number(node.id.split('-')[1]);
        if (node.pageNumbers.length !== 1 || node.pageNumbers[0] !== planned) planHeld = false;
      }
      return false;
    },
  };
  const buffer = await renderPdf(doc, files);
  return { buffer, pageCount, planHeld, plannedPages: pages.length };
}

export async function renderScorecardPdf(model: ScorecardModel, options: ScorecardPdfOptions): Promise<RenderedScorecardPdf> {
  const files = dejaVuFontFiles(options.fontDir);
  const attempt = await renderWithPlan((safety) => render(model, options, files, safety));
  return { buffer: attempt.buffer, pageCount: attempt.pageCount, planHeld: attempt.planHeld };
}

export async function writeScorecardPdf(model: ScorecardModel, options: ScorecardPdfOptions): Promise<Buffer> {
  return (await renderScorecardPdf(model, options)).buffer;
}
