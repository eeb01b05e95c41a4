/**
 * The action log as a PDF for the agenda pack: A4 landscape, DejaVu Sans (as the appendix),
 * the title in every page's header, the column headers repeated on every page, no action split
 * across pages, the status as a word on its RAG fill, and "Page n of m".
 * Actions are short enough that pdfmake's own page breaking serves (no page plan as the appendix needs).
 */
import type { ActionLogEntry } from '../../../shared/api/types';
import { ACTION_LOG_HEADERS, actionLogRowCells, formatActionDate } from '../../../shared/domain/action-log';
import { RAG_COLOURS } from './appendix-parts';
import { PDF_FONT as FONT, renderPdf } from './pdfmake';
import { dejaVuFontFiles } from './pdf-text';




export interface ActionLogPdfOptions {
  author: string;
  title: string;
  asAt: string;
  openOnly?: boolean;
  fontDir?: string;
}

export async function writeActionLogPdf(entries: readonly ActionLogEntry[], options: ActionLogPdfOptions): Promise<Buffer> {
  const header = ACTION_LOG_HEADERS.map((text) => ({ text, bold: true, fillColor: '#D9D9D9' }));
  const body = entries.map((entry) =>
    actionLogRowCells(entry).map((text, c) => {
      if (c !== 5 || entry.closedOn) return { text };
      const colours = RAG_COLOURS[entry.status];
      return { text, bold: true, fillColor: `#${colours.fill}`, color: `#${colours.text}` };
    }),
  );
  const table = entries.length > 0
    ? { table: { headerRows: 1, dontBreakRows: true, widths: [24, 58, '*', 104, '*', 44, 58], body: [header, ...body] } }
    : { text: options.openOnly ? 'No open actions.' : 'No actions in the log.', italics: true };
  const doc = {
    info: { title: options.title, author: options.author, subject: 'Action log', creator: 'Boardpack', producer: 'Boardpack' },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 50, 28, 40],
    language: 'en-GB',
    defaultStyle: { font: FONT, fontSize: 8.5 },
    header: () => ({ margin: [28, 18, 28, 0], text: options.title, bold: true, fontSize: 11 }),
    footer: (page: number, count: number) => ({ margin: [28, 12, 28, 0], fontSize: 7, text: `Page ${page} of ${count}`, alignment: 'right' }),
    content: [{ text: `As at ${formatActionDate(options.asAt)}${options.openOnly ? ': open actions only' : ''}.`, italics: true, margin: [0, 0, 0, 6] }, table],
  };
  return renderPdf(doc, dejaVuFontFiles(options.fontDir));
}
