/**
 * The action log as an Excel sheet: on its own, or added to the appendix workbook so the log
 * travels with the dashboard. Title and "as at" date, the column headers frozen and repeated
 * on every printed page, dates as real Excel dates (they sort and filter), the status as a
 * word ("Red", "Closed") with its RAG fill, never the colour alone. A4 landscape, one page wide.
 * Text is always written as text, never as a formula.
 */
// exceljs loads on first use, so commands that never write a workbook never parse it.
import type ExcelJS from 'exceljs';
import type { ActionLogEntry } from '../../../shared/api/types';
import { ACTION_LOG_HEADERS, ACTION_LOG_TITLE, actionLogRowCells, formatActionDate } from '../../../shared/domain/action-log';
import { RAG_COLOURS } from './appendix-parts';
import type { AppendixModel } from '../../../shared/domain/appendix';
import { appendixWorkbook, type XlsxOptions } from './xlsx';
import { BORDER, XLSX_FONT as FONT, XLSX_FONT_SIZE as FONT_SIZE, estimateLines, heightFor, printedSheet, solid } from './xlsx-print';

export const ACTION_LOG_SHEET = 'Action log';

const WIDTHS = [6, 12, 50, 22, 50, 10, 12];
const HEADER_ROW = 3;

export interface ActionLogSheetOptions {
  /** The day the log is exported, YYYY-MM-DD: printed as "As at 10 Feb 2025". */
  asAt: string;
  /** Printed in the page header, e.g. the dashboard's title. */
  heading?: string;
  openOnly?: boolean;
}

function excelDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

/** Adds the "Action log" sheet to a workbook (the appendix's, or a new one). */
export function addActionLogSheet(workbook: ExcelJS.Workbook, entries: readonly ActionLogEntry[], options: ActionLogSheetOptions): ExcelJS.Worksheet {
  const heading = options.heading ? `${ACTION_LOG_TITLE} - ${options.heading}` : ACTION_LOG_TITLE;
  const sheet = workbook.addWorksheet(ACTION_LOG_SHEET, printedSheet({ headerRow: HEADER_ROW, title: heading }));
  sheet.columns = WIDTHS.map((width) => ({ width }));

  sheet.mergeCells(1, 1, 1, WIDTHS.length);
  const title = sheet.getCell(1, 1);
  title.value = heading;
  title.font = { name: FONT, size: 14, bold: true };
  sheet.getRow(1).height = 22;
  const asAt = sheet.getCell(2, 1);
  sheet.mergeCells(2, 1, 2, WIDTHS.length);
  asAt.value = `As at ${formatActionDate(options.asAt)}${options.openOnly ? ': open actions only' : ''}. Status: Red, Amber or Green as the board last judged it; Closed once done.`;
  asAt.font = { name: FONT, size: FONT_SIZE, italic: true };

  const header = sheet.getRow(HEADER_ROW);
  ACTION_LOG_HEADERS.forEach((text, c) => {
    const cell = header.getCell(c + 1);
    cell.value = text;
    cell.font = { name: FONT, size: FONT_SIZE, bold: true };
    cell.fill = solid('D9D9D9');
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', wrapText: true };
  });

  entries.forEach((entry, i) => {
    const row = sheet.getRow(HEADER_ROW + 1 + i);
    const cells = actionLogRowCells(entry);
    cells.forEach((text, c) => {
      const cell = row.getCell(c + 1);
      cell.font = { name: FONT, size: FONT_SIZE };
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: c === 0 || c === 5 ? 'center' : 'left' };
      if (c === 0) cell.value = entry.number;
      else if (c === 1) cell.value = excelDate(entry.raisedOn);
      else if (c === 6) cell.value = entry.closedOn ? excelDate(entry.closedOn) : null;
      else cell.value = text === '' ? null : text;
      if (c === 1 || c === 6) cell.numFmt = 'd mmm yyyy';
    });
    if (!entry.closedOn) {
      const status = row.getCell(6);
      const colours = RAG_COLOURS[entry.status];
      status.fill = solid(colours.fill);
      status.font = { name: FONT, size: FONT_SIZE, bold: true, color: { argb: `FF${colours.text}` } };
    }
    const lines = Math.max(...cells.map((text, c) => estimateLines(text, WIDTHS[c] ?? 10)));
    row.height = heightFor(lines);
  });
  if (entries.length === 0) {
    sheet.mergeCells(HEADER_ROW + 1, 1, HEADER_ROW + 1, WIDTHS.length);
    const none = sheet.getCell(HEADER_ROW + 1, 1);
    none.value = options.openOnly ? 'No open actions.' : 'No actions in the log.';
    none.font = { name: FONT, size: FONT_SIZE, italic: true };
  }
  sheet.pageSetup.printArea = `A1:G${HEADER_ROW + Math.max(1, entries.length)}`;
  return sheet;
}

/** The action log on its own, as an .xlsx file. */
export async function writeActionLogXlsx(entries: readonly ActionLogEntry[], options: ActionLogSheetOptions & { author: string }): Promise<Buffer> {
  const workbook = new ((await import('exceljs')).default).Workbook();
  workbook.creator = options.author;
  workbook.lastModifiedBy = options.author;
  workbook.title = ACTION_LOG_TITLE;
  addActionLogSheet(workbook, entries, options);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The appendix workbook with the action log as its second sheet, so the log travels with the dashboard. */
export async function writeAppendixWithActionLogXlsx(
  model: AppendixModel,
  options: XlsxOptions,
  actionLog: ActionLogSheetOptions & { entries: readonly ActionLogEntry[] },
): Promise<Buffer> {
  const workbook = await appendixWorkbook(model, options);
  addActionLogSheet(workbook, actionLog.entries, actionLog);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
