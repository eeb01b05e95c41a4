/**
 * What every sheet Boardpack writes shares: Arial, A4 landscape one page wide, the header row
 * frozen and repeated on every printed page, the title in the page header, "Page n of m".
 */
import type ExcelJS from 'exceljs';

export const XLSX_FONT = 'Arial';
export const XLSX_FONT_SIZE = 10;
/** Arial 10 line height in points, and cell padding. */
export const LINE_HEIGHT = 12.75;
export const ROW_PADDING = 3;
/** Excel's largest row height. */
export const MAX_ROW_HEIGHT = 409;

const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
/** The thin grey border round every table cell. */
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A solid fill of an RGB colour ("D9D9D9"). */
export function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${argb}` } };
}

/**
 * Lines a text needs in a column `width` units wide. A unit is the width of a digit of the
 * default font (7 pixels); mixed-case Arial 10 text averages about 1.4 characters per unit
 * (measured with LibreOffice's metric-compatible Liberation Sans). 1.2 is used so an estimate
 * errs towards a row slightly too tall (white space) rather than too short (text cut off).
 */
export function estimateLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.2));
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let count = 1;
    let line = 0;
    for (const word of paragraph.split(' ')) {
      let length = [...word].length;
      if (line > 0 && line + 1 + length <= perLine) {
        line += 1 + length;
        continue;
      }
      if (line > 0) count += 1;
      // The word starts a line; one longer than a line breaks over several.
      while (length > perLine) {
        count += 1;
        length -= perLine;
      }
      line = length;
    }
    lines += count;
  }
  return Math.max(1, lines);
}

/** A row's height for `lines` lines of Arial 10 (to the quarter point, at most Excel's largest). */
export function heightFor(lines: number): number {
  return Math.min(MAX_ROW_HEIGHT, Math.round((lines * LINE_HEIGHT + ROW_PADDING) * 4) / 4);
}

/**
 * The table's column headers on `rowNumber`: bold, shaded grey, bordered, wrapped and
 * vertically centred, `horizontal(c)` aligning each, and the row as
 * tall as its longest header in the columns' `widths`.
 */
export function writeHeaderRow(
  sheet: ExcelJS.Worksheet,
  rowNumber: number,
  headers: readonly string[],
  widths: readonly number[],
  horizontal: (column: number) => 'left' | 'center',
): void {
  const row = sheet.getRow(rowNumber);
  headers.forEach((text, c) => {
    const cell = row.getCell(c + 1);
    setText(cell, text);
    cell.font = { name: XLSX_FONT, size: XLSX_FONT_SIZE, bold: true };
    cell.fill = solid('D9D9D9');
    cell.border = BORDER;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: horizontal(c) };
  });
  row.height = heightFor(Math.max(...headers.map((text, c) => estimateLines(text, widths[c] ?? 10))));
}

/** Header and footer text: "&" starts a code there, so a literal one is doubled (after shortening, so none is cut in half). */
export function headerFooterText(text: string, max = 200): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return short.replace(/&/g, '&&');
}

/** Always a plain string value (never a formula, whatever the text starts with). */
export function setText(cell: ExcelJS.Cell, text: string): void {
  cell.value = text === '' ? null : String(text);
}

/** Sheet options for a printed table whose column headers are on `headerRow`. */
export function printedSheet(options: { headerRow: number; title: string; footerLeft?: string }): Partial<ExcelJS.AddWorksheetOptions> {
  const { headerRow, title, footerLeft } = options;
  const left = footerLeft ? `&L&"${XLSX_FONT},Regular"&8${headerFooterText(footerLeft)}` : '';
  return {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
    headerFooter: {
      differentFirst: false,
      differentOddEven: false,
      oddHeader: `&L&"${XLSX_FONT},Bold"&11${headerFooterText(` ${title}`)}`,
      oddFooter: `${left}&R&"${XLSX_FONT},Regular"&8Page &P of &N`,
    },
  };
}
