import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendixHeaders, appendixRowCells, type AppendixModel } from '../../../../shared/domain/appendix';
import { createHandlers, dispatch, type Session, createSession } from '../../../../main/core/app';
import { cellText, readTableFile } from '../../../../main/core/imports/table-file';
import { Workspace } from '../../../../main/core/store/workspace';
import { demoSession, env, publishedAppendix } from '../demo-support';
import { appendixTsv } from '../../../shared-folder';

const TSV = appendixTsv();
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-import-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function emptySession(): Promise<Session> {
  return createSession({ workspace: await Workspace.create(path.join(dir, `empty-${Math.random()}.boardpack`), env), env });
}

function cells(model: AppendixModel): string[][] {
  const out = [appendixHeaders(model)];
  for (const block of model.outcomes) block.indicators.forEach((row, i) => out.push(appendixRowCells(block, row, i === 0)));
  return out;
}

async function ok<T>(p: Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error!.message);
  return r.value as T;
}

describe('importing the appendix layout', () => {
  it('recreates the published 2014/15 Q4 period exactly from the TSV', async () => {
    const session = await emptySession();
    const h = createHandlers(session);
    const report = await h['import.files']({ paths: [TSV] });
    expect(report).toMatchObject({ added: 24, unchanged: 0, changed: [], files: [{ shape: 'appendix', periodName: '2014/15 Q4', indicators: 12 }] });
    const model = await h['dashboard.get']({ period: '2014/15 Q4' });
    expect(cells(model)).toEqual(publishedAppendix().map((r) => r.map((c) => c.trim())));
    expect(model.title).toBe('Appendix 1 - Performance Dashboard 2014/15 Q4');
    const imports = session.workspace.db.all<{ sha256: string; os_user: string }>('SELECT sha256, os_user FROM imports');
    expect(imports).toEqual([{ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), os_user: 'tester' }]);
    expect(session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM observations WHERE import_id IS NULL')?.n).toBe(0);
    await session.workspace.close();
  });

  it('recreates it from the same table saved as xlsx below a title block, after a notes sheet', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Notes').getCell('A1').value = 'Figures supplied by the partnership analyst.';
    const sheet = book.addWorksheet('Dashboard');
    sheet.addRow(['Appendix 1 - Safer Communities Performance Dashboard 2014/15 Q4']);
    sheet.addRow([]);
    const rows = publishedAppendix();
    rows.forEach((r) => sheet.addRow(r));
    // The outcome cells merged down over their indicators, as analysts lay them out.
    sheet.mergeCells('A4:A7');
    sheet.mergeCells('B4:B7');
    const file = path.join(dir, 'appendix.xlsx');
    await book.xlsx.writeFile(file);
    const session = await emptySession();
    const h = createHandlers(session);
    const report = await h['import.files']({ paths: [file] });
    expect(report.files[0]).toMatchObject({ sheet: 'Dashboard', indicators: 12 });
    const model = await h['dashboard.get']({ period: '2014/15 Q4' });
    expect(cells(model)).toEqual(rows.map((r) => r.map((c) => c.trim())));
    expect(model.title).toBe('Appendix 1 - Safer Communities Performance Dashboard 2014/15 Q4');
    await session.workspace.close();
  });

  it('round trip: export xlsx, import into an empty workspace, export again: identical cell text', async () => {
    const demo = createHandlers(await demoSession());
    const first = path.join(dir, 'first.xlsx');
    await ok(dispatch(demo, 'export.appendix', { period: '2014/15 Q4', format: 'xlsx', path: first }));
    const session = await emptySession();
    const h = createHandlers(session);
    await h['import.files']({ paths: [first] });
    const second = path.join(dir, 'second.xlsx');
    await h['export.appendix']({ period: '2014/15 Q4', format: 'xlsx', path: second });
    const table = async (file: string) => {
      const sheets = await readTableFile(file);
      if (!sheets.ok) throw new Error(sheets.error);
      const rows = sheets.value[0]!.rows;
      const end = rows.findIndex((r, i) => i > 1 && r.every((c) => c === ''));
      return rows.slice(0, end);
    };
    const a = await table(first);
    expect(a).toHaveLength(14); // title, header, 12 indicators
    expect(await table(second)).toEqual(a);
    await session.workspace.close();
  });

  it('re-importing never duplicates: unchanged values are reported, changed ones with old and new', async () => {
    const session = await emptySession();
    const h = createHandlers(session);
    await h['import.files']({ paths: [TSV] });
    const again = await h['import.files']({ paths: [TSV] });
    expect(again).toMatchObject({ added: 0, unchanged: 24, changed: [] });
    const corrected = path.join(dir, 'corrected.tsv');
    await writeFile(corrected, (await readFile(TSV, 'utf8')).replace('\t6.35\t', '\t6.41\t'));
    const fixed = await h['import.files']({ paths: [corrected] });
    expect(fixed.changed).toEqual([{ indicator: 'Vehicle Crime rate (per 1,000 population)', span: '2014-04 to 2015-03', old: '6.35', new: '6.41' }]);
    expect(fixed.unchanged).toBe(23);
    expect(session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM observations')?.n).toBe(24);
    await session.workspace.close();
  });

  it('never changes a locked (published) period, and leaves the workspace as it was', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const before = session.workspace.db.export();
    const corrected = path.join(dir, 'corrected.tsv');
    await writeFile(corrected, (await readFile(TSV, 'utf8')).replace('\t6.35\t', '\t6.41\t'));
    const r = await dispatch(h, 'import.files', { paths: [corrected] });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/"2014\/15 Q4" is locked/) } });
    expect(Buffer.compare(Buffer.from(before), Buffer.from(session.workspace.db.export()))).toBe(0);
  });

  it('a dry run reports and changes nothing', async () => {
    const session = await emptySession();
    const h = createHandlers(session);
    const report = await h['import.files']({ paths: [TSV], dryRun: true });
    expect(report).toMatchObject({ dryRun: true, added: 24, importId: null });
    expect(await h['periods.list']({})).toEqual([]);
    expect(session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM imports')?.n).toBe(0);
    await session.workspace.close();
  });

  it('explains bad files by name, row and column, and imports nothing', async () => {
    const session = await emptySession();
    const h = createHandlers(session);
    const write = async (name: string, content: string | Buffer) => {
      const file = path.join(dir, name);
      await writeFile(file, content);
      return file;
    };
    const cases: Array<[string, RegExp]> = [
      [await write('old.xls', 'x'), /old-style Excel workbook \(\.xls\).*save it as \.xlsx/],
      [await write('pack.pdf', '%PDF-1.4'), /is a PDF/],
      [await write('data.zip', 'PK'), /zip archive/],
      [await write('broken.xlsx', 'PK\u0003\u0004 not really'), /could not be read as an Excel workbook/],
      [await write('empty.csv', ''), /is empty/],
      [await write('other.csv', 'Name,Value\nBlaby,3\n'), /"other\.csv": Boardpack cannot tell these from the table: the indicator .*; the period/],
      [await write('letter.txt', 'Dear colleague,\nthe figures follow.\n'), /"letter\.txt" is not in a shape Boardpack recognises/],
      [await write('arrow.tsv', (await readFile(TSV, 'utf8')).replace('\t↓\tR\t', '\tdown\tR\t')), /"arrow\.tsv", row 4, column 7: "down" is not a direction of travel; use ↑, → or ↓/],
      [await write('rag.tsv', (await readFile(TSV, 'utf8')).replace('\t↓\tR\t', '\t↓\tPurple\t')), /row 4, column 8: "Purple" is not a RAG rating/],
      [await write('value.tsv', (await readFile(TSV, 'utf8')).replace('\t6.35\t', '\tabout six\t')), /row 4, column 6/],
    ];
    for (const [file, message] of cases) {
      const r = await dispatch(h, 'import.files', { paths: [TSV, file] });
      expect(r, path.basename(file)).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) } });
    }
    expect(await h['periods.list']({})).toEqual([]);
    await session.workspace.close();
  });
});

describe('reading spreadsheet cells as shown', () => {
  it('shows numbers through their format, formulas by cached result, errors as text', async () => {
    const book = new ExcelJS.Workbook();
    const s = book.addWorksheet('s');
    const set = (addr: string, value: ExcelJS.CellValue, numFmt?: string) => {
      const c = s.getCell(addr);
      c.value = value;
      if (numFmt) c.numFmt = numFmt;
      return c;
    };
    expect(cellText(set('A1', 1264, '#,##0'))).toBe('1,264');
    expect(cellText(set('A2', 55.4, '0.0"%"'))).toBe('55.4%');
    expect(cellText(set('A3', 0.27, '0%'))).toBe('27%');
    expect(cellText(set('A4', 3.1, '0.00'))).toBe('3.10');
    expect(cellText(set('A5', { formula: 'A1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellValue))).toBe('#DIV/0!');
    expect(cellText(set('A6', { formula: 'A1*2', result: 2528 } as ExcelJS.CellValue, '#,##0'))).toBe('2,528');
    expect(cellText(set('A7', { error: '#N/A' } as ExcelJS.CellValue))).toBe('#N/A');
    expect(cellText(set('A8', 12.5))).toBe('12.5');
  });

  it('reads semicolon CSV with a doubled byte-order mark, and Windows-1252 text', async () => {
    const semi = path.join(dir, 'survey.csv');
    await writeFile(semi, '\uFEFF\uFEFFArea;Value\r\nBlaby;7,7\r\n');
    const a = await readTableFile(semi);
    expect(a).toMatchObject({ ok: true, value: [{ rows: [['Area', 'Value'], ['Blaby', '7,7']] }] });
    const legacy = path.join(dir, 'legacy.csv');
    await writeFile(legacy, Buffer.from([0x41, 0x72, 0x65, 0x61, 0x0d, 0x0a, 0x4d, 0xe9, 0x6c, 0x74, 0x6f, 0x6e, 0x20, 0xa3, 0x35])); // "Area\r\nMélton £5"
    const b = await readTableFile(legacy);
    expect(b.ok && b.value[0]!.rows[1]![0]).toBe('Mélton £5');
  });
});

describe('undoing an import', () => {
  const count = (s: Session, table: string) => s.workspace.db.first<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)?.n;

  it('restores exactly what the import replaced, newest first, and refuses out of order', async () => {
    const session = await emptySession();
    const h = createHandlers(session);
    const first = await h['import.files']({ paths: [TSV] });
    const corrected = path.join(dir, 'corrected.tsv');
    await writeFile(corrected, (await readFile(TSV, 'utf8')).replace('\t6.35\t', '\t6.41\t').replace('\tR\tBottom', '\tA\tBottom'));
    const second = await h['import.files']({ paths: [corrected] });
    const vehicle = async () => (await h['dashboard.get']({ period: '2014/15 Q4' })).outcomes[0]!.indicators.find((r) => r.name.startsWith('Vehicle'))!;
    expect((await vehicle()).latest.text).toBe('6.41');
    expect((await vehicle()).progress.shown).toBe('A');

    const early = await dispatch(h, 'imports.undo', { id: first.importId! });
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/Later imports \(2\) changed some of the same values; undo it first/) } });

    const undone = await h['imports.undo']({});
    expect(undone).toMatchObject({ importId: second.importId, files: ['corrected.tsv'] });
    expect((await vehicle()).latest.text).toBe('6.35');
    expect((await vehicle()).progress.shown).toBe('R');
    expect(count(session, 'observations')).toBe(24);

    await h['imports.undo']({});
    expect(await h['periods.list']({})).toEqual([]);
    expect(count(session, 'observations')).toBe(0);
    expect(count(session, 'outcome_assessments')).toBe(0);
    const list = await h['imports.list']({});
    expect(list.map((i) => [i.id, i.undoneAt !== null])).toEqual([[second.importId, true], [first.importId, true]]);
    expect(await dispatch(h, 'imports.undo', {})).toMatchObject({ ok: false, error: { message: 'There is no import to undo.' } });
    await session.workspace.close();
  });

  it('will not undo an import into a period that has since been locked', async () => {
    const session = await emptySession();
    const h = createHandlers(session);
    await h['import.files']({ paths: [TSV] });
    session.workspace.mutate(() => session.workspace.db.run("UPDATE reporting_periods SET locked = 1 WHERE name = '2014/15 Q4'"));
    const r = await dispatch(h, 'imports.undo', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/locked \(published\) period "2014\/15 Q4"/) } });
    expect(count(session, 'observations')).toBe(24);
    await session.workspace.close();
  });
});
