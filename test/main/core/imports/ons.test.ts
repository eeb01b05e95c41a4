import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inferEstimateYear, readAreaLookup, readOnsPopulation, type AreaLookupRow, type OnsPopulationRow } from '../../../../main/core/imports/ons';
import { sharedData } from '../../../shared-folder';

const populationFile = sharedData('ons', 'ons_mye_mid2023_england_wales_lad.csv');
const lookupFile = sharedData('ons', 'lad16-csp16-pfa16-lookup.csv');

const LEICESTERSHIRE = [
  'E10000018', // the county
  'E07000129',
  'E07000130',
  'E07000131',
  'E07000132',
  'E07000133',
  'E07000134',
  'E07000135',
];

/** The raw line for an area, found by hand: none of these names holds a comma. */
async function rawLine(code: string): Promise<{ name: string; geography: string; population: number }> {
  const text = await readFile(populationFile, 'utf8');
  const line = text.split('\r\n').find((l) => l.startsWith(`${code},`));
  if (!line) throw new Error(`no line for ${code}`);
  const [, name, geography, population] = line.split(',');
  return { name: name as string, geography: geography as string, population: Number(population) };
}

describe('readOnsPopulation on the real mid-2023 estimates', () => {
  let rows: OnsPopulationRow[];
  beforeAll(async () => {
    const result = await readOnsPopulation(populationFile);
    if (!result.ok) throw new Error(result.error);
    rows = result.value;
  });

  it.each(LEICESTERSHIRE)('%s has the population written in the file, for 2023', async (code) => {
    const raw = await rawLine(code);
    const row = rows.find((r) => r.code === code);
    expect(row).toEqual({ code, name: raw.name, geography: raw.geography, population: raw.population, year: 2023 });
  });

  it('reads Leicestershire as 734,015 people', () => {
    expect(rows.find((r) => r.code === 'E10000018')).toMatchObject({ name: 'Leicestershire', geography: 'County', population: 734015 });
  });

  it('reads every row, with quoted names holding commas and without the BOM', async () => {
    const lines = (await readFile(populationFile, 'utf8')).split('\r\n').filter((l) => l !== '');
    expect(rows).toHaveLength(lines.length - 1);
    expect(rows[0]?.code).toBe('K04000001');
    expect(rows.find((r) => r.code === 'E06000010')?.name).toBe('Kingston upon Hull, City of');
    expect(rows.every((r) => Number.isInteger(r.population) && r.population > 0 && r.year === 2023)).toBe(true);
  });

  it('infers the year from the file name, and lets the caller override it', async () => {
    expect(inferEstimateYear(populationFile)).toBe(2023);
    expect(inferEstimateYear('MYE2 persons mid-2021.csv')).toBe(2021);
    expect(inferEstimateYear('population.csv')).toBeUndefined();
    const given = await readOnsPopulation(populationFile, 2022);
    expect(given.ok && given.value[0]?.year).toBe(2022);
  });
});

describe('readOnsPopulation with other files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'boardpack-ons-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  async function write(name: string, text: string): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, text, 'utf8');
    return file;
  }

  it('fails clearly when the year cannot be told from the name', async () => {
    const file = await write('population.csv', 'Code,Name,Geography,All ages\r\nE10000018,Leicestershire,County,734015\r\n');
    const result = await readOnsPopulation(file);
    expect(result).toEqual({ ok: false, error: expect.stringContaining('Cannot tell which year') });
    expect(!result.ok && result.error).toContain('population.csv');
    expect(await readOnsPopulation(file, 2023)).toEqual({
      ok: true,
      value: [{ code: 'E10000018', name: 'Leicestershire', geography: 'County', population: 734015, year: 2023 }],
    });
  });

  it('fails clearly when there is no "All ages" column', async () => {
    const file = await write('mid2023-no-total.csv', 'Code,Name,Geography,0,1,2\nE10000018,Leicestershire,County,7000,7100,7200\n');
    const result = await readOnsPopulation(file);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toBe(
      'mid2023-no-total.csv, row 1: there is no "All ages" column (the total population of each area); the columns are Code, Name, Geography, 0, 1, 2.',
    );
  });

  it('reads a year-of-age table with title lines above and notes below', async () => {
    const ages = Array.from({ length: 91 }, (_, i) => String(i));
    const file = await write(
      'MYE2-persons-mid2022.csv',
      [
        '\ufeffMid-2022 population estimates for local authorities in England and Wales,,,',
        '',
        ['Code', 'Name', 'Geography', 'All ages', ...ages].join(','),
        ['E10000018', 'Leicestershire', 'County', '"727,934"', ...ages.map(() => '8000')].join(','),
        ['E06000023', '"Bristol, City of"', 'Unitary Authority', '479024', ...ages.map(() => '5000')].join(','),
        '',
        'Source: Office for National Statistics,,,',
      ].join('\r\n'),
    );
    const result = await readOnsPopulation(file);
    expect(result).toEqual({
      ok: true,
      value: [
        { code: 'E10000018', name: 'Leicestershire', geography: 'County', population: 727934, year: 2022 },
        { code: 'E06000023', name: 'Bristol, City of', geography: 'Unitary Authority', population: 479024, year: 2022 },
      ],
    });
  });

  it('names the file, row and column of a bad value', async () => {
    const file = await write('mid2023-bad.csv', 'Code,Name,Geography,All ages\nE10000018,Leicestershire,County,734015\nE07000129,Blaby,Non-metropolitan District,n/a\n');
    expect(await readOnsPopulation(file)).toEqual({
      ok: false,
      error: 'mid2023-bad.csv: row 3, column All ages: "n/a" is not a whole number of people.',
    });
    const badCode = await write('mid2023-badcode.csv', 'Code,Name,Geography,All ages\nLeics,Leicestershire,County,734015\n');
    expect(await readOnsPopulation(badCode)).toEqual({
      ok: false,
      error: 'mid2023-badcode.csv: row 2, column Code: "Leics" is not an ONS area code such as E10000018.',
    });
  });

  it('fails clearly on an empty or missing file, or a different table', async () => {
    expect(await readOnsPopulation(await write('mid2023-empty.csv', ''))).toEqual({ ok: false, error: 'mid2023-empty.csv is empty.' });
    expect(await readOnsPopulation(join(dir, 'mid2023-missing.csv'))).toEqual({ ok: false, error: 'mid2023-missing.csv cannot be read: no such file' });
    const lookup = await readOnsPopulation(lookupFile, 2016);
    expect(!lookup.ok && lookup.error).toContain('lad16-csp16-pfa16-lookup.csv is not an ONS population estimates table');
  });
});

describe('readAreaLookup', () => {
  let rows: AreaLookupRow[];
  beforeAll(async () => {
    const result = await readAreaLookup(lookupFile);
    if (!result.ok) throw new Error(result.error);
    rows = result.value;
  });

  it("reads Leicestershire's districts with their CSPs and police force area", () => {
    const leics = rows.filter((r) => LEICESTERSHIRE.slice(1).includes(r.districtCode));
    expect(leics).toHaveLength(7);
    expect(leics.find((r) => r.districtCode === 'E07000132')).toEqual({
      districtCode: 'E07000132',
      districtName: 'Hinckley and Bosworth',
      cspCode: 'E22000167',
      cspName: 'Hinckley and Bosworth',
      forceCode: 'E23000021',
      forceName: 'Leicestershire',
    });
    expect(new Set(leics.map((r) => r.forceCode))).toEqual(new Set(['E23000021']));
  });

  it('reads every row, quoted names included', async () => {
    const lines = (await readFile(lookupFile, 'utf8')).split(/\r?\n/).filter((l) => l !== '');
    expect(rows).toHaveLength(lines.length - 1);
    expect(rows.find((r) => r.districtCode === 'E09000001')?.forceName).toBe('London, City of');
  });

  it('names the missing columns and bad cells', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'boardpack-lookup-'));
    try {
      const noForce = join(dir, 'lookup.csv');
      await writeFile(noForce, 'LAD16CD,LAD16NM,CSP16CD,CSP16NM\nE07000129,Blaby,E22000164,Blaby\n');
      expect(await readAreaLookup(noForce)).toEqual({
        ok: false,
        error: 'lookup.csv, row 1: missing columns PFAyyCD (police force area code), PFAyyNM (police force area name).',
      });
      const badCode = join(dir, 'lookup21.csv');
      await writeFile(badCode, 'LAD21CD,LAD21NM,CSP21CD,CSP21NM,PFA21CD,PFA21NM\nE07000129,Blaby,E22000164,Blaby,Leics,Leicestershire\n');
      expect(await readAreaLookup(badCode)).toEqual({ ok: false, error: 'lookup21.csv: row 2, column PFA21CD: "Leics" is not an ONS area code.' });
      expect((await readAreaLookup(populationFile)).ok).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
