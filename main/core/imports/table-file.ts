/**
 * Reads a spreadsheet-like file into sheets of text cells, as the user sees them:
 * - .xlsx through exceljs: numbers shown through their number format ("1,264", "27%"), formulas
 *   as their cached result (never evaluated), error cells as their error text ("#N/A"), Excel
 *   dates as YYYY-MM-DD, and the cells a merge covers (other than its first) as blank;
 * - .csv, .tsv, .txt through papaparse: delimiter sniffed (comma, semicolon, tab), byte-order
 *   marks stripped (even doubled ones), UTF-16 and Windows-1252 decoded (`decodeText`).
 * Other formats get a message naming the format and what to do.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
// exceljs loads on first use, so commands that never read a workbook never parse it.
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Result } from '../../../shared/domain/types';
import { decodeText } from './text-source';
import { zipDirectory } from './xlsx-zip';
import { fail, ok } from '../../../shared/domain/types';

export interface TableSheet {
  name: string;
  rows: string[][];
}

export const MAX_IMPORT_BYTES = 300 * 1024 * 1024;
/** An .xlsx is a zip: what it unpacks to is checked before anything is unpacked. */
export const MAX_XLSX_UNPACKED_BYTES = 1024 * 1024 * 1024;
export const MAX_XLSX_RATIO = 200;

const OTHER_FORMATS: Record<string, string> = {
  '.xls': 'an old-style Excel workbook (.xls); open it in Excel or LibreOffice and save it as .xlsx',
  '.xlsm': 'a macro-enabled workbook (.xlsm); save it as .xlsx (without macros)',
  '.ods': 'an OpenDocument spreadsheet (.ods); save it as .xlsx or .csv from LibreOffice',
  '.pdf': 'a PDF; ask the partner for the spreadsheet, or copy the table into Excel and save it as .xlsx',
  '.docx': 'a Word document; copy the table into Excel and save it as .xlsx',
  '.doc': 'a Word document; copy the table into Excel and save it as .xlsx',
  '.zip': 'a zip archive; extract the files and import the .csv or .xlsx files inside',
};

export async function readTableFile(file: string): Promise<Result<TableSheet[]>> {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  if (OTHER_FORMATS[ext]) return fail(`"${name}" is ${OTHER_FORMATS[ext]}.`);
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch {
    return fail(`"${name}" could not be found or read.`);
  }
  if (size > MAX_IMPORT_BYTES) return fail(`"${name}" is ${Math.round(size / 1048576)} MB; Boardpack imports files up to ${MAX_IMPORT_BYTES / 1048576} MB. Split it into smaller files.`);
  if (size === 0) return fail(`"${name}" is empty.`);
  if (ext === '.xlsx') return readXlsx(file, name);
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return readDelimited(file, name, ext);
  return fail(`"${name}" is not a file Boardpack can import; use .xlsx, .csv, .tsv or .txt.`);
}

/**
 * Reads the zip's directory only (sizes are declared there) to refuse zip bombs and broken
 * archives before exceljs inflates anything.
 */
export async function checkXlsxContainer(file: string, name: string): Promise<string | null> {
  const parts = await zipDirectory(file);
  if (parts === null) return `"${name}" could not be read as an Excel workbook (.xlsx); it may be damaged, password-protected or another format renamed.`;
  const names = new Set(parts.map((p) => p.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    return `"${name}" is a zip file but not an Excel workbook (.xlsx). Save it from Excel or LibreOffice as .xlsx.`;
  }
  const unpacked = parts.reduce((n, p) => n + p.uncompressedSize, 0);
  const size = (await fs.stat(file)).size;
  if (unpacked > MAX_XLSX_UNPACKED_BYTES || unpacked > size * MAX_XLSX_RATIO) {
    return `"${name}" would unpack to ${Math.round(unpacked / 1048576)} MB, far more than a spreadsheet of figures needs; Boardpack will not open it (it may be damaged or malicious).`;
  }
  return null;
}

async function readXlsx(file: string, name: string): Promise<Result<TableSheet[]>> {
  const refused = await checkXlsxContainer(file, name);
  if (refused) return fail(refused);
  const book = new ((await import('exceljs')).default).Workbook();
  try {
    await book.xlsx.readFile(file);
  } catch {
    return fail(`"${name}" could not be read as an Excel workbook (.xlsx); it may be damaged, password-protected or another format renamed.`);
  }
  const sheets: TableSheet[] = [];
  for (const ws of book.worksheets) {
    const rows: string[][] = [];
    // exceljs computes columnCount over every row on each call: read it once.
    const columnCount = ws.columnCount;
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: string[] = [];
      for (let c = 1; c <= columnCount; c++) {
        const cell = row.getCell(c);
        cells.push(cell.isMerged && cell.master.address !== cell.address ? '' : cellText(cell));
      }
      rows[r - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    sheets.push({ name: ws.name, rows });
  }
  return sheets.length > 0 ? ok(sheets) : fail(`"${name}" has no worksheets.`);
}

/** What Excel shows in a cell, for the value kinds exceljs gives. */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatWithNumFmt(v, cell.numFmt);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('error' in v) return String(v.error);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) {
      const result = v.result;
      if (result === undefined || result === null) return '';
      if (typeof result === 'number') return formatWithNumFmt(result, cell.numFmt);
      if (result instanceof Date) return result.toISOString().slice(0, 10);
      if (typeof result === 'object' && 'error' in result) return String(result.error);
      return String(result);
    }
    if ('text' in v) return String(v.text);
  }
  return cell.text ?? '';
}

/**
 * Shows a number through the common Excel formats ("0", "0.00", "#,##0.0", '0.0"%"', "0%",
 * with literal suffixes); anything else shows the plain number.
 */
export function formatWithNumFmt(value: number, numFmt: string | undefined): string {
  const format = (numFmt ?? '').split(';')[0] ?? '';
  const match = /^([#0,]*0)(?:\.(0+))?(%?)((?:"[^"]*"|\\.)*)$/.exec(format.trim());
  if (!format || format === 'General' || !match) return String(value);
  const [, integerPart = '', decimalsPart = '', percent, suffix = ''] = match;
  const decimals = decimalsPart.length;
  const shown = percent ? value * 100 : value;
  const rounded = Math.round(Math.abs(shown) * 10 ** decimals + 1e-9) / 10 ** decimals;
  let text = rounded.toFixed(decimals);
  if (integerPart.includes(',')) {
    const [whole = '', frac] = text.split('.');
    text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  const literal = suffix.replace(/"([^"]*)"|\\(.)/g, (_m, q: string | undefined, e: string | undefined) => q ?? e ?? '');
  return `${shown < 0 && rounded !== 0 ? '-' : ''}${text}${percent ? '%' : ''}${literal}`;
}

async function readDelimited(file: string, name: string, ext: string): Promise<Result<TableSheet[]>> {
  const { text } = decodeText(await fs.readFile(file));
  const parsed = Papa.parse<string[]>(text, { delimiter: ext === '.tsv' ? '\t' : sniffDelimiter(text), skipEmptyLines: false });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) return fail(`"${name}", row ${(fatal.row ?? 0) + 1}: ${fatal.message}; a quoted cell is never closed.`);
  const rows = parsed.data.map((r) => r.map((c) => c ?? ''));
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  // A delimited file has one table and no sheet name worth showing.
  return ok([{ name: '', rows }]);
}

/**
 * The delimiter that splits the first lines into the same number (above one) of cells most
 * consistently. Papaparse's own guess prefers commas, which misreads "7,7" in a semicolon file.
 */
export function sniffDelimiter(text: string): string {
  let best = { delimiter: ',', consistent: -1, width: 0 };
  for (const delimiter of ['\t', ';', ',', '|']) {
    const rows = Papa.parse<string[]>(text, { delimiter, preview: 30, skipEmptyLines: true }).data;
    const widths = rows.map((r) => r.length);
    const counts = new Map<number, number>();
    for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
    const [width, consistent] = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0, 0];
    if (width < 2) continue;
    if (consistent > best.consistent || (consistent === best.consistent && width > best.width)) best = { delimiter, consistent, width };
  }
  return best.delimiter;
}
