/**
 * Housekeeping and messages (issue 15): new areas keep the ONS codes their file holds; an
 * import that adds nothing creates nothing and is not recorded; a dry run exits as the real
 * import would; a folder, or a file with a header and no rows, gets a plain message; problem
 * output stays short however many rows or cells are wrong.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, type Session } from '../../../../main/core/app';
import { boardpack, demoSession } from '../demo-support';

let dir: string;
let workspace: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-housekeeping-'));
  workspace = path.join(dir, 'demo.boardpack');
  expect((await boardpack('demo', '--workspace', workspace)).code).toBe(0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const count = (session: Session, table: string) => session.workspace.db.first<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)!.n;

/** The police.uk street-level header, as every monthly file starts. */
const POLICE_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

describe('new areas keep the ONS codes the file holds', () => {
  it('a table with the authority\'s name before its ONS code (as the Office for Local Government\'s downloads have them) creates areas with those codes', async () => {
    // Areas outside the demo's Leicestershire, with their real ONS codes.
    const areas: Array<[string, string, number]> = [['Darlington', 'E06000005', 41.2], ['Hartlepool', 'E06000001', 38.9], ['Rutland', 'E06000017', 52.4]];
    const file = path.join(dir, 'oflog.csv');
    await writeFile(file, ['Local authority name,ONS code,Metric,Time period,Value', ...areas.map(([n, c, v]) => `${n},${c},Household waste recycled (%),2022/23,${v}`)].join('\r\n'));
    const session = await demoSession();
    const report = await createHandlers(session)['import.files']({ paths: [file], createAreas: true });
    expect(report.added).toBe(areas.length);
    const made = session.workspace.db.all<{ code: string; name: string }>("SELECT code, name FROM areas WHERE code IN (?, ?, ?) OR code LIKE 'LOCAL-%' ORDER BY code", areas.map((a) => a[1]));
    expect(made).toEqual(areas.map(([name, code]) => ({ code, name })).sort((x, y) => x.code.localeCompare(y.code)));
    const stored = session.workspace.db.all<{ code: string; value: number }>(
      "SELECT a.code, o.value FROM observations o JOIN areas a ON a.id = o.area_id JOIN indicators i ON i.id = o.indicator_id WHERE i.name = 'Household waste recycled (%)' ORDER BY a.code",
    );
    expect(stored).toEqual(areas.map(([, code, value]) => ({ code, value })).sort((x, y) => x.code.localeCompare(y.code)));
  });
});

describe('an import that adds nothing', () => {
  it('every row refused: no indicator created, no import recorded, the CLI exits 1 in a dry run as in the real import', async () => {
    const file = path.join(dir, 'all-bad.csv');
    // Figures, but no period Boardpack can read on any row.
    await writeFile(file, ['Indicator,Area,Period,Value', 'Noise nuisance reports,Blaby,Q5 2024/25,12', 'Noise nuisance reports,Charnwood,Q5 2024/25,31'].join('\n'));
    const session = await demoSession();
    const indicators = count(session, 'indicators');
    const imports = count(session, 'imports');
    const report = await createHandlers(session)['import.files']({ paths: [file] });
    expect(report).toMatchObject({ status: 'refused', importId: null, added: 0, created: [] });
    expect(report.tables![0]!.problemCount).toBe(2);
    expect(count(session, 'indicators')).toBe(indicators);
    expect(count(session, 'imports')).toBe(imports);

    const dry = await boardpack('import', file, '--workspace', workspace, '--dry-run');
    const real = await boardpack('import', file, '--workspace', workspace);
    expect(dry.code).toBe(1);
    expect(real.code).toBe(dry.code);
    expect(real.stderr).toContain('nothing in "all-bad.csv" could be imported');
    expect((await boardpack('imports', '--workspace', workspace)).stdout).not.toContain('all-bad.csv');
  });

  it('a dry run exits 0 when the import would go through and 1 when it would be refused for want of a column', async () => {
    const good = path.join(dir, 'good.csv');
    await writeFile(good, 'Indicator,Area,Period,Value\nStreet lighting faults,Blaby,2024-06,14\n');
    const dryGood = await boardpack('import', good, '--workspace', workspace, '--dry-run');
    expect(dryGood.code).toBe(0);
    const noPeriod = path.join(dir, 'noperiod.csv');
    await writeFile(noPeriod, 'Indicator,Area,Value\nStreet lighting faults,Blaby,14\n');
    const dry = await boardpack('import', noPeriod, '--workspace', workspace, '--dry-run');
    const real = await boardpack('import', noPeriod, '--workspace', workspace);
    expect(real.code).toBe(1);
    expect(dry.code).toBe(real.code);
    expect((await boardpack('import', good, '--workspace', workspace)).code).toBe(0);
  });

  it('a police.uk file with a header and no rows says so and is not recorded', async () => {
    const file = path.join(dir, '2024-06-leicestershire-street.csv');
    await writeFile(file, `${POLICE_HEADER}\r\n`);
    const session = await demoSession();
    const imports = count(session, 'imports');
    const report = await createHandlers(session)['import.files']({ paths: [file] });
    expect(report.importId).toBeNull();
    expect(report.warnings).toContain('2024-06-leicestershire-street.csv has a header but no rows: there is nothing in it to count.');
    expect(count(session, 'imports')).toBe(imports);
  });
});

describe('plain messages', () => {
  it('a folder given as a file, even one named like a CSV', async () => {
    const folder = path.join(dir, 'June returns.csv');
    await mkdir(folder, { recursive: true });
    const session = await demoSession();
    await expect(createHandlers(session)['import.files']({ paths: [folder] })).rejects.toThrow('"June returns.csv" is a folder, not a file: choose the files inside it.');
    const r = await boardpack('import', folder, '--workspace', workspace);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('boardpack import: "June returns.csv" is a folder, not a file: choose the files inside it.\n');
  });

  it('a table with a header and no rows', async () => {
    const file = path.join(dir, 'empty-return.csv');
    await writeFile(file, 'Indicator,Area code,Period,Value\r\n\r\n');
    const session = await demoSession();
    await expect(createHandlers(session)['import.files']({ paths: [file] })).rejects.toThrow('"empty-return.csv" has a header but no rows: there is nothing under it to import.');
  });
});

describe('problem output is bounded', () => {
  it('thousands of bad rows are grouped by kind with a count and the first examples', async () => {
    const bad = 5000;
    const rows = Array.from({ length: bad }, (_, i) => `Graffiti reports,Blaby,2024-${13 + (i % 3)},${i}`);
    const file = path.join(dir, 'many-bad.csv');
    await writeFile(file, ['Indicator,Area,Period,Value', 'Graffiti reports,Charnwood,2024-06,7', ...rows].join('\n'));
    const r = await boardpack('import', file, '--workspace', workspace, '--dry-run');
    expect(r.code).toBe(0);
    const listed = 300; // the plan lists the first 300 problems; the rest are counted
    // One line for the kind, with its count and the first three rows as examples.
    expect(r.stdout).toMatch(new RegExp(`\\n {2}${listed} rows: .*; write the period as .*\\. For example row 3, column Period, "2024-13"; row 4, column Period, "2024-14"; row 5, column Period, "2024-15"\\.\\n`));
    expect(r.stdout).toContain(`... and ${(bad - listed).toLocaleString('en-GB')} more problems.`);
    expect(r.stdout).toContain('Would add 1 values');
    expect(r.stdout.length).toBeLessThan(8_000);
  });

  it('a row of 300,000 cells does not print a line per cell', async () => {
    const file = path.join(dir, 'wide-row.csv');
    await writeFile(file, `Indicator,Area,Period,Value\nPublic realm cleanliness,Blaby,2024-06,91${','.repeat(300_000)}\nPublic realm cleanliness,Charnwood,2024-06,88\n`);
    const r = await boardpack('import', file, '--workspace', workspace, '--dry-run');
    expect(r.stdout.length).toBeLessThan(16_000);
    // The blank cells after the figures are nothing: both rows are read.
    expect(r.stdout).toContain('Would add 2 values; 0 changed; 0 unchanged.');
    expect(r.stdout.split('\n').filter((l) => l.includes('(blank)'))).toHaveLength(0);
    const json = await boardpack('import', file, '--workspace', workspace, '--dry-run', '--json');
    expect(json.stdout.length).toBeLessThan(300_000);
  });
});
