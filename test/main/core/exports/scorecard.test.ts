import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScorecardModel, ScorecardRow, Significance } from '../../../../shared/domain/scorecard';
import { SIGNIFICANCE_TEXT, scorecardHeaders, scorecardRowCells } from '../../../../shared/domain/scorecard';
import { buildScorecard } from '../../../../main/core/scorecard/scorecard';
import { scorecardCsv } from '../../../../main/core/exports/scorecard-csv';
import { SIGNIFICANCE_COLOURS } from '../../../../main/core/exports/scorecard-parts';
import { renderScorecardPdf, writeScorecardPdf } from '../../../../main/core/exports/scorecard-pdf';
import { renderScorecard } from '../../../../main/core/exports/scorecard-render';
import { SCORECARD_HEADER_ROW, SCORECARD_SHEET, writeScorecardXlsx } from '../../../../main/core/exports/scorecard-xlsx';
import { writeExportFile } from '../../../../main/core/exports/write-file';
import { demoSession } from '../demo-support';

/** PDFs are kept here to be looked at (pdftoppm -r 60 -png). */
const LOOK = '/tmp/boardpack-scorecard-look';
const AUTHOR = 'A. Analyst';

let demo: ScorecardModel;
let long: ScorecardModel;

/** Eight priorities of 7 to 10 indicators, with long names, every significance and position kind. */
function longModel(base: ScorecardModel): ScorecardModel {
  const template = base.priorities[0]!.rows;
  const kinds: Array<Significance | null> = ['improvement', 'no_change', 'deterioration', null];
  const priorities = Array.from({ length: 8 }, (_, p) => ({
    title: `Priority ${p + 1}: ${p % 2 === 0 ? 'Keeping people safe' : 'Reduce harm, support victims and witnesses of crime and anti-social behaviour, and protect vulnerable people in Ashby-de-la-Zouch, Market Harborough and Oadby & Wigston'}`,
    rows: Array.from({ length: 7 + (p % 4) }, (_, i): ScorecardRow => {
      const row = template[(p + i) % template.length]!;
      const significance = kinds[(p + i) % kinds.length] ?? null;
      return {
        ...row,
        indicatorId: 1000 + p * 100 + i,
        name: `${p + 1}.${i + 1} ${row.name}${i % 3 === 0 ? ' – victims of crime reporting a good service (café, señor, naïve: accents and en dashes)' : ''}`,
        significance,
        significanceText: significance ? SIGNIFICANCE_TEXT[significance] : 'Significantly higher',
        position: i % 2 === 1 ? { text: `${(i % 8) + 1}${['st', 'nd', 'rd'][i % 8] ?? 'th'} of 8`, rank: (i % 8) + 1, of: 8, reason: '' } : row.position,
      };
    }),
  }));
  return { ...base, priorities };
}

beforeAll(async () => {
  const session = await demoSession();
  demo = buildScorecard(session.workspace.db, { period: '2024/25 Q3', baseline: '2023/24' });
  long = longModel(demo);
  await mkdir(LOOK, { recursive: true });
});

// ---------------------------------------------------------------------------------------------
// xlsx

async function loadXlsx(model: ScorecardModel, name: string): Promise<ExcelJS.Worksheet> {
  const path = join(LOOK, name);
  const written = await writeExportFile(path, await writeScorecardXlsx(model, { author: AUTHOR }));
  expect(written.ok).toBe(true);
  const bytes = await readFile(path);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  expect(workbook.creator).toBe(AUTHOR);
  expect(workbook.title).toBe(model.title);
  const sheet = workbook.getWorksheet(SCORECARD_SHEET);
  if (!sheet) throw new Error('no Scorecard sheet');
  return sheet;
}

/** What Excel shows for a number in the scorecard's formats. */
function shown(value: number, format: string): string {
  const sections = format.split(';');
  const section = (value < 0 ? sections[1] : value === 0 ? sections[2] : sections[0]) ?? sections[0]!;
  const match = /^([+-]?)(#,##0|0)(?:\.(0+))?("%")?$/.exec(section);
  if (!match) throw new Error(`format not understood by the test: ${format}`);
  let text = Math.abs(sections.length > 1 ? value : value).toFixed(match[3]?.length ?? 0);
  if (sections.length === 1 && value < 0) text = `-${text}`;
  if (match[2] === '#,##0') text = text.replace(/^(-?)(\d+)/, (_, sign: string, whole: string) => sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  return `${match[1]}${text}${match[4] ? '%' : ''}`;
}

function displayed(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return shown(value, cell.numFmt ?? '0');
  if (typeof value === 'string') return value;
  throw new Error(`unexpected cell value ${JSON.stringify(value)}`);
}

describe('scorecard xlsx', () => {
  it('shows every cell as the model prints it, numbers as numbers, significance cells shaded', async () => {
    for (const [model, name] of [[demo, 'demo.xlsx'], [long, 'long.xlsx']] as const) {
      const sheet = await loadXlsx(model, name);
      expect(displayed(sheet.getCell(1, 1))).toBe(model.title);
      const headers = scorecardHeaders(model);
      headers.forEach((text, c) => expect(displayed(sheet.getCell(SCORECARD_HEADER_ROW, c + 1))).toBe(text));
      let r = SCORECARD_HEADER_ROW + 1;
      for (const priority of model.priorities) {
        expect(displayed(sheet.getCell(r, 1))).toBe(priority.title);
        expect(sheet.getCell(r, 1).isMerged).toBe(true);
        r += 1;
        for (const row of priority.rows) {
          const cells = scorecardRowCells(row);
          cells.forEach((text, c) => expect(displayed(sheet.getCell(r, c + 1)), `row ${r} column ${c + 1}`).toBe(text));
          // Plain values are numbers; "-" and "NA" and "3rd of 8" are text.
          if (row.baseline.number !== null) expect(typeof sheet.getCell(r, 2).value).toBe('number');
          if (row.latest.number !== null) expect(typeof sheet.getCell(r, 3).value).toBe('number');
          if (row.variance.number !== null) expect(typeof sheet.getCell(r, 4).value).toBe('number');
          if (row.projection.number !== null) expect(typeof sheet.getCell(r, 7).value).toBe('number');
          expect(typeof sheet.getCell(r, 5).value).toBe('string');
          const fill = sheet.getCell(r, 6).fill;
          if (row.significance) {
            expect(fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${SIGNIFICANCE_COLOURS[row.significance].fill}` } });
          } else {
            expect(fill?.type === 'pattern' && fill.pattern === 'solid').toBe(false);
          }
          r += 1;
        }
      }
      // The key below the table, with its significance words.
      const below: string[] = [];
      sheet.eachRow((row, n) => { if (n >= r) below.push(displayed(row.getCell(1))); });
      expect(below).toContain(model.key[0]);
      expect(below).toContain('Statistically significant improvement');
      expect(below).toContain('Method');
    }
  });

  it('has the header frozen, landscape A4 fitted one page wide, print titles and a footer with the key and page numbers', async () => {
    const sheet = await loadXlsx(long, 'long-print.xlsx');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: SCORECARD_HEADER_ROW });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(sheet.pageSetup.printArea).toMatch(/^A1:G\d+$/);
    expect(sheet.headerFooter.oddFooter).toContain('Page &P of &N');
    expect(sheet.headerFooter.oddFooter).toContain('significant deterioration as compared to the baseline');
    expect(sheet.headerFooter.oddHeader).toContain(long.title);
  });

  it('writes a text that looks like a formula as text, never a formula', async () => {
    const model = structuredClone(demo);
    model.priorities[0]!.rows[0]!.name = '=HYPERLINK("http://example.com","x")';
    const sheet = await loadXlsx(model, 'formula.xlsx');
    expect(sheet.getCell(SCORECARD_HEADER_ROW + 2, 1).value).toBe('=HYPERLINK("http://example.com","x")');
  });
});

// ---------------------------------------------------------------------------------------------
// pdf

function pdftotext(path: string, mode: '-raw' | '-layout'): string[] {
  const pages = execFileSync('pdftotext', [mode, '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).split('\f');
  if (pages[pages.length - 1]?.trim() === '') pages.pop();
  return pages;
}

const squash = (text: string): string => text.replace(/\s+/g, '');

async function savePdf(model: ScorecardModel, name: string): Promise<{ path: string; pageCount: number }> {
  const rendered = await renderScorecardPdf(model, { author: AUTHOR });
  expect(rendered.planHeld, 'pdfmake laid the pages out as planned').toBe(true);
  const path = join(LOOK, name);
  const written = await writeExportFile(path, rendered.buffer);
  expect(written.ok).toBe(true);
  return { path, pageCount: rendered.pageCount };
}

describe('scorecard pdf', () => {
  it('contains every row\'s text in reading order (demo)', async () => {
    const { path, pageCount } = await savePdf(demo, 'demo.pdf');
    expect(pageCount).toBe(1);
    const raw = squash(pdftotext(path, '-raw').join('\n'));
    let at = 0;
    const expected = [...demo.priorities.flatMap((p) => [p.title, ...scorecardHeaders(demo), ...p.rows.flatMap(scorecardRowCells)])];
    for (const text of expected) {
      const next = raw.indexOf(squash(text), at);
      expect(next, `"${text}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = next + squash(text).length;
    }
    // The page header and footer (pdfmake draws them after the body).
    expect(raw).toContain(squash(demo.title));
    expect(raw).toContain('Page1of1');
  });

  it('runs a long scorecard over several pages: title, header, key and "Page n of m" on every page, rows never split', async () => {
    const { path, pageCount } = await savePdf(long, 'long.pdf');
    expect(pageCount).toBeGreaterThanOrEqual(4);
    const pages = pdftotext(path, '-raw');
    expect(pages).toHaveLength(pageCount);
    pages.forEach((page, i) => {
      const text = squash(page);
      expect(text).toContain(squash(long.title));
      expect(text).toContain(squash('Position v MSG'));
      expect(text.toLowerCase()).toContain(squash(long.key[0]!).toLowerCase());
      expect(text).toContain(`Page${i + 1}of${pageCount}`);
    });
    // Each row whole on exactly one page, in order.
    let page = 0;
    for (const priority of long.priorities) {
      for (const row of priority.rows) {
        const cells = scorecardRowCells(row).map(squash);
        const on = pages.map((p, i) => ({ i, text: squash(p) })).filter((p) => p.text.includes(cells[0]!));
        expect(on, row.name).toHaveLength(1);
        const found = on[0]!;
        expect(found.i).toBeGreaterThanOrEqual(page);
        page = found.i;
        const rowAt = found.text.indexOf(cells[0]!);
        let at = rowAt;
        for (const cell of cells) {
          const next = found.text.indexOf(cell, at);
          expect(next, `${row.name}: "${cell}"`).toBeGreaterThanOrEqual(0);
          at = next + cell.length;
        }
      }
    }
    // A priority that carries over says so.
    expect(pages.slice(1).some((p) => p.includes('(continued)'))).toBe(true);
    expect(squash(pages[pages.length - 1]!)).toContain('Method');
  });

  it('is landscape A4 with the DejaVu fonts embedded, a title and an author', async () => {
    const { path } = await savePdf(demo, 'demo-info.pdf');
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    expect(info).toContain(`Title:           ${demo.title}`);
    expect(info).toContain(`Author:          ${AUTHOR}`);
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter((line) => line.trim() !== '');
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toMatch(/DejaVuSans/);
      expect(line).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+/); // embedded, subset
    }
    expect((await writeScorecardPdf(demo, { author: AUTHOR })).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

// ---------------------------------------------------------------------------------------------
// csv

describe('scorecard csv', () => {
  it('has the priority and the seven columns as printed, one line per indicator', () => {
    const text = scorecardCsv(demo);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\n');
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(['Priority', ...scorecardHeaders(demo)]);
    const expected = demo.priorities.flatMap((p) => p.rows.map((r) => [p.title, ...scorecardRowCells(r)]));
    expect(rows).toEqual(expected);
    expect(rows.some((r) => r[4] === '-3.8%')).toBe(true); // a negative variance stays as printed
    expect(rows.every((r) => r[5] === '-')).toBe(true);
  });

  it('neutralises cells that would run as formulas', () => {
    const model = structuredClone(demo);
    model.priorities[0]!.rows[0]!.name = '=HYPERLINK("http://example.com","x")';
    model.priorities[0]!.title = '@SUM(A1)';
    const rows = Papa.parse<string[]>(scorecardCsv(model).slice(1), { skipEmptyLines: true }).data;
    expect(rows[1]?.[0]).toBe("'@SUM(A1)");
    expect(rows[1]?.[1]).toBe('\'=HYPERLINK("http://example.com","x")');
  });

  it('renders every format with the suggested file name', async () => {
    for (const format of ['xlsx', 'pdf', 'csv'] as const) {
      const { bytes, fileName } = await renderScorecard(demo, format, { author: AUTHOR });
      expect(fileName).toBe(`Plan Scorecard - Safer Communities Performance Dashboard 2024-25 Q3.${format}`);
      expect(bytes.length).toBeGreaterThan(100);
    }
  });
});
