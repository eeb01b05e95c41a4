/**
 * The appendix as a PDF for the published agenda pack: landscape A4, real (selectable) text in
 * DejaVu Sans, the title and the table header on every page, no indicator row split across
 * pages, an outcome that continues on a new page repeated there marked "(continued)", the key
 * to the arrows and RAG letters and "Page n of m" in every page's footer, and the footnotes,
 * method and sources at the end. RAG cells are coloured, but the letter is always printed.
 *
 * pdf-plan.ts decides what goes on each page; this module turns the plan into a pdfmake
 * document (one table per page) and renders it. pdfmake is told to fetch no URL and to read no
 * file but the four font files.
 *
 * The plan is checked against pdfmake's own layout (the `pageBreakBefore` hook reports the page
 * of every row): if any row landed on another page than planned, the plan is made again with a
 * safety margin, so a measuring error costs a little white space, never a wrong "(continued)".
 */
import type { AppendixModel } from '../../../shared/domain/appendix';
import { DIRECTION_KEY, RAG_COLOURS, RAG_INK, RAG_KEY, isRag } from './appendix-parts';
import type { AppendixVariant } from './appendix-parts';
import { AppendixLayout, CONTINUED, CONTINUES } from './pdf-plan';
import type { CellText, PagePlan, PdfGeometry, Piece } from './pdf-plan';
import { PDF_FONT as FONT, renderPdf, renderWithPlan } from './pdfmake';
import { dejaVuFontFiles, textMetrics } from './pdf-text';
import type { FontFiles, TextMetrics } from './pdf-text';


export interface PdfOptions {
  author: string;
  variant?: AppendixVariant;
  /**
   * Pages after the appendix (the agenda pack's page per indicator), with the same page
   * furniture: the title in the header, the key and "Page n of m" in the footer.
   */
  after?: { content: Content[]; images: Record<string, string>; subject: string };
  /** Folder holding DejaVuSans*.ttf, when the package folder is not where the app runs from. */
  fontDir?: string;
  /**
   * Told how far the rendering has got: each page as its footer is laid out (pdfmake lays out
   * every page, then their footers), then the share of the pages drawn into the file. An error
   * either throws stops the rendering (Cancel).
   */
  progress?: PdfProgress;
}

export interface PdfProgress {
  /** The pages are planned (the first time in a process this reads the fonts' metrics); pdfmake lays them out next. */
  onPlanned(): void;
  /**
   * Asked again and again while pdfmake measures and lays out the tables (their layouts call
   * it): pdfmake lays the whole document out in one go, and this is the way to stop it part way.
   */
  check(): void;
  onPage(page: number, pages: number): void;
  onDrawn(fraction: number): void;
}

export interface RenderedPdf {
  buffer: Buffer;
  pageCount: number;
  /** Pages as planned (false only if even the safety margins could not make pdfmake agree). */
  planHeld: boolean;
}

// ---------------------------------------------------------------------------------------------
// pdfmake, as far as this module uses it (pdfmake ships no types).

export type Content = string | number | ContentObject | Content[];
export interface ContentObject {
  [key: string]: unknown;
}
interface NodeInfo {
  id?: unknown;
  pageNumbers: number[];
}
interface TableLayout {
  hLineWidth: (i: number) => number;
  vLineWidth: (i: number) => number;
  hLineColor: (i: number) => string;
  vLineColor: (i: number) => string;
  paddingLeft: (i: number) => number;
  paddingRight: (i: number) => number;
  paddingTop: (i: number) => number;
  paddingBottom: (i: number) => number;
}
interface DocDefinition {
  info: Record<string, string>;
  pageSize: string;
  pageOrientation: 'landscape';
  pageMargins: [number, number, number, number];
  language: string;
  displayTitle: boolean;
  defaultStyle: ContentObject;
  header: (currentPage: number, pageCount: number) => Content;
  footer: (currentPage: number, pageCount: number) => Content;
  content: Content[];
  images?: Record<string, string>;
  pageBreakBefore: (node: NodeInfo) => boolean;
}



// ---------------------------------------------------------------------------------------------
// Geometry

const PAGE_WIDTH = 841.89; // A4 landscape, points
const PAGE_HEIGHT = 595.28;
const MARGINS = { left: 24, top: 40, right: 24, bottom: 42 };
const PADDING_X = 3;
const LINE_WIDTH = 0.5;

/**
 * Relative column widths: outcome, RAG, comment, indicator, previous, latest, direction,
 * progress, county, district. Each is at least as wide as the longest word of its header in
 * 7pt bold ("Comparison" is 47pt), so no header word is broken; "Latest" holds
 * "55.4% (Q3 2014-15)" on one line.
 */
const COLUMN_SHARES = [118, 36, 156, 122, 44, 78, 40, 38, 48, 48];

function geometry(): PdfGeometry {
  const shares = COLUMN_SHARES;
  const columns = shares.length;
  const content = PAGE_WIDTH - MARGINS.left - MARGINS.right - columns * 2 * PADDING_X - (columns + 1) * LINE_WIDTH;
  const total = shares.reduce((a, b) => a + b, 0);
  return {
    pageWidth: PAGE_WIDTH,
    pageHeight: PAGE_HEIGHT,
    margins: MARGINS,
    widths: shares.map((share) => Math.floor((share / total) * content * 100) / 100),
    paddingX: PADDING_X,
    paddingY: 2.5,
    lineWidth: LINE_WIDTH,
    fontSize: 7.5,
    headerFontSize: 7,
    arrowFontSize: 10,
  };
}

// ---------------------------------------------------------------------------------------------
// Document

const RULE = '#8C8C8C';
const HEADER_FILL = '#D9D9D9';

function text(cell: CellText, extra: ContentObject = {}): ContentObject {
  return {
    text: cell.lines.join('\n'),
    alignment: cell.align,
    bold: cell.face === 'bold',
    italics: cell.face === 'italic',
    fontSize: cell.size,
    ...extra,
  };
}

function ragFill(letter: string): ContentObject {
  if (!isRag(letter)) return {};
  const colours = RAG_COLOURS[letter];
  return { fillColor: `#${colours.fill}`, color: `#${colours.text}` };
}

/** Compact variant: the indicator's letter in a dark shade of its colour, on white. */
function ragInk(letter: string): ContentObject {
  return isRag(letter) ? { color: `#${RAG_INK[letter]}` } : {};
}

interface RenderContext {
  geometry: PdfGeometry;
  variant: AppendixVariant;
  /** A fresh id for a node on `page`, for checking pdfmake's pages against the plan. */
  nextId: (page: number) => string;
  /**
   * The arrows print larger than the text beside them; lifting them by the difference in
   * ascent puts them on the same baseline, so text extraction (copying, screen readers,
   * pdftotext -layout) reads each row as one line. Row heights come from the plan.
   */
  arrowLift: number;
  /** PdfProgress.check, or nothing. */
  check: () => void;
}

/** The table rows for one piece of an outcome (the outcome's cells span them). */
function pieceRows(piece: Piece, page: number, context: RenderContext): Content[][] {
  const { layout } = piece;
  const rows = layout.rows.slice(piece.rowFrom, piece.rowTo);
  const span = Math.max(1, rows.length);
  const spanned = span > 1 ? { rowSpan: span } : {};
  const commentContinues = piece.commentTo < layout.commentLines.length;
  const title: ContentObject = {
    ...spanned,
    id: context.nextId(page),
    stack: [
      { text: layout.titleLines.slice(piece.titleFrom, piece.titleTo).join('\n'), bold: true },
      ...(piece.continued ? [{ text: CONTINUED, italics: true }] : []),
    ],
  };
  const rag = layout.block.rag ?? '';
  const ragCell: ContentObject = { ...spanned, text: rag, bold: true, alignment: 'center', ...ragFill(rag) };
  const commentLines = layout.commentLines.slice(piece.commentFrom, piece.commentTo);
  const comment: ContentObject = {
    ...spanned,
    stack: [
      { text: commentLines.join('\n') },
      ...(commentContinues && commentLines.length > 0 ? [{ text: CONTINUES, italics: true }] : []),
    ],
  };
  if (rows.length === 0) return [[title, ragCell, comment, '', '', '', '', '', '', '']];
  return rows.map((row, i) => {
    const outcome: Content[] = i === 0 ? [title, ragCell, comment] : ['', '', ''];
    if (row.cells.length === 0) return [...outcome, '', '', '', '', '', '', ''];
    const cells = row.cells.map((cell, k) => {
      const column = k + 3;
      if (column === 3) return text(cell, { id: context.nextId(page) });
      if (column === 6) return text(cell, { relativePosition: { x: 0, y: -context.arrowLift } });
      if (column === 7) return text(cell, context.variant === 'compact' ? ragInk(cell.lines.join('')) : ragFill(cell.lines.join('')));
      return text(cell);
    });
    return [...outcome, ...cells];
  });
}

function tableLayout(geometryUsed: PdfGeometry, innerLines: Set<number>, check: () => void): TableLayout {
  return {
    // pdfmake asks these as it measures the table and lays out each row: Cancel is heard there.
    hLineWidth: (i) => {
      check();
      return innerLines.has(i) ? 0 : geometryUsed.lineWidth;
    },
    vLineWidth: () => {
      check();
      return geometryUsed.lineWidth;
    },
    hLineColor: () => RULE,
    vLineColor: () => RULE,
    paddingLeft: () => geometryUsed.paddingX,
    paddingRight: () => geometryUsed.paddingX,
    paddingTop: () => geometryUsed.paddingY,
    paddingBottom: () => geometryUsed.paddingY,
  };
}

function pageTable(plan: PagePlan, pieces: Piece[], page: number, context: RenderContext): ContentObject {
  const geometryUsed = context.geometry;
  const header = plan.header.map((cell) => text(cell, { fillColor: HEADER_FILL }));
  const body: Content[][] = [header];
  const heights: Array<number | 'auto'> = ['auto'];
  /** Compact: no rule between the indicators of one outcome, so each outcome reads as one cell. */
  const innerLines = new Set<number>();
  for (const piece of pieces) {
    const rows = pieceRows(piece, page, context);
    if (context.variant === 'compact') for (let i = 1; i < rows.length; i += 1) innerLines.add(body.length + i);
    body.push(...rows);
    heights.push(...piece.rowHeights.map((height) => Math.ceil(height * 100) / 100));
  }
  // A piece taller than a page cannot be kept whole: let pdfmake break it rather than lose it.
  const overflows = pieces.some((piece) => piece.overflows);
  return {
    table: { headerRows: 1, dontBreakRows: !overflows, widths: geometryUsed.widths, heights: overflows ? undefined : heights, body },
    layout: tableLayout(geometryUsed, innerLines, context.check),
    ...(page > 1 ? { pageBreak: 'before' } : {}),
  };
}

/** An appendix with no outcomes still shows its header, and says so. */
function emptyTable(plan: PagePlan, geometryUsed: PdfGeometry): ContentObject {
  const header = plan.header.map((cell) => text(cell, { fillColor: HEADER_FILL }));
  const message = { text: 'There are no outcomes or indicators in this appendix.', italics: true, colSpan: header.length };
  return {
    table: { headerRows: 1, widths: geometryUsed.widths, body: [header, [message, ...header.slice(1).map(() => '')]] },
    layout: tableLayout(geometryUsed, new Set(), () => undefined),
  };
}

function keyInlines(): Content[] {
  const inlines: Content[] = [{ text: 'Key: ', bold: true }];
  for (const entry of DIRECTION_KEY) inlines.push({ text: entry.symbol, bold: true }, ` ${entry.meaning}     `);
  inlines.push('   ');
  for (const entry of RAG_KEY) {
    const colours = isRag(entry.symbol) ? RAG_COLOURS[entry.symbol] : { fill: 'FFFFFF', text: '000000' };
    inlines.push({ text: ` ${entry.symbol} `, bold: true, background: `#${colours.fill}`, color: `#${colours.text}` }, ` ${entry.meaning}     `);
  }
  return inlines;
}

/** How the notes under the table are set: full size with headings, or smaller with run-in headings. */
interface NotesStyle {
  size: number;
  /** Each section one paragraph ("Sources: a; b; c"), its heading run in. */
  runIn: boolean;
}

const NOTES_FULL: NotesStyle = { size: 7.5, runIn: false };
/** Used when the full notes would go alone onto a page of their own and these fit under the table. */
const NOTES_COMPACT: NotesStyle = { size: 6.5, runIn: true };
const NOTES_TOP = 4;
const HEADING_MARGIN = { top: 6, bottom: 2 };
const RUN_IN_GAP = 2;

function noteSections(model: AppendixModel): Array<{ heading: string; items: string[]; joiner: string }> {
  const sections: Array<{ heading: string; items: string[]; joiner: string }> = [];
  if (model.footnotes.length > 0) sections.push({ heading: 'Notes', items: model.footnotes, joiner: ' ' });
  if (model.method.trim() !== '') sections.push({ heading: 'Method', items: [model.method], joiner: ' ' });
  if (model.sources.length > 0) sections.push({ heading: 'Sources', items: model.sources, joiner: '; ' });
  return sections;
}

/** A section's items as one run-in paragraph: "Sources: Community-based survey; Youth Offending Service." */
function runInText(heading: string, items: string[], joiner: string): string {
  if (heading !== 'Sources') return items.join(joiner);
  const bare = items.map((item) => item.replace(/^Sources?:\s*/i, '').replace(/\.\s*$/, '').trim()).filter(Boolean);
  return `${bare.join(joiner)}.`;
}

function notes(model: AppendixModel, style: NotesStyle = NOTES_FULL): Content[] {
  const sections = noteSections(model);
  if (sections.length === 0) return [];
  if (style.runIn) {
    const paragraphs = sections.map(({ heading, items, joiner }) => ({ text: [{ text: `${heading}: `, bold: true }, runInText(heading, items, joiner)], margin: [0, RUN_IN_GAP, 0, 0] }));
    return [{ stack: paragraphs, margin: [0, NOTES_TOP, 0, 0], fontSize: style.size }];
  }
  /** A heading is kept with (at least the start of) what it heads. */
  const section = ({ heading, items }: { heading: string; items: string[] }): ContentObject => {
    const head = { text: heading, bold: true, margin: [0, HEADING_MARGIN.top, 0, HEADING_MARGIN.bottom] };
    const [first, ...rest] = (heading === 'Sources' ? items.map((item) => `• ${item}`) : items).map((item) => ({ text: item }));
    return { stack: [{ stack: [head, first ?? ''], unbreakable: true }, ...rest] };
  };
  return [{ stack: sections.map(section), margin: [0, NOTES_TOP, 0, 0], fontSize: style.size }];
}

/** The notes' height set in `style` across the page's width (points); bold throughout for a run-in paragraph, to be safe. */
function notesHeight(model: AppendixModel, style: NotesStyle, metrics: TextMetrics, width: number): number {
  const lines = (text: string, face: 'bold' | 'regular') => metrics.wrap(text, width, face, style.size).length * metrics.lineHeight(style.size);
  let height = NOTES_TOP;
  for (const { heading, items, joiner } of noteSections(model)) {
    if (style.runIn) {
      height += RUN_IN_GAP + lines(`${heading}: ${runInText(heading, items, joiner)}`, 'bold');
      continue;
    }
    height += HEADING_MARGIN.top + HEADING_MARGIN.bottom + lines(heading, 'bold');
    for (const item of items) height += lines(heading === 'Sources' ? `• ${item}` : item, 'regular');
  }
  return height;
}

/**
 * Full notes, unless they would not fit under the table's last page and smaller ones would:
 * then the smaller ones, so that no page holds only a few lines of notes.
 */
function notesStyleFor(model: AppendixModel, room: number, metrics: TextMetrics, width: number): NotesStyle {
  if (notesHeight(model, NOTES_FULL, metrics, width) <= room) return NOTES_FULL;
  return notesHeight(model, NOTES_COMPACT, metrics, width) <= room ? NOTES_COMPACT : NOTES_FULL;
}

interface Attempt extends RenderedPdf {
  plannedPages: number;
}

/** Landscape A4 inside the appendix's margins, for pages added after the appendix. */
export const PDF_BODY = { width: PAGE_WIDTH - MARGINS.left - MARGINS.right, height: PAGE_HEIGHT - MARGINS.top - MARGINS.bottom };

async function render(model: AppendixModel, options: PdfOptions, files: FontFiles, safety: number): Promise<Attempt> {
  const variant = options.variant ?? 'standard';
  const used = geometry();
  const metrics = textMetrics(files);
  const layout = new AppendixLayout(metrics, used, variant === 'compact');
  const bodyHeight = used.pageHeight - used.margins.top - used.margins.bottom - safety;
  const plan = layout.plan(model, bodyHeight);

  let sequence = 0;
  const context: RenderContext = {
    geometry: used,
    variant,
    nextId: (page) => `bp-${page}-${(sequence += 1)}`,
    arrowLift: metrics.ascent(used.arrowFontSize) - metrics.ascent(used.fontSize),
    check: options.progress ? () => options.progress!.check() : () => undefined,
  };
  const content: Content[] = plan.pages.map((pieces, i) => pageTable(plan, pieces, i + 1, context));
  if (content.length === 0) content.push(emptyTable(plan, used));
  // Room left under the table on its last page, less a line's worth for pdfmake's rounding.
  const lastPage = plan.pages[plan.pages.length - 1] ?? [];
  const usedOnLast = plan.headerHeight + used.lineWidth + lastPage.reduce((sum, piece) => sum + piece.height, 0);
  const room = bodyHeight - usedOnLast - metrics.lineHeight(used.fontSize);
  content.push(...notes(model, notesStyleFor(model, room, metrics, used.pageWidth - used.margins.left - used.margins.right)));
  if (options.after) content.push(...options.after.content);

  let planHeld = true;
  let pageCount = 0;
  const pageOfTable = new Map<string, number>();
  const overflowing = new Set(plan.pages.map((pieces, i) => (pieces.some((piece) => piece.overflows) ? i + 1 : 0)).filter((i) => i > 0));
  const doc: DocDefinition = {
    info: {
      title: model.title,
      author: options.author,
      subject: options.after?.subject ?? `Performance dashboard appendix ${model.periodName}`,
      creator: 'Boardpack',
      producer: 'Boardpack',
    },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [used.margins.left, used.margins.top, used.margins.right, used.margins.bottom],
    language: 'en-GB',
    displayTitle: true,
    defaultStyle: { font: FONT, fontSize: used.fontSize, lineHeight: 1 },
    header: () => ({ text: model.title, bold: true, fontSize: 11, margin: [used.margins.left, 16, used.margins.right, 0] }),
    footer: (currentPage, pages) => {
      pageCount = pages;
      options.progress?.onPage(currentPage, pages);
      return {
        margin: [used.margins.left, 12, used.margins.right, 0],
        fontSize: 7,
        columns: [
          { width: '*', text: keyInlines() },
          { width: 'auto', text: `Page ${currentPage} of ${pages}`, alignment: 'right' },
        ],
      };
    },
    content,
    ...(options.after ? { images: options.after.images } : {}),
    pageBreakBefore: (node) => {
      // Every planned page's table must lie on one page: its rows report their pages here.
      if (typeof node.id === 'string' && node.id.startsWith('bp-')) {
        const table = node.id.split('-')[1] ?? '';
        if (!overflowing.has(Number(table))) {
          const first = node.pageNumbers[0];
          const seen = pageOfTable.get(table) ?? first;
          if (node.pageNumbers.length !== 1 || first !== seen) planHeld = false;
          if (seen !== undefined) pageOfTable.set(table, seen);
        }
      }
      return false;
    },
  };
  options.progress?.onPlanned();
  const buffer = await renderPdf(doc, files, options.progress && ((fraction) => options.progress!.onDrawn(fraction)));
  return { buffer, pageCount, planHeld, plannedPages: plan.pages.length };
}

export async function renderAppendixPdf(model: AppendixModel, options: PdfOptions): Promise<RenderedPdf> {
  const files = dejaVuFontFiles(options.fontDir);
  const attempt = await renderWithPlan((safety) => render(model, options, files, safety));
  return { buffer: attempt.buffer, pageCount: attempt.pageCount, planHeld: attempt.planHeld };
}

export async function writeAppendixPdf(model: AppendixModel, options: PdfOptions): Promise<Buffer> {
  return (await renderAppendixPdf(model, options)).buffer;
}
