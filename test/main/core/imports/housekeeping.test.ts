/**
 * Housekeeping and messages (issue 15), through the API: new areas keep the ONS codes their
 * file holds; an import that adds nothing creates nothing and is not recorded; a folder, or a
 * file with a header and no rows, gets a plain message. (The command line's side: exit status
 * of dry runs, bounded problem output, in test/main/cli/import-housekeeping.test.ts.)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, type Session } from '../../../../main/core/app';
import { demoSession } from '../demo-support';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-housekeeping-'));
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
  it('every row refused: no indicator created, no import recorded', async () => {
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
  });

  it('a table with a header and no rows', async () => {
    const file = path.join(dir, 'empty-return.csv');
    await writeFile(file, 'Indicator,Area code,Period,Value\r\n\r\n');
    const session = await demoSession();
    await expect(createHandlers(session)['import.files']({ paths: [file] })).rejects.toThrow('"empty-return.csv" has a header but no rows: there is nothing under it to import.');
  });
});
