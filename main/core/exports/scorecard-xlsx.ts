/**
 * The plan scorecard as an Excel workbook.
 *
 * Layout: the title (row 1) and what the columns compare (row 2), the seven column headers
 * (row 3, frozen and repeated on every printed page), then each priority: its name on a row of
 * its own (merged across, shaded) and one row per indicator. Below the tables the key, the
 * method and the sources. Landscape A4, one page wide; page header with the title, footer with
 * the key and "Page n of m".
 *
 * Values are numbers where the model has a number (rounded to the printed decimals, with a
 * format that displays exactly the printed text: "#,##0.00", '0.0"%"', '+0.0"%";-0.0"%"...'),
 * text otherwise ("NA", "-", "3rd of 8", a value with a label). Nothing is ever a formula.
 * The significance cell is shaded, and always carries its words.
 */
// exceljs loads on first use, so commands that never write a workbook never parse it.
import type ExcelJS from 'exceljs';
import type { ScorecardModel, ScorecardNumber, ScorecardRow } from '../../../shared/domain/scorecard';
import { SIGNIFICANCE_KEY, scorecardHeaders, scorecardRowCells } from '../../../shared/domain/scorecard';
import { roundHalfAwayFromZero } from '../../../shared/domain/format';
import { SIGNIFICANCE_COLOURS, scorecardSubtitle } from './scorecard-parts';
import { BORDER, XLSX_FONT as FONT, XLSX_FONT_SIZE as FONT_SIZE, estimateLines, heightFor, printedSheet, setText, solid, writeHeaderRow } from './xlsx-print';

export interface ScorecardXlsxOptions {
  author: string;
}

export const SCORECARD_SHEET = 'Scorecard';

const COLUMNS = 7;
const TITLE_ROW = 1;
const SUBTITLE_ROW = 2;
export const SCORECARD_HEADER_ROW = 3;
/** Indicator, baseline, latest, % var., position, significance, projection. */
const WIDTHS = [56, 13, 17, 10, 12, 24, 14];

/** A number rounded to what is printed, with the format that prints it; else the text. */
function setNumber(cell: ExcelJS.Cell, value: ScorecardNumber): void {
  if (value.number !== null && Number.isFinite(value.number) && value.numberFormat) {
    cell.value = roundHalfAwayFromZero(value.number, value.decimals);
    cell.numFmt = value.numberFormat;
  } else {
    setText(cell, value.text);
  }
}

function writeRow(sheet: ExcelJS.Worksheet, rowNumber: number, row: ScorecardRow): void {
  const cells = scorecardRowCells(row);
  const excelRow = sheet.getRow(rowNumber);
  const numbers: Array<ScorecardNumber | null> = [null, row.baseline, row.latest, row.variance, null, null, row.projection];
  for (let c = 0; c < COLUMNS; c += 1) {
    const cell = excelRow.getCell(c + 1);
    const number = numbers[c];
    if (number) setNumber(cell, number);
    else setText(cell, cells[c] ?? '');
    cell.font = { name: FONT, size: FONT_SIZE, bold: c === 5 };
    cell.alignment = { wrapText: true, vertical: 'top', horizontal: c === 0 ? 'left' : 'center' };
    cell.border = BORDER;
  }
  if (row.significance) {
    const colours = SIGNIFICANCE_COLOURS[row.significance];
    const cell = excelRow.getCell(6);
    cell.fill = solid(colours.fill);
    cell.font = { name: FONT, size: FONT_SIZE, bold: true, color: { argb: `FF${colours.text}` } };
  }
  excelRow.height = heightFor(Math.max(...cells.map((text, c) => estimateLines(text, WIDTHS[c] ?? 10))));
}

/** A full-width row (merged across the seven columns). */
function wideRow(sheet: ExcelJS.Worksheet, rowNumber: number, text: string, style: { bold?: boolean; fill?: string; size?: number; border?: boolean } = {}): number {
  sheet.mergeCells(rowNumber, 1, rowNumber, COLUMNS);
  const cell = sheet.getCell(rowNumber, 1);
  setText(cell, text);
  cell.font = { name: FONT, size: style.size ?? FONT_SIZE, bold: style.bold ?? false };
  cell.alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
  if (style.fill) cell.fill = solid(style.fill);
  if (style.border) cell.border = BORDER;
  const total = WIDTHS.reduce((a, b) => a + b, 0);
  sheet.getRow(rowNumber).height = Math.max(heightFor(estimateLines(text, total)), style.size ? style.size * 1.6 : 0);
  return rowNumber + 1;
}

function writeNotes(sheet: ExcelJS.Worksheet, model: ScorecardModel, startRow: number): number {
  let rowNumber = startRow + 1;
  rowNumber = wideRow(sheet, rowNumber, 'Key', { bold: true });
  // The three shadings, each with its words.
  for (const { significance, words } of SIGNIFICANCE_KEY) {
    const swatch = sheet.getCell(rowNumber, 1);
    setText(swatch, `${words.charAt(0).toUpperCase()}${words.slice(1)}`);
    swatch.fill = solid(SIGNIFICANCE_COLOURS[significance].fill);
    swatch.font = { name: FONT, size: FONT_SIZE, bold: true };
    swatch.border = BORDER;
    sheet.getRow(rowNumber).height = 16;
    rowNumber += 1;
  }
  for (const line of model.key) rowNumber = wideRow(sheet, rowNumber, line);
  if (model.method.trim() !== '') {
    rowNumber = wideRow(sheet, rowNumber + 1, 'Method', { bold: true });
    rowNumber = wideRow(sheet, rowNumber, model.method);
  }
  if (model.sources.length > 0) {
    rowNumber = wideRow(sheet, rowNumber + 1, 'Sources', { bold: true });
    for (const source of model.sources) rowNumber = wideRow(sheet, rowNumber, source);
  }
  return rowNumber - 1;
}

export async function scorecardWorkbook(model: ScorecardModel, options: ScorecardXlsxOptions): Promise<ExcelJS.Workbook> {
  const workbook = new ((await import('exceljs')).default).Workbook();
  workbook.creator = options.author;
  workbook.lastModifiedBy = options.author;
  workbook.title = model.title;
  workbook.subject = `Plan scorecard ${model.periodName}`;
  workbook.created = new Date();
  workbook.modified = workbook.created;

  const keyLine = `Key: ${model.key[0] ?? ''}`;
  const sheet = workbook.addWorksheet(SCORECARD_SHEET, printedSheet({ headerRow: SCORECARD_HEADER_ROW, title: model.title, footerLeft: keyLine }));
  sheet.columns = WIDTHS.map((width) => ({ width }));

  wideRow(sheet, TITLE_ROW, model.title, { bold: true, size: 14 });
  wideRow(sheet, SUBTITLE_ROW, scorecardSubtitle(model));

  writeHeaderRow(sheet, SCORECARD_HEADER_ROW, scorecardHeaders(model), WIDTHS, (c) => (c === 0 ? 'left' : 'center'));

  let rowNumber = SCORECARD_HEADER_ROW + 1;
  for (const priority of model.priorities) {
    rowNumber = wideRow(sheet, rowNumber, priority.title, { bold: true, fill: 'F2F2F2', border: true });
    for (const row of priority.rows) {
      writeRow(sheet, rowNumber, row);
      rowNumber += 1;
    }
  }
  const last = writeNotes(sheet, model, rowNumber);
  sheet.pageSetup.printArea = `A1:G${last}`;
  return workbook;
}

export async function writeScorecardXlsx(model: ScorecardModel, options: ScorecardXlsxOptions): Promise<Buffer> {
  const data = await (await scorecardWorkbook(model, options)).xlsx.writeBuffer();
  return Buffer.from(data);
}
