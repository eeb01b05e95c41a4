import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemoData, DEMO_DIR, DISTRICT_CODES, displayName, type DemoData } from '../../scripts/make-demo-data';
import { sharedData } from '../shared-folder';

describe('scripts/make-demo-data.ts', () => {
  let demo: DemoData;
  beforeAll(async () => {
    demo = await buildDemoData(sharedData());
  });

  it.each(['areas.csv', 'populations.csv', 'police-monthly.csv'] as const)(
    'the committed assets/demo/%s equals a fresh build (run `npm run demo:data` after changing the importers)',
    async (name) => {
      const committed = await readFile(join(DEMO_DIR, name), 'utf8');
      expect(committed).toBe(demo.files[name]);
      expect((await stat(join(DEMO_DIR, name))).size).toBeLessThan(200_000);
    },
  );

  it('lists the county, its seven districts, the region, the force and the districts\' CSPs', () => {
    const rows = Papa.parse<Record<string, string>>(demo.files['areas.csv'], { header: true, skipEmptyLines: true }).data;
    const kinds = new Map<string, number>();
    for (const r of rows) kinds.set(r['kind'] as string, (kinds.get(r['kind'] as string) ?? 0) + 1);
    expect(Object.fromEntries(kinds)).toEqual({ district: 7, county: 1, region: 1, csp: 7, force: 1 });
    expect(rows.find((r) => r['code'] === 'E10000018')).toEqual({ code: 'E10000018', name: 'Leicestershire', kind: 'county', parent_code: 'E12000004' });
    expect(rows.find((r) => r['code'] === 'E12000004')).toEqual({ code: 'E12000004', name: 'East Midlands', kind: 'region', parent_code: '' });
    expect(rows.find((r) => r['code'] === 'E23000021')).toMatchObject({ kind: 'force', name: 'Leicestershire' });
    for (const code of DISTRICT_CODES) expect(rows.find((r) => r['code'] === code)).toMatchObject({ kind: 'district', parent_code: 'E10000018' });
  });

  it('has mid-2023 populations for the county and its districts', () => {
    const rows = Papa.parse<Record<string, string>>(demo.files['populations.csv'], { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r['area_code'])).toEqual([...DISTRICT_CODES, 'E10000018']);
    expect(rows.every((r) => r['year'] === '2023')).toBe(true);
    expect(rows.find((r) => r['area_code'] === 'E10000018')?.['population']).toBe('734015');
    // The districts make up the county.
    const districts = rows.filter((r) => r['area_code'] !== 'E10000018').reduce((n, r) => n + Number(r['population']), 0);
    expect(districts).toBe(734015);
  });

  it('has every month 2023-01..2024-12 for every district and crime type, zeros written', () => {
    const rows = Papa.parse<string[]>(demo.files['police-monthly.csv'], { skipEmptyLines: true }).data.slice(1);
    const months = new Set(rows.map((r) => r[0]));
    const areas = new Set(rows.map((r) => r[1]));
    const types = new Set(rows.map((r) => r[2]));
    expect(months.size).toBe(24);
    expect([...areas].sort()).toEqual([...DISTRICT_CODES]);
    expect(types.has('All crime')).toBe(true);
    expect(rows).toHaveLength(24 * 7 * types.size);
    expect(rows.some((r) => r[3] === '0')).toBe(true);
    expect(rows.every((r) => /^\d+$/.test(r[3] as string))).toBe(true);
  });

  it('reports what it left out: every row read is counted or excluded', () => {
    const t = demo.police.totals;
    expect(t.rowsCounted + t.noLocation + t.outsideDistricts + t.rejected).toBe(t.rowsRead);
    expect(t.noLocation).toBeGreaterThan(0);
    expect(demo.police.outsideDistricts.map((d) => d.district).slice(0, 2)).toEqual(['Leicester', 'Rutland']);
  });

  it('title-cases names ONS writes in capitals only', () => {
    expect(displayName('EAST MIDLANDS')).toBe('East Midlands');
    expect(displayName('YORKSHIRE AND THE HUMBER')).toBe('Yorkshire and the Humber');
    expect(displayName('Kingston upon Hull, City of')).toBe('Kingston upon Hull, City of');
  });
});
