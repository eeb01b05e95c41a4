/**
 * What every sheet Boardpack writes shares: Arial, A4 landscape one page wide, the header row
 * frozen and repeated on every printed page, the title in the page header, "Page n of m".
 */
import type ExcelJS from 'exceljs';

export const XLSX_FONT = 'Arial';

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
