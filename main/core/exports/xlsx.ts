/**
 * The appendix as an Excel workbook, for officers who edit or circulate it.
 *
 * Layout: the title (row 1), the ten column headers (row 2, frozen and repeated on every printed
 * page), then one row per indicator with the outcome, its RAG and its comment merged down over
 * the outcome's rows; below the table the key, the footnotes, the method and the sources.
 * Landscape A4, one page wide, page header with the title, footer with the key and
 * "Page n of m".
 *
 * Text is written exactly as the model has it. A value is written as an Excel number only when
 * the model says it may be (AppendixValue.number with its numberFormat, which displays as the
 * text). Nothing is ever written as a formula: exceljs writes a JavaScript string as a string
 * cell whatever it starts with (only `{ formula }` values become formulas, and this module
 * never builds one), so "=1+1" stays the text "=1+1".
 *
 * Excel does not fit row heights to wrapped text in merged cells, so row heights are estimated
 * here from the text length and the column widths.
 */
// exceljs loads on first use, so commands that never write a workbook never parse it.
import type ExcelJS from 'exceljs';
import type { AppendixModel, AppendixOutcomeBlock, AppendixValue } from '../../../shared/domain/appendix';
import { appendixHeaders, appendixRowCells } from '../../../shared/domain/appendix';
import { DIRECTION_KEY, RAG_COLOURS, RAG_INK, RAG_KEY, compactRowCells, isRag, keyLine, outcomeOnlyCells } from './appendix-parts';
import type { AppendixVariant } from './appendix-parts';
import { BORDER, LINE_HEIGHT, MAX_ROW_HEIGHT, ROW_PADDING, XLSX_FONT as FONT, XLSX_FONT_SIZE as FONT_SIZE, estimateLines, heightFor, printedSheet, setText, solid, writeHeaderRow } from './xlsx-print';

export interface XlsxOptions {
  author: string;
  variant?: AppendixVariant;
}

const COLUMNS = 10;
const TITLE_ROW = 1;
const HEADER_ROW = 2;

/** Column widths in Excel's units (about one digit of the default font). */
const WIDTHS: Record<AppendixVariant, number[]> = {
  standard: [24, 9, 46, 34, 11, 15, 10, 9, 10, 12],
  compact: [24, 9, 40, 48, 11, 15, 10, 9, 10, 12],
};

/** Columns whose content is centred: RAG, values, arrow, progress, comparison. */
const CENTRED = new Set([1, 4, 5, 6, 7, 8]);

function styleTableCell(cell: ExcelJS.Cell, column: number): void {
  cell.font = { name: FONT, size: FONT_SIZE };
  cell.alignment = { wrapText: true, vertical: 'top', horizontal: CENTRED.has(column) ? 'center' : 'left' };
  cell.border = BORDER;
}

function styleRag(cell: ExcelJS.Cell, text: string): void {
  if (!isRag(text)) return;
  const colours = RAG_COLOURS[text];
  cell.fill = solid(colours.fill);
  cell.font = { name: FONT, size: FONT_SIZE + 1, bold: true, color: { argb: `FF${colours.text}` } };
}

/** A value cell: a number with its format when the model allows it, else the text. */
function setValue(cell: ExcelJS.Cell, value: AppendixValue): void {
  if (value.number !== null && Number.isFinite(value.number) && value.numberFormat) {
    cell.value = value.number;
    cell.numFmt = value.numberFormat;
  } else {
    setText(cell, value.text);
  }
}

/** Compact progress cell: one letter per line, each letter in its RAG colour (bold). */
function setRagLines(cell: ExcelJS.Cell, text: string): void {
  if (text === '') {
    cell.value = null;
    return;
  }
  const runs: ExcelJS.RichText[] = text.split('\n').map((letter, i, all) => ({
    text: letter + (i < all.length - 1 ? '\n' : ''),
    font: { name: FONT, size: FONT_SIZE, bold: true, color: { argb: `FF${isRag(letter) ? RAG_INK[letter] : '000000'}` } },
  }));
  cell.value = { richText: runs };
}

function writeStandardRows(sheet: ExcelJS.Worksheet, model: AppendixModel, widths: number[], startRow: number): number {
  let rowNumber = startRow;
  for (const block of model.outcomes) {
    const first = rowNumber;
    const rowHeights: number[] = [];
    block.indicators.forEach((indicator, i) => {
      const cells = appendixRowCells(block, indicator, i === 0);
      const row = sheet.getRow(rowNumber);
      for (let c = 0; c < COLUMNS; c += 1) {
        const cell = row.getCell(c + 1);
        styleTableCell(cell, c);
        if (c === 4) setValue(cell, indicator.previous);
        else if (c === 5) setValue(cell, indicator.latest);
        else setText(cell, cells[c] ?? '');
        if (c === 1 || c === 7) styleRag(cell, cells[c] ?? '');
        if (c === 0) cell.font = { name: FONT, size: FONT_SIZE, bold: true };
        if (c === 6) cell.font = { name: FONT, size: FONT_SIZE + 2, bold: true };
      }
      const lines = Math.max(...cells.slice(3).map((text, k) => estimateLines(text, widths[k + 3] ?? 10)));
      rowHeights.push(lines * LINE_HEIGHT + ROW_PADDING);
      rowNumber += 1;
    });
    if (block.indicators.length === 0) {
      // An outcome without indicators still prints: its own cells and a blank indicator row.
      const row = sheet.getRow(rowNumber);
      const cells = outcomeOnlyCells(block);
      for (let c = 0; c < COLUMNS; c += 1) {
        const cell = row.getCell(c + 1);
        styleTableCell(cell, c);
        setText(cell, cells[c] ?? '');
        if (c === 0) cell.font = { name: FONT, size: FONT_SIZE, bold: true };
        if (c === 1) styleRag(cell, cells[c] ?? '');
      }
      rowHeights.push(LINE_HEIGHT + ROW_PADDING);
      rowNumber += 1;
    }
    const last = rowNumber - 1;
    if (last > first) for (const c of [1, 2, 3]) sheet.mergeCells(first, c, last, c);
    // The outcome's own cells are merged over its rows: make the rows tall enough for them.
    const outcomeLines = Math.max(estimateLines(block.title, widths[0] ?? 10), estimateLines(block.comment, widths[2] ?? 10));
    const needed = outcomeLines * LINE_HEIGHT + ROW_PADDING;
    const have = rowHeights.reduce((a, b) => a + b, 0);
    const extra = needed > have ? (needed - have) / rowHeights.length : 0;
    rowHeights.forEach((height, i) => {
      sheet.getRow(first + i).height = Math.min(MAX_ROW_HEIGHT, Math.round((height + extra) * 4) / 4);
    });
  }
  return rowNumber;
}

function writeCompactRows(sheet: ExcelJS.Worksheet, model: AppendixModel, widths: number[], startRow: number): number {
  let rowNumber = startRow;
  for (const block of model.outcomes) {
    const cells = compactRowCells(block);
    const row = sheet.getRow(rowNumber);
    for (let c = 0; c < COLUMNS; c += 1) {
      const cell = row.getCell(c + 1);
      styleTableCell(cell, c);
      const text = cells[c] ?? '';
      if (c === 7) setRagLines(cell, text);
      else setText(cell, text);
      if (c === 0) cell.font = { name: FONT, size: FONT_SIZE, bold: true };
      if (c === 1) styleRag(cell, text);
    }
    row.height = heightFor(compactLines(block, widths));
    rowNumber += 1;
  }
  return rowNumber;
}

/** Lines of the compact row: its indicators stacked (each as tall as its longest cell) or the comment. */
function compactLines(block: AppendixOutcomeBlock, widths: number[]): number {
  const indicatorLines = block.indicators.reduce((sum, indicator) => {
    const cells = appendixRowCells(block, indicator, false);
    return sum + Math.max(...cells.slice(3).map((text, k) => estimateLines(text, widths[k + 3] ?? 10)));
  }, 0);
  return Math.max(indicatorLines, estimateLines(block.title, widths[0] ?? 10), estimateLines(block.comment, widths[2] ?? 10));
}

/** One full-width text row below the table (merged across the ten columns). */
function noteRow(sheet: ExcelJS.Worksheet, rowNumber: number, text: string, widths: number[], bold = false): number {
  sheet.mergeCells(rowNumber, 1, rowNumber, COLUMNS);
  const cell = sheet.getCell(rowNumber, 1);
  setText(cell, text);
  cell.font = { name: FONT, size: FONT_SIZE, bold };
  cell.alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
  const total = widths.reduce((a, b) => a + b, 0);
  sheet.getRow(rowNumber).height = heightFor(estimateLines(text, total));
  return rowNumber + 1;
}

function writeNotes(sheet: ExcelJS.Worksheet, model: AppendixModel, widths: number[], startRow: number): number {
  let rowNumber = startRow + 1; // one blank row after the table
  rowNumber = noteRow(sheet, rowNumber, 'Key', widths, true);
  for (const entry of [...DIRECTION_KEY, ...RAG_KEY]) {
    const symbol = sheet.getCell(rowNumber, 2);
    setText(symbol, entry.symbol);
    symbol.font = { name: FONT, size: FONT_SIZE + (isRag(entry.symbol) ? 1 : 2), bold: true };
    symbol.alignment = { horizontal: 'center', vertical: 'middle' };
    symbol.border = BORDER;
    styleRag(symbol, entry.symbol);
    sheet.mergeCells(rowNumber, 3, rowNumber, COLUMNS);
    const meaning = sheet.getCell(rowNumber, 3);
    setText(meaning, entry.meaning);
    meaning.font = { name: FONT, size: FONT_SIZE };
    meaning.alignment = { vertical: 'middle' };
    sheet.getRow(rowNumber).height = 16;
    rowNumber += 1;
  }
  if (model.footnotes.length > 0) {
    rowNumber = noteRow(sheet, rowNumber + 1, 'Notes', widths, true);
    for (const footnote of model.footnotes) rowNumber = noteRow(sheet, rowNumber, footnote, widths);
  }
  if (model.method.trim() !== '') {
    rowNumber = noteRow(sheet, rowNumber + 1, 'Method', widths, true);
    rowNumber = noteRow(sheet, rowNumber, model.method, widths);
  }
  if (model.sources.length > 0) {
    rowNumber = noteRow(sheet, rowNumber + 1, 'Sources', widths, true);
    for (const source of model.sources) rowNumber = noteRow(sheet, rowNumber, source, widths);
  }
  return rowNumber - 1;
}

/** Build the workbook (exposed for callers that want to add sheets, e.g. the action log). */
export async function appendixWorkbook(model: AppendixModel, options: XlsxOptions): Promise<ExcelJS.Workbook> {
  const variant = options.variant ?? 'standard';
  const widths = WIDTHS[variant];
  const workbook = new ((await import('exceljs')).default).Workbook();
  workbook.creator = options.author;
  workbook.lastModifiedBy = options.author;
  workbook.title = model.title;
  workbook.subject = `Performance dashboard appendix ${model.periodName}`;
  workbook.created = new Date();
  workbook.modified = workbook.created;

  const sheet = workbook.addWorksheet('Appendix', printedSheet({ headerRow: HEADER_ROW, title: model.title, footerLeft: keyLine() }));
  sheet.columns = widths.map((width) => ({ width }));

  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, COLUMNS);
  const title = sheet.getCell(TITLE_ROW, 1);
  setText(title, model.title);
  title.font = { name: FONT, size: 14, bold: true };
  title.alignment = { vertical: 'middle', wrapText: true };
  sheet.getRow(TITLE_ROW).height = 24;

  writeHeaderRow(sheet, HEADER_ROW, appendixHeaders(model), widths, (c) => (c === 0 || c === 2 || c === 3 ? 'left' : 'center'));

  const next = variant === 'compact'
    ? writeCompactRows(sheet, model, widths, HEADER_ROW + 1)
    : writeStandardRows(sheet, model, widths, HEADER_ROW + 1);
  const last = writeNotes(sheet, model, widths, next);
  sheet.pageSetup.printArea = `A1:J${last}`;
  return workbook;
}

export async function writeAppendixXlsx(model: AppendixModel, options: XlsxOptions): Promise<Buffer> {
  const data = await (await appendixWorkbook(model, options)).xlsx.writeBuffer();
  return Buffer.from(data);
}
