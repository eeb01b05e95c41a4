import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppendixModel } from '../../../../shared/domain/appendix';
import { appendixHeaders } from '../../../../shared/domain/appendix';
import { writeAppendixXlsx } from '../../../../main/core/exports/xlsx';
import { writeExportFile } from '../../../../main/core/exports/write-file';
import { appendixModelFromTsv, longAppendixModel } from '../../../fixtures/appendix-model';
import { appendixTsv } from '../../../shared-folder';

const TSV_PATH = appendixTsv();
const AUTHOR = 'A. Analyst';

let dir = '';
let tsvText = '';
let published: string[][] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'boardpack-xlsx-'));
  tsvText = await readFile(TSV_PATH, 'utf8');
  published = tsvText.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => line.split('\t').map((cell) => cell.trim()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Write through the real file writer, then read back with exceljs, as Excel would open it. */
async function roundTrip(model: AppendixModel, name: string, variant: 'standard' | 'compact' = 'standard'): Promise<{ workbook: ExcelJS.Workbook; sheet: ExcelJS.Worksheet; bytes: Buffer }> {
  const path = join(dir, name);
  const written = await writeExportFile(path, await writeAppendixXlsx(model, { author: AUTHOR, variant }));
  expect(written.ok).toBe(true);
  const bytes = await readFile(path);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.getWorksheet('Appendix');
  if (!sheet) throw new Error('no Appendix sheet');
  return { workbook, sheet, bytes };
}

/** What Excel displays for a number in the formats the appendix uses: 0, #,##0, 0.0, 0.00, with an optional "%" literal. */
function formatNumber(value: number, format: string): string {
  const match = /^(#,##0|0)(?:\.(0+))?("%")?$/.exec(format);
  if (!match) throw new Error(`format not understood by the test: ${format}`);
  const decimals = match[2]?.length ?? 0;
  let text = value.toFixed(decimals);
  if (match[1] === '#,##0') {
    const [whole = '', fraction] = text.split('.');
    text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction === undefined ? '' : `.${fraction}`);
  }
  return text + (match[3] ? '%' : '');
}

function displayed(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, cell.numFmt ?? '0');
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((run) => run.text).join('');
  throw new Error(`unexpected value in ${cell.address}: ${JSON.stringify(value)}`);
}

/** The files inside an xlsx (a zip): enough of the format to read the sheet XML. */
function unzip(bytes: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('not a zip');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < count; i += 1) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

function allCells(sheet: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell)));
  return cells;
}

describe('xlsx export of the published 2014/15 Q4 appendix', () => {
  it('shows exactly the 130 published cells (merged outcome cells counted once)', async () => {
    const model = appendixModelFromTsv(tsvText);
    const { sheet } = await roundTrip(model, 'tsv.xlsx');
    expect(displayed(sheet.getCell('A1'))).toBe(model.title);

    let compared = 0;
    published.forEach((cells, r) => {
      const rowNumber = r + 2; // the header is row 2, under the title
      cells.forEach((expected, c) => {
        const cell = sheet.getCell(rowNumber, c + 1);
        const isMergedAway = cell.isMerged && cell.master.address !== cell.address;
        expect(isMergedAway ? '' : displayed(cell), `${cell.address}`).toBe(expected);
        compared += 1;
      });
    });
    expect(compared).toBe(130);
    expect(published[0]).toEqual(appendixHeaders(model));
  });

  it('writes plain numbers as numbers with a format that displays the published text, and everything else as text', async () => {
    const { sheet } = await roundTrip(appendixModelFromTsv(tsvText), 'numbers.xlsx');
    const e3 = sheet.getCell('E3');
    expect(e3.value).toBe(47.18);
    expect(e3.numFmt).toBe('0.00');
    const f4 = sheet.getCell('F4'); // 3.10 keeps its zero
    expect(f4.value).toBe(3.1);
    expect(formatNumber(3.1, f4.numFmt)).toBe('3.10');
    const f10 = sheet.getCell('F10'); // 27%
    expect(f10.value).toBe(27);
    expect(f10.numFmt).toBe('0"%"');
    const f11 = sheet.getCell('F11'); // 1,264
    expect(f11.value).toBe(1264);
    expect(f11.numFmt).toBe('#,##0');
    expect(sheet.getCell('E11').value).toBe('1,259*');
    expect(sheet.getCell('F7').value).toBe('55.4% (Q3 2014-15)');
    expect(sheet.getCell('F8').value).toBe('1.00 (Apr-Dec 2014)');
    const numeric = allCells(sheet).filter((cell) => typeof cell.value === 'number');
    expect(numeric.length).toBe(21); // 24 values, less 1,259*, 55.4% (Q3 ...) and 1.00 (Apr-Dec ...)
    for (const cell of numeric) expect(cell.numFmt, cell.address).toMatch(/^(#,##0|0)(\.0+)?("%")?$/);
  });

  it("merges each outcome's title, RAG and comment over its indicator rows", async () => {
    const { sheet } = await roundTrip(appendixModelFromTsv(tsvText), 'merges.xlsx');
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    for (const [first, last] of [[3, 6], [7, 9], [10, 12], [13, 14]]) {
      for (const column of ['A', 'B', 'C']) expect(merges).toContain(`${column}${first}:${column}${last}`);
    }
    // no indicator column is merged
    expect(merges.filter((range) => /^[D-J]\d+:[D-J]\d+$/.test(range))).toEqual([]);
  });

  it('fills RAG cells (letter always shown, white on red, black on amber and green)', async () => {
    const { sheet } = await roundTrip(appendixModelFromTsv(tsvText), 'fills.xlsx');
    const fillOf = (address: string): string | undefined => {
      const fill = sheet.getCell(address).fill;
      return fill && fill.type === 'pattern' ? fill.fgColor?.argb : undefined;
    };
    expect(sheet.getCell('B3').value).toBe('G');
    expect(fillOf('B3')).toBe('FF00B050');
    expect(sheet.getCell('B7').value).toBe('A');
    expect(fillOf('B7')).toBe('FFFFC000');
    expect(sheet.getCell('H5').value).toBe('R'); // vehicle crime
    expect(fillOf('H5')).toBe('FFC00000');
    expect(sheet.getCell('H5').font?.color?.argb).toBe('FFFFFFFF');
    expect(sheet.getCell('H8').value).toBe('A');
    expect(sheet.getCell('H8').font?.color?.argb).toBe('FF000000');
    for (let row = 3; row <= 14; row += 1) expect(fillOf(`H${row}`), `H${row}`).toMatch(/^FF(00B050|FFC000|C00000)$/);
    expect(fillOf('D3')).toBeUndefined();
  });

  it('freezes the header, prints landscape A4 one page wide with the header row repeated, and sets the page header and footer', async () => {
    const { sheet } = await roundTrip(appendixModelFromTsv(tsvText), 'print.xlsx');
    const [view] = sheet.views;
    expect(view?.state).toBe('frozen');
    expect(view && 'ySplit' in view ? view.ySplit : undefined).toBe(2);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.fitToPage).toBe(true);
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.pageSetup.fitToHeight).toBe(0);
    expect(sheet.pageSetup.printTitlesRow).toBe('2:2');
    expect(sheet.headerFooter.oddHeader).toContain('Appendix 1 - Safer Communities Performance Dashboard 2014/15 Q4');
    expect(sheet.headerFooter.oddFooter).toContain('Page &P of &N');
    expect(sheet.headerFooter.oddFooter).toContain('↑ improving');
  });

  it('sets the document title and author', async () => {
    const model = appendixModelFromTsv(tsvText);
    const { workbook } = await roundTrip(model, 'properties.xlsx');
    expect(workbook.title).toBe(model.title);
    expect(workbook.creator).toBe(AUTHOR);
  });

  it('prints the key, footnotes, method and sources below the table', async () => {
    const model = appendixModelFromTsv(tsvText);
    const { sheet } = await roundTrip(model, 'notes.xlsx');
    const below: string[] = [];
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber > 14) row.eachCell((cell) => below.push(displayed(cell)));
    });
    for (const text of ['Key', '↑', 'improving', '→', 'no significant change', '↓', 'worsening', 'R', 'Red: off track', 'A', 'G', model.method, ...model.footnotes, ...model.sources]) {
      expect(below).toContain(text);
    }
  });

  it('makes rows tall enough for wrapped text, including merged outcome comments', async () => {
    const model = appendixModelFromTsv(tsvText);
    const { sheet } = await roundTrip(model, 'heights.xlsx');
    for (let row = 3; row <= 14; row += 1) expect(sheet.getRow(row).height, `row ${row}`).toBeGreaterThanOrEqual(15);
    // Outcome 2's comment is about 75 words in a 46-wide column: at least 8 lines of 12.75pt.
    const outcome2 = [7, 8, 9].reduce((sum, row) => sum + (sheet.getRow(row).height ?? 0), 0);
    expect(outcome2).toBeGreaterThanOrEqual(8 * 12.75);
  });

  it('never writes a formula', async () => {
    const { sheet, bytes } = await roundTrip(appendixModelFromTsv(tsvText), 'formulas.xlsx');
    for (const cell of allCells(sheet)) expect(cell.type, cell.address).not.toBe(ExcelJS.ValueType.Formula);
    for (const [name, xml] of unzip(bytes)) {
      if (name.startsWith('xl/worksheets/')) expect(xml).not.toMatch(/<f[ >]/);
    }
  });
});

describe('xlsx formula injection', () => {
  it('keeps text starting with = + - @ as plain strings', async () => {
    const model = appendixModelFromTsv(tsvText);
    const block = model.outcomes[0];
    const row = block?.indicators[0];
    if (!block || !row) throw new Error('fixture changed');
    block.title = '=HYPERLINK("http://example.invalid/x","Click")';
    block.comment = '+cmd|\' /C calc\'!A0';
    row.name = '@SUM(1+1)*cmd|\' /C calc\'!A0';
    row.previous = { text: '-2+3+cmd|\' /C calc\'!A0', number: null, numberFormat: null, span: null };
    row.districtComparison = '=1+1';
    const { sheet, bytes } = await roundTrip(model, 'injection.xlsx');
    expect(sheet.getCell('A3').value).toBe('=HYPERLINK("http://example.invalid/x","Click")');
    expect(sheet.getCell('C3').value).toBe('+cmd|\' /C calc\'!A0');
    expect(sheet.getCell('D3').value).toBe('@SUM(1+1)*cmd|\' /C calc\'!A0');
    expect(sheet.getCell('E3').value).toBe('-2+3+cmd|\' /C calc\'!A0');
    expect(sheet.getCell('J3').value).toBe('=1+1');
    for (const address of ['A3', 'C3', 'D3', 'E3', 'J3']) expect(sheet.getCell(address).type).toBe(ExcelJS.ValueType.String);
    for (const [name, xml] of unzip(bytes)) {
      if (name.startsWith('xl/worksheets/')) expect(xml).not.toMatch(/<f[ >]/);
    }
  });
});

describe('xlsx compact variant', () => {
  it('puts each outcome on one row, its indicators one per line in each column', async () => {
    const model = appendixModelFromTsv(tsvText);
    const { sheet } = await roundTrip(model, 'compact.xlsx', 'compact');
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    expect(merges.filter((range) => /^[A-J][3-6]:/.test(range))).toEqual([]);
    expect(displayed(sheet.getCell('A3'))).toBe('Ongoing reductions in crime');
    expect(displayed(sheet.getCell('B3'))).toBe('G');
    expect(displayed(sheet.getCell('D3'))).toBe(
      ['Total Crime rate (per 1,000 population)', 'Domestic Burglary rate (per 1,000 population)', 'Vehicle Crime rate (per 1,000 population)', 'Violence with Injury rate (per 1,000 population)'].join('\n'),
    );
    expect(displayed(sheet.getCell('E3'))).toBe('47.18\n3.44\n5.71\n3.58');
    expect(displayed(sheet.getCell('F3'))).toBe('45.79\n3.10\n6.35\n3.39');
    expect(displayed(sheet.getCell('G3'))).toBe('→\n→\n↓\n→');
    expect(displayed(sheet.getCell('H3'))).toBe('G\nG\nR\nG');
    expect(displayed(sheet.getCell('I3'))).toBe('Top\nBottom\nBottom\nTop');
    expect(displayed(sheet.getCell('A6'))).toBe(model.outcomes[3]?.title);
    expect(displayed(sheet.getCell('F6'))).toBe('5.3%\n86.1%');
    // the row after the four outcomes is blank, then the key
    expect(displayed(sheet.getCell('A7'))).toBe('');
    expect(displayed(sheet.getCell('A8'))).toBe('Key');
    expect(sheet.getCell('B3').alignment?.wrapText).toBe(true);
  });
});

describe('xlsx of unusual appendices', () => {
  it('prints an outcome with no indicators on a row of its own', async () => {
    const model = appendixModelFromTsv(tsvText);
    const bare = model.outcomes[1];
    if (!bare) throw new Error('fixture changed');
    bare.indicators = [];
    const { sheet } = await roundTrip(model, 'bare-outcome.xlsx');
    expect(displayed(sheet.getCell('A7'))).toBe(bare.title);
    expect(displayed(sheet.getCell('B7'))).toBe('A');
    expect(displayed(sheet.getCell('C7'))).toBe(bare.comment);
    expect(displayed(sheet.getCell('D7'))).toBe('');
    expect(displayed(sheet.getCell('A8'))).toBe(model.outcomes[2]?.title);
  });

  it('writes the title, header and notes when there are no outcomes', async () => {
    const model = appendixModelFromTsv(tsvText);
    const { sheet } = await roundTrip({ ...model, outcomes: [] }, 'empty.xlsx');
    expect(displayed(sheet.getCell('A1'))).toBe(model.title);
    expect(displayed(sheet.getCell('D2'))).toBe('Supporting Indicators');
    expect(displayed(sheet.getCell('A4'))).toBe('Key');
  });
});

describe('xlsx of a large appendix', () => {
  it('writes 200 indicators with every name and value in place', async () => {
    const model = longAppendixModel(10, 200);
    const { sheet } = await roundTrip(model, 'long.xlsx');
    let row = 3;
    for (const block of model.outcomes) {
      expect(displayed(sheet.getCell(row, 1))).toBe(block.title);
      for (const indicator of block.indicators) {
        expect(displayed(sheet.getCell(row, 4))).toBe(indicator.name);
        expect(displayed(sheet.getCell(row, 5))).toBe(indicator.previous.text);
        expect(displayed(sheet.getCell(row, 6))).toBe(indicator.latest.text);
        row += 1;
      }
    }
    expect(row).toBe(203);
  });
});
