/**
 * CSV exports. Every writer goes through `neutraliseFormula`, because a CSV opened in Excel
 * turns a cell such as `=HYPERLINK(...)` or `+cmd|...` into a live formula (CSV injection).
 * Files start with a UTF-8 byte order mark so that Excel reads ↑ → ↓ and other non-ASCII text
 * correctly, and use CRLF line ends and RFC 4180 quoting.
 */
import { appendixHeaders, appendixRowCells } from '../../../shared/domain/appendix';
import type { AppendixModel } from '../../../shared/domain/appendix';
import { outcomeOnlyCells } from './appendix-parts';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * A plain number ("-3.2", "1,264", "27%") or a lone dash ("-", not applicable) cannot run
 * anything, so it is left alone: prefixing it would change what the board reads.
 */
const HARMLESS = /^(?:-|[+-]?\d[\d,]*(?:\.\d+)?%?)$/;

/** Cells starting with = + - @, a tab or a carriage return get a leading apostrophe. */
export function neutraliseFormula(cell: string): string {
  if (cell === '' || HARMLESS.test(cell)) return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: quote a field holding a comma, a quote, CR or LF; double the quotes inside. */
function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

function csvLine(cells: string[]): string {
  return cells.map((cell) => quote(neutraliseFormula(cell))).join(',');
}

/**
 * The appendix as a table: the ten columns as printed, one row per indicator, the outcome's
 * cells repeated on each of its rows so the file sorts and filters properly. No title line,
 * so it opens as a table.
 */
export function appendixCsv(model: AppendixModel): string {
  const lines = [csvLine(appendixHeaders(model))];
  for (const block of model.outcomes) {
    for (const row of block.indicators) lines.push(csvLine(appendixRowCells(block, row, true)));
    if (block.indicators.length === 0) lines.push(csvLine(outcomeOnlyCells(block)));
  }
  return BOM + lines.join(CRLF) + CRLF;
}

function valueText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value;
}

/** Underlying values: one line per row, `columns` in order (a missing key is an empty cell). */
export function valuesCsv(rows: Array<Record<string, string | number | boolean | null>>, columns: string[]): string {
  const lines = [csvLine(columns)];
  for (const row of rows) lines.push(csvLine(columns.map((column) => valueText(row[column]))));
  return BOM + lines.join(CRLF) + CRLF;
}
