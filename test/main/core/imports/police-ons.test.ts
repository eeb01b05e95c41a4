import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, createSession, dispatch, type Session } from '../../../../main/core/app';
import { upsertArea } from '../../../../main/core/areas/repo';
import { setMeta } from '../../../../main/core/store/meta';
import { Workspace } from '../../../../main/core/store/workspace';
import { demoSession, env } from '../demo-support';
import { sharedData } from '../../../shared-folder';

const POLICE = sharedData('police-uk');
const ONS = sharedData('ons', 'ons_mye_mid2023_england_wales_lad.csv');
const DISTRICTS: Record<string, string> = {
  E07000129: 'Blaby', E07000130: 'Charnwood', E07000131: 'Harborough', E07000132: 'Hinckley and Bosworth',
  E07000133: 'Melton', E07000134: 'North West Leicestershire', E07000135: 'Oadby and Wigston',
};
let dir: string;
let policeFiles: string[];
/** crime type -> district -> year -> rows, counted straight from the raw files. */
const raw = new Map<string, number>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-police-'));
  policeFiles = (await readdir(POLICE)).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(POLICE, f));
  for (const f of policeFiles) {
    for (const row of Papa.parse<Record<string, string>>(await readFile(f, 'utf8'), { header: true, skipEmptyLines: true }).data) {
      const district = (row['LSOA name'] ?? '').split(' ').slice(0, -1).join(' ');
      const key = `${row['Crime type']}|${district}|${row.Month!.slice(0, 4)}`;
      raw.set(key, (raw.get(key) ?? 0) + 1);
    }
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function leicestershireWorkspace(): Promise<Session> {
  const workspace = await Workspace.create(path.join(dir, `new-${Math.random()}.boardpack`), env);
  workspace.mutate(() => {
    upsertArea(workspace.db, { code: 'E10000018', name: 'Leicestershire', kind: 'county', parentCode: null });
    for (const [code, name] of Object.entries(DISTRICTS)) upsertArea(workspace.db, { code, name, kind: 'district', parentCode: 'E10000018' });
    setMeta(workspace.db, 'dashboard_area_code', 'E10000018');
  });
  return createSession({ workspace, env });
}

describe('importing police.uk and ONS files', () => {
  it('counts the 24 police.uk files into districts and the county exactly as the raw rows, with populations for rates', async () => {
    const session = await leicestershireWorkspace();
    const h = createHandlers(session);
    const report = await h['import.files']({ paths: [...policeFiles, ONS] });
    expect(report.files.filter((f) => f.shape === 'police.uk')).toHaveLength(24);
    expect(report.files.find((f) => f.shape === 'ons-population')?.summary).toMatch(/ONS mid-year population estimates \(2023\)/);
    expect(report.skipped.find((s) => s.reason.startsWith('police.uk rows with no location'))?.count).toBeGreaterThan(0);
    // Rows in other districts: one line, with the districts holding most of them.
    const outside = report.skipped.filter((s) => s.reason.includes("that are not this workspace's"));
    expect(outside).toHaveLength(1);
    expect(outside[0]!.reason).toMatch(/most in Leicester \([\d,]+\)/);
    expect(outside[0]!.count).toBeGreaterThan(1000);
    expect(report.skipped.find((s) => s.reason.includes('not in this workspace'))?.count).toBeGreaterThan(300);

    for (const year of ['2023', '2024']) {
      for (const type of ['Vehicle crime', 'Burglary', 'Anti-social behaviour']) {
        const rows = await h['values.list']({ indicator: `Police recorded crime: ${type} (count)`, from: `${year}-01`, to: `${year}-12` });
        const annual = rows.filter((r) => r.periodStart === `${year}-01` && r.periodEnd === `${year}-12`);
        let countyTotal = 0;
        for (const [code, name] of Object.entries(DISTRICTS)) {
          const expected = raw.get(`${type}|${name}|${year}`) ?? 0;
          countyTotal += expected;
          expect(annual.find((r) => r.areaCode === code)?.value, `${type} ${name} ${year}`).toBe(expected);
        }
        expect(annual.find((r) => r.areaCode === 'E10000018')?.value).toBe(countyTotal);
      }
    }
    const overview = await h['workspace.overview']({});
    const blaby = overview.populations.find((p) => p.areaCode === 'E07000129' && p.year === 2023)!;
    expect(blaby.count).toBe(105278);
    const allCrime = overview.dataSeries.find((s) => s.name.includes('all crime excluding anti-social behaviour'))!;
    expect(allCrime).toBeDefined();
    await session.workspace.close();
  });

  it('re-importing the demo\'s own source files changes nothing', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const report = await h['import.files']({ paths: [...policeFiles, ONS], dryRun: true });
    expect(report.changed).toEqual([]);
    // The only addition: the East Midlands region's population, which the demo does not carry.
    expect(report.added).toBe(1);
    expect(report.unchanged).toBe(2520 + 8);
  });

  it('a corrected file shows old and new; months of a locked period are conflicts, left as published', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const original = await readFile(policeFiles[23]!, 'utf8');
    const lines = original.split('\n');
    const vehicleRow = lines.findIndex((l) => l.includes(',Vehicle crime,') && l.includes('Charnwood 0'));
    lines.splice(vehicleRow, 1);
    const corrected = path.join(dir, '2024-12-leicestershire-street.csv');
    await writeFile(corrected, lines.join('\n'));
    const report = await h['import.files']({ paths: [corrected], dryRun: true });
    expect(report.changed.map((c) => [c.indicator, c.span])).toContainEqual(['Police recorded crime: Vehicle crime (count), Charnwood', '2024-12']);
    const vehicle = report.changed.find((c) => c.indicator === 'Police recorded crime: Vehicle crime (count), Charnwood')!;
    expect(Number(vehicle.new)).toBe(Number(vehicle.old) - 1);

    session.workspace.mutate(() => session.workspace.db.run("UPDATE reporting_periods SET locked = 1 WHERE name = '2024/25 Q3'"));
    const locked = await h['import.files']({ paths: [corrected] });
    expect(locked.changed).toEqual([]);
    expect(locked.conflicts.map((c) => c.indicator)).toContain('Police recorded crime: Vehicle crime (count), Charnwood');
    const stored = await h['values.list']({ indicator: 'Police recorded crime: Vehicle crime (count)', area: 'Charnwood', from: '2024-12', to: '2024-12' });
    expect(String(stored[0]!.value)).toBe(vehicle.old);
  });

  it('police.uk files into a workspace without districts are refused with a clear message', async () => {
    const session = createSession({ workspace: await Workspace.create(path.join(dir, 'bare.boardpack'), env), env });
    const r = await dispatch(createHandlers(session), 'import.files', { paths: [policeFiles[0]!] });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no districts to count police\.uk crimes into/) } });
    await session.workspace.close();
  });
});
