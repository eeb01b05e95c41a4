import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { buildDistrictForces, buildGeography, GEOGRAPHY_OUTPUT, OUTPUT } from '../../scripts/make-district-forces';
import type { GeographyFile } from '../../main/core/areas/geography-file';
import { builtInForceOf, normaliseForceName } from '../../main/core/imports/policeuk';
import { sharedData } from '../shared-folder';

describe('the built-in district -> police force table', () => {
  it('is what scripts/make-district-forces.ts builds from the ONS files', async () => {
    expect(await readFile(OUTPUT, 'utf8')).toBe(await buildDistrictForces(sharedData()));
  });

  it('knows the districts made since 2016 and matches police.uk force names', () => {
    expect(builtInForceOf('E06000061', 'North Northamptonshire')).toBe('Northamptonshire');
    expect(builtInForceOf('E06000066', 'Somerset')).toBe('Avon and Somerset');
    expect(builtInForceOf('', 'Blaby')).toBe('Leicestershire');
    expect(normaliseForceName('Leicestershire Police')).toBe(normaliseForceName('Leicestershire'));
    expect(normaliseForceName('Devon & Cornwall Police')).toBe(normaliseForceName('Devon & Cornwall'));
    expect(normaliseForceName('City of London Police')).toBe(normaliseForceName('London, City of'));
    expect(normaliseForceName('Metropolitan Police Service')).toBe(normaliseForceName('Metropolitan Police'));
    expect(normaliseForceName('Avon and Somerset Constabulary')).toBe(normaliseForceName('Avon and Somerset'));
    expect(normaliseForceName('Dyfed-Powys Police')).toBe(normaliseForceName('Dyfed-Powys'));
    expect(path.basename(OUTPUT)).toBe('district-forces.ts');
  });
});

describe('the built-in geography (assets/geography/england-wales.json)', () => {
  it('is what scripts/make-district-forces.ts builds from the ONS files, and stays small', async () => {
    const text = await readFile(GEOGRAPHY_OUTPUT, 'utf8');
    expect(text).toBe(await buildGeography(sharedData()));
    expect(text.length).toBeLessThan(300_000);
    const file = JSON.parse(text) as GeographyFile;
    expect(file.format).toBe('boardpack-geography');
    expect(file.version).toBe(1);
    expect(file.licence).toMatch(/Open Government Licence v3\.0/);
  });

  it('holds every area of the ONS mid-2023 estimates with its population, and its districts under their county', async () => {
    const file = JSON.parse(await readFile(GEOGRAPHY_OUTPUT, 'utf8')) as GeographyFile;
    const byCode = new Map(file.areas.map((a) => [a.code, a]));
    const rows = Papa.parse<Record<string, string>>((await readFile(sharedData('ons', 'ons_mye_mid2023_england_wales_lad.csv'), 'utf8')).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    const local = rows.filter((r) => /County|Unitary|District|London Borough|Region/.test(r.Geography!));
    expect(local.length).toBeGreaterThan(300);
    for (const r of local) expect(byCode.get(r.Code!)?.population['2023'], r.Code).toBe(Number(r['All ages']));
    // Leicestershire's districts are the seven rows that follow the county in the ONS file.
    const at = rows.findIndex((r) => r.Code === 'E10000018');
    const seven = rows.slice(at + 1, at + 8).map((r) => r.Code);
    const districts = file.areas.filter((a) => a.parent === 'E10000018');
    expect(districts.map((d) => d.code).sort()).toEqual(seven.sort());
    expect(districts.reduce((n, d) => n + d.population['2023']!, 0)).toBe(Number(rows[at]!['All ages']));
  });

  it('records the changes since 2019 with their orders, keeping the districts they replaced', async () => {
    const file = JSON.parse(await readFile(GEOGRAPHY_OUTPUT, 'utf8')) as GeographyFile;
    const byCode = new Map(file.areas.map((a) => [a.code, a]));
    const north = byCode.get('E06000061')!;
    expect(north.created).toEqual({ on: '2021-04-01', order: 'The Northamptonshire (Structural Changes) Order 2020 (SI 2020/156)', areas: ['E07000150', 'E07000152', 'E07000153', 'E07000156'] });
    expect(byCode.get('E07000150')).toMatchObject({ name: 'Corby', kind: 'district', parent: 'E10000021', retired: { on: '2021-04-01', areas: ['E06000061'] } });
    expect(byCode.get('E10000021')).toMatchObject({ name: 'Northamptonshire', kind: 'county', retired: { on: '2021-04-01', areas: ['E06000061', 'E06000062'] } });
    for (const [code, order] of [['E06000063', 'SI 2022/331'], ['E06000064', 'SI 2022/331'], ['E06000065', 'SI 2022/328'], ['E06000066', 'SI 2022/329']] as const) {
      expect(byCode.get(code)!.created).toMatchObject({ on: '2023-04-01' });
      expect(byCode.get(code)!.created!.order).toContain(order);
    }
    // Somerset West and Taunton came (2019) and went (2023).
    expect(byCode.get('E07000246')).toMatchObject({ created: { on: '2019-04-01' }, retired: { on: '2023-04-01', areas: ['E06000066'] } });
    // Every retired district names a successor that exists, and every current district a force.
    for (const a of file.areas) {
      for (const s of a.retired?.areas ?? []) expect(byCode.has(s), `${a.code} -> ${s}`).toBe(true);
      if ((a.kind === 'district' || a.kind === 'unitary') && !a.retired) expect(byCode.get(a.force ?? '')?.kind, a.code).toBe('force');
    }
    // A force area's population is the sum of the districts and unitaries it covers.
    const leicestershire = byCode.get('E23000021')!;
    const covered = file.areas.filter((a) => a.force === 'E23000021' && (a.kind === 'district' || a.kind === 'unitary') && !a.retired);
    expect(covered.map((a) => a.name).sort()).toEqual(['Blaby', 'Charnwood', 'Harborough', 'Hinckley and Bosworth', 'Leicester', 'Melton', 'North West Leicestershire', 'Oadby and Wigston', 'Rutland']);
    expect(leicestershire.population['2023']).toBe(covered.reduce((n, a) => n + a.population['2023']!, 0));
  });
});
