/**
 * Tidy and wide tables: detection with reasons, area and indicator matching, periods and
 * values as partners write them, every kind of bad cell reported by file, sheet, row and
 * column, locked periods as conflicts, remembered mappings, new areas, undo, the template.
 * Files are real: each test writes its CSV, TSV or xlsx and imports it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, createSession, dispatch, type Session } from '../../../../main/core/app';
import { Workspace } from '../../../../main/core/store/workspace';
import type { ImportReport, ImportTablePlan } from '../../../../shared/api/types';
import { areaKey, guessIndicator, readValueCell } from '../../../../main/core/imports/cells';
import { demoSession, env } from '../demo-support';
import { upsertArea } from '../../../../main/core/areas/repo';
import { sharedData } from '../../../shared-folder';
import { bigCsv } from '../../../fixtures/big-files';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-tidy-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function write(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function xlsx(name: string, sheets: Array<{ name: string; rows: unknown[][] }>): Promise<string> {
  const book = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = book.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
  }
  const file = path.join(dir, name);
  await book.xlsx.writeFile(file);
  return file;
}

function table(report: ImportReport, i = 0): ImportTablePlan {
  const t = report.tables?.[i];
  if (!t) throw new Error(`no table ${i} in ${JSON.stringify(report.files)}`);
  return t;
}

const role = (t: ImportTablePlan, header: string) => t.columns.find((c) => c.header === header);

function values(session: Session, indicator: string): Array<{ area: string; first: string; last: string; value: number | null; missing: string | null; numerator: number | null; denominator: number | null; label: string | null; note: string; footnote: string | null }> {
  return session.workspace.db.all(
    `SELECT a.name AS area, o.first_month AS first, o.last_month AS last, o.value, o.missing, o.numerator, o.denominator, o.label, o.note, o.footnote_marker AS footnote
     FROM observations o JOIN indicators i ON i.id = o.indicator_id JOIN areas a ON a.id = o.area_id WHERE i.name = ? ORDER BY a.name, o.first_month, o.last_month`,
    [indicator],
  );
}

const TIDY = [
  'Indicator,Area code,Area name,Period,Value,Numerator,Denominator,Unit,Notes',
  'Number of first time entrants to the youth justice system,E07000130,Charnwood,Q1 2024/25,37,,,count,',
  'Number of first time entrants to the youth justice system,E07000129,Blaby,Q1 2024/25,"1,204",,,count,provisional',
  '% of residents who feel safe after dark,E07000130,Charnwood,2023/24,79.0%,790,1000,%,',
  '% of residents who feel safe after dark,E07000129,Blaby,2023/24,NA,,,%,survey not run',
  '% of residents who feel safe after dark,E07000131,Harborough,2023/24,-,,,%,',
].join('\r\n');

describe('tidy tables', () => {
  it('detects the columns with reasons, matches areas by code, proposes new indicators, and imports', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const file = await write('partner.csv', TIDY);
    const dry = await h['import.files']({ paths: [file], dryRun: true });
    const t = table(dry);
    expect(t.shape).toBe('tidy');
    expect(t.mappingSource).toBe('detected');
    expect(t.blocking).toBeNull();
    expect(role(t, 'Area code')).toMatchObject({ role: 'area', reason: 'column "Area code" holds ONS codes' });
    expect(role(t, 'Area name')?.role).toBe('area_name');
    expect(role(t, 'Indicator')?.role).toBe('indicator');
    expect(role(t, 'Period')?.role).toBe('period');
    expect(role(t, 'Value')?.role).toBe('value');
    expect(role(t, 'Numerator')?.role).toBe('numerator');
    expect(role(t, 'Denominator')?.role).toBe('denominator');
    expect(role(t, 'Unit')?.role).toBe('unit');
    expect(role(t, 'Notes')?.role).toBe('note');
    expect(t.newIndicators).toEqual([
      expect.objectContaining({ name: 'Number of first time entrants to the youth justice system', unit: 'count', polarity: 'lower' }),
      expect.objectContaining({ name: '% of residents who feel safe after dark', unit: 'percent', polarity: 'higher' }),
    ]);
    expect(t.preview[0]).toMatchObject({ row: 2, area: 'Charnwood', period: 'Q1 2024-25', first: '2024-04', last: '2024-06', value: '37' });
    expect(t.preview[1]).toMatchObject({ value: '1204', note: 'provisional' });
    expect(t.problems).toEqual([]);
    expect(dry).toMatchObject({ added: 5, unchanged: 0, dryRun: true, importId: null });
    expect(values(session, '% of residents who feel safe after dark')).toEqual([]);

    const done = await h['import.files']({ paths: [file] });
    expect(done.added).toBe(5);
    expect(done.created).toEqual(expect.arrayContaining(['the indicator "% of residents who feel safe after dark"']));
    expect(values(session, '% of residents who feel safe after dark')).toEqual([
      { area: 'Blaby', first: '2023-04', last: '2024-03', value: null, missing: 'NA', numerator: null, denominator: null, label: null, note: 'survey not run', footnote: null },
      { area: 'Charnwood', first: '2023-04', last: '2024-03', value: 79, missing: null, numerator: 790, denominator: 1000, label: null, note: '', footnote: null },
      { area: 'Harborough', first: '2023-04', last: '2024-03', value: null, missing: '-', numerator: null, denominator: null, label: null, note: '', footnote: null },
    ]);
    const indicator = session.workspace.db.first<{ unit: string; polarity: string; decimals: number; outcome_id: number | null }>("SELECT unit, polarity, decimals, outcome_id FROM indicators WHERE name LIKE '% of residents%'");
    expect(indicator).toEqual({ unit: 'percent', polarity: 'higher', decimals: 1, outcome_id: null });

    // The same file again: nothing duplicated; an updated file: changed, old and new.
    const again = await h['import.files']({ paths: [file] });
    expect(again).toMatchObject({ added: 0, unchanged: 5, changed: [], status: 'unchanged' });
    // An import that changes nothing is not recorded (issue 15).
    expect(again.importId).toBeNull();
    const updated = await write('partner.csv', TIDY.replace(',37,', ',39,'));
    const changed = await h['import.files']({ paths: [updated] });
    expect(changed).toMatchObject({ added: 0, unchanged: 4, changed: [{ indicator: 'Number of first time entrants to the youth justice system, Charnwood', span: 'Q1 2024-25', old: '37', new: '39' }] });

    // Undo the update: the old value is back, exactly.
    await h['imports.undo']({ id: changed.importId! });
    expect(values(session, 'Number of first time entrants to the youth justice system').find((v) => v.area === 'Charnwood')?.value).toBe(37);
    await h['imports.undo']({ id: done.importId! });
    expect(values(session, 'Number of first time entrants to the youth justice system')).toEqual([]);
  });

  it('two files naming the same new indicator create it once and import both', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const [header, ...rows] = TIDY.split('\r\n');
    const survey = rows.filter((r) => r.startsWith('%'));
    const first = await write('survey-charnwood.csv', [header, survey[0]].join('\r\n'));
    const second = await write('survey-others.csv', [header, ...survey.slice(1)].join('\r\n'));
    const done = await h['import.files']({ paths: [first, second] });
    expect(done.added).toBe(3);
    expect(done.created.filter((c) => c.includes('feel safe after dark'))).toHaveLength(1);
    expect(values(session, '% of residents who feel safe after dark').map((v) => v.area)).toEqual(['Blaby', 'Charnwood', 'Harborough']);
  });

  it('matches area names forgivingly and lists the areas it cannot match, creating them only when asked', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const file = await write(
      'names.csv',
      [
        'Measure,District,Month,Count',
        'Vehicle crime (partner count),CHARNWOOD,Jun-24,10',
        'Vehicle crime (partner count),hinckley & bosworth,Jun-24,11',
        'Vehicle crime (partner count),Oadby  and Wigston Borough,Jun-24,12',
        'Vehicle crime (partner count),Harborough District,Jun-24,13',
        'Vehicle crime (partner count),Melton UA,Jun-24,14',
        'Vehicle crime (partner count),Loughborough Ward,Jun-24,15',
        'Vehicle crime (partner count),Loughborough Ward,Jul-24,16',
        'Vehicle crime (partner count),City of Leicester,Jun-24,17',
      ].join('\n'),
    );
    const dry = await h['import.files']({ paths: [file], dryRun: true });
    const t = table(dry);
    expect(role(t, 'District')).toMatchObject({ role: 'area' });
    expect(role(t, 'Month')?.role).toBe('period');
    expect(role(t, 'Count')?.role).toBe('value');
    expect(t.unmatchedAreas).toEqual([
      { name: 'Loughborough Ward', code: null, rows: 2 },
      { name: 'City of Leicester', code: null, rows: 1 },
    ]);
    expect(dry.added).toBe(5);
    expect(dry.skipped).toContainEqual({ reason: 'of the values in names.csv, for areas not in this workspace (Loughborough Ward, City of Leicester)', count: 3 });
    const created = await h['import.files']({ paths: [file], createAreas: true });
    expect(created.added).toBe(8);
    expect(created.created).toContainEqual('2 areas: Loughborough Ward (LOCAL-LOUGHBOROUGH-WARD), City of Leicester (LOCAL-CITY-OF-LEICESTER)');
    expect(values(session, 'Vehicle crime (partner count)').map((v) => v.area)).toEqual([
      'Charnwood', 'City of Leicester', 'Harborough', 'Hinckley and Bosworth', 'Loughborough Ward', 'Loughborough Ward', 'Melton', 'Oadby and Wigston',
    ]);
    // Undo removes the areas it created too.
    await h['imports.undo']({});
    expect(session.workspace.db.first("SELECT 1 AS x FROM areas WHERE code LIKE 'LOCAL-LOUGH%'")).toBeUndefined();
  });

  it('reports every bad cell with file, row, column, value, what is wrong and the fix, and imports the rest', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const file = await write(
      'bad.csv',
      [
        'indicator,area,period,value',
        'Test indicator,Blaby,2024-06,5',
        'Test indicator,Blaby,Smarch 2024,6',
        'Test indicator,Blaby,2024-07,about six',
        'Test indicator,,2024-08,7',
        ',Blaby,2024-09,8',
        'Test indicator,Blaby,2024-10,#DIV/0!',
        'Test indicator,Blaby,2024-11',
        'Test indicator,Blaby,2024-12,9,extra',
        // An exact repeat of row 2 is read once (a different figure would refuse the import: import-breakdowns.test.ts).
        'Test indicator,Blaby,2024-06,5',
        'Test indicator,Blaby,2025-01,',
        'Test indicator,Blaby,2025-02,"1,2345"',
      ].join('\n'),
    );
    const dry = await h['import.files']({ paths: [file], dryRun: true });
    const t = table(dry);
    const problems = t.problems.map((p) => [p.row, p.column, p.value, p.problem]);
    expect(problems).toEqual([
      [3, 'period', 'Smarch 2024', "'Smarch 2024' is not a period Boardpack recognises"],
      [4, 'value', 'about six', 'it is not a number'],
      [5, 'area', '', 'the area is blank'],
      [6, 'indicator', '', 'the indicator is blank'],
      [7, 'value', '#DIV/0!', 'the cell holds the Excel error #DIV/0!'],
      [8, '', 'Test indicator, Blaby, 2024-11', 'the row has 3 cells but the header has 4, so its cells may not line up with the columns'],
      [9, '', 'Test indicator, Blaby, 2024-12, 9, extra', 'the row has 5 cells but the header has 4, so its cells may not line up with the columns'],
      [12, 'value', '1,2345', 'it is not a number'],
      [10, '', 'Test indicator, Blaby, Jun 2024', 'row 2 already has a value for the same indicator, area and period; the value on row 2 is kept'],
    ]);
    expect(t.problems.every((p) => p.file === 'bad.csv' && p.sheet === '' && p.fix.length > 10)).toBe(true);
    expect(t.problemCount).toBe(9);
    expect(dry.added).toBe(1);
    expect(dry.skipped).toEqual(expect.arrayContaining([{ reason: 'of the value cells in bad.csv: blank', count: 1 }]));
    const done = await h['import.files']({ paths: [file] });
    expect(done.added).toBe(1);
    expect(values(session, 'Test indicator').map((v) => [v.first, v.value])).toEqual([['2024-06', 5]]);
  });

  it("a table copied from official statistics: [x], [c] and [z] are read as missing, '1,204 [p]' as a provisional figure, '<5' is refused with its row", async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const file = await write(
      'home-office-style.csv',
      [
        'indicator,area,period,value',
        'Stalking offences,Blaby,2024/25,[x]',
        'Stalking offences,Charnwood,2024/25,[c]',
        'Stalking offences,Harborough,2024/25,[z]',
        'Stalking offences,Melton,2024/25,"1,204 [p]"',
        'Stalking offences,Oadby and Wigston,2024/25,<5',
      ].join('\n'),
    );
    const dry = await h['import.files']({ paths: [file], dryRun: true });
    expect(table(dry).problems.map((p) => [p.row, p.column, p.value, p.problem])).toEqual([[6, 'value', '<5', 'it is not an exact figure (<5)']]);
    await h['import.files']({ paths: [file] });
    expect(values(session, 'Stalking offences').map((v) => [v.area, v.value, v.missing, v.label])).toEqual([
      ['Blaby', null, 'NA', null],
      ['Charnwood', null, 'NA', null],
      ['Harborough', null, '-', null],
      ['Melton', 1204, null, 'provisional'],
    ]);
  });

  it('leaves values in a locked (published) period as they are, listed as conflicts', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    // The demo's locked 2014/15 Q4 holds "Vehicle Crime rate (per 1,000 population)" for its area.
    const area = session.workspace.db.first<{ name: string }>("SELECT a.name FROM areas a JOIN meta m ON m.key = 'dashboard_area_code' AND m.value = a.code")!.name;
    const before = values(session, 'Vehicle Crime rate (per 1,000 population)');
    expect(before.length).toBeGreaterThan(0);
    const file = await write('late.csv', ['indicator,area,period,value', `"Vehicle Crime rate (per 1,000 population)",${area},12 months to Mar 2015,9.99`, `"Vehicle Crime rate (per 1,000 population)",${area},12 months to Mar 2016,7.5`].join('\n'));
    const r = await h['import.files']({ paths: [file] });
    expect(r.conflicts).toEqual([{ indicator: `Vehicle Crime rate (per 1,000 population), ${area}`, span: '2014-15', old: String(before.find((v) => v.last === '2015-03' && v.first === '2014-04')?.value), new: '9.99' }]);
    expect(r.added).toBe(1);
    expect(values(session, 'Vehicle Crime rate (per 1,000 population)').find((v) => v.first === '2014-04' && v.last === '2015-03')?.value).not.toBe(9.99);
  });

  it('reads xlsx: the data sheet after a notes sheet, a title block, Excel dates, formulas by result, error cells', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const file = await xlsx('partner.xlsx', [
      { name: 'Notes', rows: [['About this file'], ['Figures from the youth offending service']] },
      {
        name: 'Data',
        rows: [
          ['Youth offending service figures'],
          [],
          ['Indicator', 'Area', 'Month', 'Value'],
          ['Young people cautioned', 'Blaby', new Date(Date.UTC(2024, 5, 1)), 4],
          ['Young people cautioned', 'Blaby', new Date(Date.UTC(2024, 6, 1)), { formula: '2+3', result: 5 }],
          ['Young people cautioned', 'Blaby', new Date(Date.UTC(2024, 7, 1)), { error: '#N/A' }],
          ['Young people cautioned', 'Blaby', new Date(Date.UTC(2024, 8, 1)), { formula: 'NA()', result: { error: '#N/A' } }],
        ],
      },
    ]);
    const dry = await h['import.files']({ paths: [file], dryRun: true });
    const t = table(dry);
    expect(t).toMatchObject({ sheet: 'Data', sheets: ['Data'], headerRow: 3, shape: 'tidy' });
    expect(t.problems.map((p) => [p.sheet, p.row, p.column, p.value, p.problem])).toEqual([
      ['Data', 6, 'Value', '#N/A', 'the cell holds the Excel error #N/A'],
      ['Data', 7, 'Value', '#N/A', 'the cell holds the Excel error #N/A'],
    ]);
    expect(t.preview.map((p) => [p.first, p.value])).toEqual([['2024-06', '4'], ['2024-07', '5']]);
    expect(dry.added).toBe(2);
  });

  it('semicolons, a byte-order mark and Windows-1252 text are read without the analyst noticing', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const text = '\uFEFFindicator;area;period;value\r\nSatisfaction with the police – survey;Blaby;2023/24;55,4%\r\n';
    const semicolon = await write('survey.csv', text.replace('55,4%', '55.4%'));
    const r = await h['import.files']({ paths: [semicolon], dryRun: true });
    expect(table(r).preview[0]).toMatchObject({ indicator: 'Satisfaction with the police – survey', value: '55.4' });
    const latin = await write('latin.csv', Buffer.from('indicator,area,period,value\r\nCaf\xe9 licences (count),Blaby,2023/24,3\r\n', 'latin1'));
    const l = await h['import.files']({ paths: [latin], dryRun: true });
    expect(table(l).preview[0]?.indicator).toBe('Café licences (count)');
  });

  it('a table with no period anywhere says what is missing; the user can type it, and the mapping is remembered', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const file = await write('noperiod.csv', 'Indicator,Area,Figure\nHate crimes reported,Blaby,4\nHate crimes reported,Melton,2\n');
    const dry = await h['import.files']({ paths: [file], dryRun: true });
    expect(table(dry).blocking).toBe('Boardpack cannot tell this from the table: the period (a column, or type the period).');
    const refused = await dispatch(h, 'import.files', { paths: [file] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_arguments', message: expect.stringMatching(/"noperiod\.csv": Boardpack cannot tell this from the table: the period/) } });

    const mapped = await h['import.files']({ paths: [file], mappings: [{ file: 'noperiod.csv', fixed: { period: '2024/25 Q1' } }] });
    expect(table(mapped)).toMatchObject({ mappingSource: 'yours', fixed: { period: '2024/25 Q1' }, blocking: null });
    expect(values(session, 'Hate crimes reported').map((v) => [v.area, v.first, v.last, v.value])).toEqual([
      ['Blaby', '2024-04', '2024-06', 4],
      ['Melton', '2024-04', '2024-06', 2],
    ]);
    // Next time a file of this shape comes (columns in another order), the mapping is reused.
    const next = await write('noperiod-next.csv', 'Area,Indicator,Figure\nBlaby,Hate crimes reported,5\n');
    const again = await h['import.files']({ paths: [next], dryRun: true });
    expect(table(again).signature).not.toBe(table(dry).signature);
    const same = await write('noperiod-same.csv', 'Indicator,Area,Figure\nHate crimes reported,Blaby,5\n');
    const reused = await h['import.files']({ paths: [same], dryRun: true });
    expect(table(reused)).toMatchObject({ mappingSource: 'remembered', fixed: { period: '2024/25 Q1' }, blocking: null });
    expect(reused.changed).toEqual([{ indicator: 'Hate crimes reported, Blaby', span: 'Q1 2024-25', old: '4', new: '5' }]);
    const stored = session.workspace.db.all<{ key: string }>("SELECT key FROM meta WHERE key LIKE 'import_mapping:%'");
    expect(stored).toEqual([{ key: `import_mapping:${table(dry).signature}` }]);
  });

  it('a column role the user changes wins over the guess', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const file = await write('two-figures.csv', 'Indicator,Area,Period,Count,Rate\nBurglary (partner),Blaby,2023/24,120,1.1\n');
    const dry = await h['import.files']({ paths: [file], dryRun: true });
    expect(role(table(dry), 'Count')?.role).toBe('value');
    const r = await h['import.files']({ paths: [file], mappings: [{ file: 'two-figures.csv', columns: [{ index: 3, role: 'numerator' }, { index: 4, role: 'value' }] }] });
    expect(role(table(r), 'Rate')).toMatchObject({ role: 'value', reason: 'as you chose' });
    expect(values(session, 'Burglary (partner)')).toMatchObject([{ value: 1.1, numerator: 120 }]);
    const two = await dispatch(h, 'import.files', { paths: [file], dryRun: true, mappings: [{ file: 'two-figures.csv', columns: [{ index: 4, role: 'period' }] }] });
    expect(two).toMatchObject({ ok: true, value: { tables: [{ blocking: '2 columns are set to "period"; choose one.' }] } });
  });

  it('an empty workspace and a file that is not a table: clear messages, nothing changed', async () => {
    const session = createSession({ workspace: await Workspace.create(path.join(dir, 'empty.boardpack'), env), env });
    const h = createHandlers(session);
    const words = await write('letter.csv', 'Dear colleague\nPlease find the figures attached.\n');
    const r = await dispatch(h, 'import.files', { paths: [words] });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/"letter\.csv" is not in a shape Boardpack recognises: no header row over a column of figures\. Recognised: tidy tables/) } });
    expect(session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM imports')?.n).toBe(0);
    await session.workspace.close();
  });
});

describe('undo, cancel and large files', () => {
  // A large CSV and a large workbook, each imported whole, are in test/reliability/large-imports.test.ts.
  it('through the API: progress while reading, one import at a time, and cancel leaves the workspace as it was', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const file = await bigCsv(dir);
    expect(await h['import.progress']({})).toEqual({ running: false, file: '', fraction: 0, cancelled: false });
    expect(await h['import.cancel']({})).toEqual({ cancelled: false });
    const running = dispatch(h, 'import.files', { paths: [file] });
    let progress = await h['import.progress']({});
    while (progress.running && progress.fraction === 0) {
      await new Promise((r) => setTimeout(r, 5));
      progress = await h['import.progress']({});
    }
    expect(progress).toMatchObject({ running: true, file: 'big.csv', cancelled: false });
    expect(await dispatch(h, 'import.files', { paths: [file], dryRun: true })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Another import is running; wait for it to finish, or cancel it.' } });
    expect(await h['import.cancel']({})).toEqual({ cancelled: true });
    expect(await running).toEqual({ ok: false, error: { code: 'invalid_arguments', message: 'The import was cancelled: nothing was changed.' } });
    expect(session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM imports')!.n).toBe(0);
    expect((await h['import.progress']({})).running).toBe(false);
  });

  it('undo is refused while a later import changed values this one added; in order, it restores exactly', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const a = await write('a.csv', 'indicator,area,period,value\nStreet drinking reports,Blaby,2024-06,3\nStreet drinking reports,Melton,2024-06,4\n');
    const first = await h['import.files']({ paths: [a] });
    const b = await write('b.csv', 'indicator,area,period,value\nStreet drinking reports,Blaby,2024-06,5\n');
    const second = await h['import.files']({ paths: [b] });
    expect(second.changed).toEqual([{ indicator: 'Street drinking reports, Blaby', span: 'Jun 2024', old: '3', new: '5' }]);
    const refused = await dispatch(h, 'imports.undo', { id: first.importId! });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: `Later imports (${second.importId}) changed some of the same values; undo it first.` } });
    expect(await h['imports.undo']({ id: second.importId! })).toMatchObject({ rowsRestored: 1 });
    expect(values(session, 'Street drinking reports').map((v) => v.value)).toEqual([3, 4]);
    expect(await h['imports.undo']({ id: first.importId! })).toMatchObject({ rowsRestored: 2 });
    expect(values(session, 'Street drinking reports')).toEqual([]);
  });
});

describe('wide tables', () => {
  it('indicators down, financial years and quarters across, with the area typed in', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const file = await xlsx('yos.xlsx', [
      { name: 'Notes', rows: [['Youth offending service quarterly return']] },
      {
        name: 'Figures',
        rows: [
          ['Indicator', '2022/23', '2023/24', 'Q1 2024/25', 'Q2 2024/25'],
          ['Number of first time entrants', 212, 185, 40, '#N/A'],
          ['Re-offending rate (%)', '33.1%', '30.2%', '', '29.0%'],
        ],
      },
    ]);
    const dry = await h['import.files']({ paths: [file], dryRun: true });
    const t = table(dry);
    expect(t).toMatchObject({ shape: 'wide', sheet: 'Figures' });
    expect(role(t, '2022/23')).toMatchObject({ role: 'period_values', reason: 'header "2022/23" is a period (2022-23) over a column of figures' });
    expect(role(t, 'Q1 2024/25')?.role).toBe('period_values');
    expect(role(t, 'Indicator')?.role).toBe('indicator');
    expect(t.blocking).toMatch(/the area/);
    const area = 'Blaby';
    const r = await h['import.files']({ paths: [file], mappings: [{ file: 'yos.xlsx', fixed: { area } }] });
    expect(r.added).toBe(6);
    expect(table(r).problems.map((p) => [p.sheet, p.row, p.column, p.value])).toEqual([['Figures', 2, 'Q2 2024/25', '#N/A']]);
    expect(values(session, 'Number of first time entrants').map((v) => [v.first, v.last, v.value])).toEqual([
      ['2022-04', '2023-03', 212],
      ['2023-04', '2024-03', 185],
      ['2024-04', '2024-06', 40],
    ]);
    expect(values(session, 'Re-offending rate (%)').map((v) => [v.first, v.value])).toEqual([
      ['2022-04', 33.1],
      ['2023-04', 30.2],
      ['2024-07', 29],
    ]);
  });

  it('areas down and periods across, and areas across with periods down', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const down = await write('areas-down.csv', 'Anti-social behaviour incidents\n\nArea,2022/23,2023/24\nBlaby,"1,020",998\nCharnwood,"2,301","2,288"\n');
    const d = await h['import.files']({ paths: [down] });
    expect(table(d)).toMatchObject({ shape: 'wide', headerRow: 3, fixed: { indicator: 'Anti-social behaviour incidents' } });
    expect(values(session, 'Anti-social behaviour incidents').map((v) => [v.area, v.first, v.value])).toEqual([
      ['Blaby', '2022-04', 1020],
      ['Blaby', '2023-04', 998],
      ['Charnwood', '2022-04', 2301],
      ['Charnwood', '2023-04', 2288],
    ]);
    const across = await write('areas-across.tsv', 'Indicator\tPeriod\tBlaby\tE07000130\tMelton\nDomestic abuse incidents\tQ1 2024/25\t51\t140\t22\n');
    const a = await h['import.files']({ paths: [across] });
    expect(role(table(a), 'E07000130')).toMatchObject({ role: 'area_values', reason: 'header "E07000130" is the area Charnwood (E07000130)' });
    expect(values(session, 'Domestic abuse incidents').map((v) => [v.area, v.first, v.value])).toEqual([
      ['Blaby', '2024-04', 51],
      ['Charnwood', '2024-04', 140],
      ['Melton', '2024-04', 22],
    ]);
  });
});

describe('area lookups', () => {
  it('the ONS district -> CSP -> police force area lookup adds CSPs and forces for the workspace districts, and undo removes them', async () => {
    const session = createSession({ workspace: await Workspace.create(path.join(dir, 'districts.boardpack'), env), env });
    session.workspace.mutate(() => {
      upsertArea(session.workspace.db, { code: 'E10000018', name: 'Leicestershire', kind: 'county', parentCode: null });
      upsertArea(session.workspace.db, { code: 'E07000130', name: 'Charnwood', kind: 'district', parentCode: 'E10000018' });
      upsertArea(session.workspace.db, { code: 'E07000133', name: 'Melton', kind: 'district', parentCode: 'E10000018' });
    });
    const h = createHandlers(session);
    const lookup = sharedData('ons', 'lad16-csp16-pfa16-lookup.csv');
    const r = await h['import.files']({ paths: [lookup] });
    expect(r.files[0]).toMatchObject({ shape: 'area-lookup', summary: expect.stringMatching(/lookup, 348 districts \(2 used, 3 new areas\)$/) });
    expect(r.skipped).toEqual([{ reason: 'districts in lad16-csp16-pfa16-lookup.csv that are not in this workspace', count: 346 }]);
    const db = session.workspace.db;
    expect(db.all("SELECT a.code, a.name, a.kind, p.code AS parent FROM areas a LEFT JOIN areas p ON p.id = a.parent_id WHERE a.kind IN ('csp', 'force') ORDER BY a.code")).toEqual([
      { code: 'E22000165', name: 'Charnwood', kind: 'csp', parent: 'E23000021' },
      { code: 'E22000169', name: 'Melton', kind: 'csp', parent: 'E23000021' },
      { code: 'E23000021', name: 'Leicestershire', kind: 'force', parent: null },
    ]);
    // Existing districts stay under their county, so county totals do not move.
    expect(db.first<{ p: string }>("SELECT p.code AS p FROM areas d JOIN areas p ON p.id = d.parent_id WHERE d.code = 'E07000130'")?.p).toBe('E10000018');
    await h['imports.undo']({});
    expect(db.all("SELECT code FROM areas WHERE kind IN ('force', 'csp')")).toEqual([]);
    await session.workspace.close();
  });

  it('an empty workspace takes the whole lookup: districts under CSPs under forces', async () => {
    const session = createSession({ workspace: await Workspace.create(path.join(dir, 'lookup.boardpack'), env), env });
    const h = createHandlers(session);
    const file = await write('lad21-csp21-pfa21.csv', 'LAD21CD,LAD21NM,CSP21CD,CSP21NM,PFA21CD,PFA21NM\nE07000130,Charnwood,E22000150,Charnwood,E23000021,Leicestershire\nE06000016,Leicester,E22000151,Leicester,E23000021,Leicestershire\n');
    const r = await h['import.files']({ paths: [file] });
    expect(r.created).toEqual(['1 police force area, 2 community safety partnerships, 2 districts']);
    expect(session.workspace.db.all<{ code: string; kind: string; parent: string | null }>('SELECT a.code, a.kind, p.code AS parent FROM areas a LEFT JOIN areas p ON p.id = a.parent_id ORDER BY a.code')).toEqual([
      { code: 'E06000016', kind: 'unitary', parent: 'E22000151' },
      { code: 'E07000130', kind: 'district', parent: 'E22000150' },
      { code: 'E22000150', kind: 'csp', parent: 'E23000021' },
      { code: 'E22000151', kind: 'csp', parent: 'E23000021' },
      { code: 'E23000021', kind: 'force', parent: null },
    ]);
    await session.workspace.close();
  });
});

describe('the template', () => {
  it('is a tidy CSV in the workspace words that imports as it is', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const t = await h['import.template']({});
    expect(t.fileName).toBe('Boardpack import template.csv');
    const text = Buffer.from(t.base64!, 'base64').toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFindicator,area_code,area_name,period,value,numerator,denominator,unit,note,label');
    const file = await write('template.csv', text);
    const r = await h['import.files']({ paths: [file], dryRun: true });
    expect(table(r)).toMatchObject({ shape: 'tidy', blocking: null, problemCount: 0, unmatchedAreas: [] });
    expect(r.added + r.unchanged + r.changed.length).toBe(4);
    const out = path.join(dir, 'written.csv');
    expect(await h['import.template']({ path: out })).toMatchObject({ path: out, base64: null });
    expect(await readFile(out, 'utf8')).toBe(text);
  });
});

describe('cells and names', () => {
  it('reads values as partners write them', () => {
    expect(readValueCell('1,259')).toMatchObject({ kind: 'number', value: 1259 });
    expect(readValueCell(' 55.4% ')).toMatchObject({ kind: 'number', value: 55.4, percent: true, decimals: 1 });
    expect(readValueCell('£1 234')).toMatchObject({ kind: 'number', value: 1234 });
    expect(readValueCell('-3.5')).toMatchObject({ kind: 'number', value: -3.5 });
    expect(readValueCell('12*')).toMatchObject({ kind: 'number', value: 12, footnoteMarker: '*' });
    expect(readValueCell('n/a')).toEqual({ kind: 'missing', missing: 'NA' });
    expect(readValueCell('-')).toEqual({ kind: 'missing', missing: '-' });
    expect(readValueCell('  ')).toEqual({ kind: 'blank' });
    expect(readValueCell('#REF!')).toMatchObject({ kind: 'error', problem: 'the cell holds the Excel error #REF!' });
    expect(readValueCell('lots')).toMatchObject({ kind: 'error', problem: 'it is not a number' });
  });

  it('reads the shorthand of official statistics tables, and refuses what gives no exact figure rather than guess', () => {
    expect(readValueCell('[x]')).toEqual({ kind: 'missing', missing: 'NA' });
    expect(readValueCell('[c]')).toEqual({ kind: 'missing', missing: 'NA' });
    expect(readValueCell(' [Z] ')).toEqual({ kind: 'missing', missing: '-' });
    expect(readValueCell('1,204 [p]')).toMatchObject({ kind: 'number', value: 1204, label: 'provisional' });
    expect(readValueCell('55.4%[r]')).toMatchObject({ kind: 'number', value: 55.4, percent: true, label: 'revised' });
    expect(readValueCell('37 [e] [note 2]')).toMatchObject({ kind: 'number', value: 37, label: 'estimated' });
    expect(readValueCell('37 [note 2]')).toMatchObject({ kind: 'number', value: 37, label: null });
    // Not a figure, or not an exact one: refused with the reason, never read as 5 or 12.
    expect(readValueCell('<5')).toMatchObject({ kind: 'error', problem: 'it is not an exact figure (<5)' });
    expect(readValueCell('*')).toMatchObject({ kind: 'error', problem: 'it is not an exact figure (*)' });
    expect(readValueCell('[low]')).toMatchObject({ kind: 'error', problem: 'it holds the shorthand [low] instead of a figure' });
    expect(readValueCell('12 [w]')).toMatchObject({ kind: 'error', problem: 'the figure is followed by the shorthand [w], which Boardpack does not know' });
    expect(readValueCell('about [p]')).toMatchObject({ kind: 'error', problem: 'it is not a number' });
    // Words that are names inside JavaScript objects are words like any other: refused, not "missing".
    expect(readValueCell('constructor')).toMatchObject({ kind: 'error', problem: 'it is not a number' });
    expect(readValueCell('__proto__')).toMatchObject({ kind: 'error', problem: 'it is not a number' });
    expect(readValueCell('12 [constructor]')).toMatchObject({ kind: 'error', problem: 'the figure is followed by the shorthand [constructor], which Boardpack does not know' });
  });

  it('folds the ways councils write area names', () => {
    expect(areaKey('Kingston upon Hull, City of')).toBe(areaKey('City of Kingston Upon Hull UA'));
    expect(areaKey('Hinckley & Bosworth')).toBe(areaKey('Hinckley and Bosworth'));
    expect(areaKey('Castle  Ward')).toBe(areaKey('castle'));
    expect(areaKey('Blaby')).not.toBe(areaKey('Melton'));
  });

  it('guesses unit and polarity from the name', () => {
    expect(guessIndicator('Vehicle crime rate (per 1,000 population)', { percent: false })).toMatchObject({ unit: 'rate_per_1000', polarity: 'lower' });
    expect(guessIndicator('% of victims satisfied with the service', { percent: false })).toMatchObject({ unit: 'percent', polarity: 'higher' });
    expect(guessIndicator('Number of first time entrants', { percent: false })).toMatchObject({ unit: 'count', polarity: 'lower' });
    expect(guessIndicator('Average score', { percent: false, unitText: 'count' })).toMatchObject({ unit: 'count', polarity: 'none' });
    expect(guessIndicator('Young people in custody', { percent: false, wholeNumbers: true })).toMatchObject({ unit: 'count', polarity: 'lower', reason: 'its values are all whole numbers; "custod" is better lower' });
    expect(guessIndicator('Average score', { percent: false, wholeNumbers: false })).toMatchObject({ unit: 'ratio', polarity: 'none' });
  });
});
