/**
 * The command line makes the Import screen's choices: the sheet, the header row, each column's
 * role, the indicator, area or period of every row, the year of a population file; and
 * `boardpack import --help` lists them. The workbook is laid out as partners' returns often
 * are: a notes sheet first, a title block above the header, headers Boardpack does not guess.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardpack, env } from '../core/demo-support';
import { Workspace } from '../../../main/core/store/workspace';

let dir: string;
let workspace: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-cli-options-'));
  workspace = path.join(dir, 'demo.boardpack');
  expect((await boardpack('demo', '--workspace', workspace)).code).toBe(0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The partner's return: district, quarter, incidents and households. */
const RETURN: Array<[string, string, number, number]> = [
  ['E07000129', 'Q1 2024/25', 41, 42_310],
  ['E07000129', 'Q2 2024/25', 38, 42_350],
  ['E07000130', 'Q1 2024/25', 97, 78_020],
  ['E07000130', 'Q2 2024/25', 88, 78_090],
];

async function workbook(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Notes').addRows([['Return completed by the district community safety officer.'], ['Figures are provisional.']]);
  const data = book.addWorksheet('Return');
  data.addRow(['Fly-tipping incidents on council land']);
  data.addRow(['Quarterly return']);
  data.addRow(['Where', 'When', 'Incidents', 'Households', 'Officer']);
  for (const [code, quarter, n, households] of RETURN) data.addRow([code, quarter, n, households, 'J. Smith']);
  await book.xlsx.writeFile(file);
}

async function values(indicator: string): Promise<string[][]> {
  const r = await boardpack('values', '--workspace', workspace, '--indicator', indicator);
  expect(r.code).toBe(0);
  return r.stdout.trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
}

describe('boardpack import options', () => {
  it('--help lists every choice the Import screen makes', async () => {
    const r = await boardpack('import', '--help');
    expect(r.code).toBe(0);
    for (const option of ['--sheet', '--header-row', '--column', '--indicator', '--area', '--period', '--year', '--create-areas', '--new-indicator', '--dry-run']) expect(r.stdout).toContain(option);
  });

  it('--sheet, --header-row, --column and --indicator import a table Boardpack could not read alone', async () => {
    const file = path.join(dir, 'return.xlsx');
    await workbook(file);
    const args = ['--sheet', 'Return', '--header-row', '3', '--column', 'Where=area', '--column', 'When=period', '--column', 'C=value', '--column', '4=denominator', '--column', 'Officer=ignore', '--indicator', 'Fly-tipping incidents'];
    const dry = await boardpack('import', file, '--workspace', workspace, '--dry-run', ...args);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('return.xlsx (sheet "Return"), header on row 3, columns (yours):');
    expect(dry.stdout).toContain(`Would add ${RETURN.length} values; 0 changed; 0 unchanged.`);
    const r = await boardpack('import', file, '--workspace', workspace, ...args);
    expect(r.code).toBe(0);
    const stored = await values('Fly-tipping incidents');
    // indicator,outcome,area_code,area_name,period_start,period_end,value,numerator,denominator,...
    const got = stored.map((c) => [c[2], c[4], Number(c[6]), Number(c[8])]).sort();
    const quarterStart: Record<string, string> = { 'Q1 2024/25': '2024-04', 'Q2 2024/25': '2024-07' };
    expect(got).toEqual(RETURN.map(([code, q, n, h]) => [code, quarterStart[q], n, h]).sort());
  });

  it('--area and --period give every row its area and period', async () => {
    const file = path.join(dir, 'one-area.csv');
    const rows: Array<[string, number]> = [['Noise complaints', 12], ['Abandoned vehicles', 5]];
    await writeFile(file, ['Topic,Number', ...rows.map((r) => r.join(','))].join('\n'));
    const r = await boardpack('import', file, '--workspace', workspace, '--column', 'Topic=indicator', '--column', 'Number=value', '--area', 'Blaby', '--period', '2023/24');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const [indicator, n] of rows) {
      const stored = await values(indicator);
      expect(stored.map((c) => [c[2], c[4], c[5], Number(c[6])])).toEqual([['E07000129', '2023-04', '2024-03', n]]);
    }
  });

  it('--new-indicator sets a new indicator\'s unit and polarity instead of the guess', async () => {
    const file = path.join(dir, 'satisfaction.csv');
    await writeFile(file, 'Indicator,Area,Period,Value\nParks visits index,Blaby,2023/24,112\n');
    const dry = await boardpack('import', file, '--workspace', workspace, '--dry-run');
    expect(dry.stdout).toContain('new indicator: Parks visits index: count, polarity none');
    const r = await boardpack('import', file, '--workspace', workspace, '--new-indicator', 'Parks visits index=ratio,higher');
    expect(r.code).toBe(0);
    const ws = await Workspace.openForReading(workspace, env);
    try {
      expect(ws.db.first('SELECT unit, polarity FROM indicators WHERE name = ?', ['Parks visits index'])).toEqual({ unit: 'ratio', polarity: 'higher' });
    } finally {
      await ws.close();
    }
  });

  it('a column that is not there, or a role that does not exist, is a clear refusal', async () => {
    const file = path.join(dir, 'return2.xlsx');
    await workbook(file);
    const missing = await boardpack('import', file, '--workspace', workspace, '--sheet', 'Return', '--header-row', '3', '--column', 'Ward=area');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('"return2.xlsx" has no column "Ward" in its header (row 3); its columns are "Where", "When", "Incidents", "Households", "Officer".');
    const badRole = await boardpack('import', file, '--workspace', workspace, '--column', 'Where=place');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--column "Where=place" should be COLUMN=ROLE');
  });
});
