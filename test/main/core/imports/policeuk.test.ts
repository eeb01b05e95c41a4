import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_CRIME,
  ANTI_SOCIAL_BEHAVIOUR,
  aggregatePoliceUk,
  districtOfLsoaName,
  normaliseAreaName,
  type PoliceUkAggregate,
} from '../../../../main/core/imports/policeuk';
import { sharedData } from '../../../shared-folder';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The seven Leicestershire districts, as DOMAIN.md names them. */
const DISTRICTS: ReadonlyMap<string, string> = new Map([
  ['Blaby', 'E07000129'],
  ['Charnwood', 'E07000130'],
  ['Harborough', 'E07000131'],
  ['Hinckley and Bosworth', 'E07000132'],
  ['Melton', 'E07000133'],
  ['North West Leicestershire', 'E07000134'],
  ['Oadby and Wigston', 'E07000135'],
]);

const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

let crimeNumber = 0;

/**
 * One police.uk row with the fields that matter; the rest are plausible filler. As on police.uk,
 * each crime has its own 64-hex-digit Crime ID and anti-social behaviour has none.
 */
function crimeRow(month: string, lsoaName: string, crimeType: string): string {
  const id = crimeType === ANTI_SOCIAL_BEHAVIOUR ? '' : (++crimeNumber).toString(16).padStart(64, 'a');
  const lsoaCode = lsoaName === '' ? '' : 'E01025631';
  return `${id},${month},Leicestershire Police,Leicestershire Police,-1.2,52.6,On or near Somewhere,${lsoaCode},${lsoaName},${crimeType},Under investigation,`;
}

/**
 * The independent count: each file read whole and parsed with header names (no streaming,
 * no caching, no name normalisation), each row's LSOA name cut at its last space.
 */
interface RawCount {
  /** year -> district -> crime type -> rows */
  byYear: Map<string, Map<string, Map<string, number>>>;
  rows: number;
  noLocation: number;
  /** district -> rows, for districts not among the seven */
  outside: Map<string, number>;
}

function countRawRows(files: string[]): RawCount {
  const result: RawCount = { byYear: new Map(), rows: 0, noLocation: 0, outside: new Map() };
  for (const file of files) {
    const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    for (const row of parsed.data) {
      result.rows++;
      const lsoaName = row['LSOA name'] ?? '';
      if (lsoaName === '') {
        result.noLocation++;
        continue;
      }
      const district = lsoaName.split(' ').slice(0, -1).join(' ');
      if (!DISTRICTS.has(district)) {
        result.outside.set(district, (result.outside.get(district) ?? 0) + 1);
        continue;
      }
      const year = (row['Month'] ?? '').slice(0, 4);
      const type = row['Crime type'] ?? '';
      let years = result.byYear.get(year);
      if (!years) result.byYear.set(year, (years = new Map()));
      let types = years.get(district);
      if (!types) years.set(district, (types = new Map()));
      types.set(type, (types.get(type) ?? 0) + 1);
    }
  }
  return result;
}

async function policeFiles(): Promise<string[]> {
  return (await readdir(sharedData('police-uk')))
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => sharedData('police-uk', f));
}

describe('aggregatePoliceUk on the real Leicestershire files 2023-2024', () => {
  let files: string[];
  let aggregate: PoliceUkAggregate;
  let raw: RawCount;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    files = await policeFiles();
    aggregate = await aggregatePoliceUk(files, { districts: DISTRICTS, onProgress: (read, total) => progress.push([read, total]) });
    raw = countRawRows(files);
  });

  it('reads all 24 monthly files without problems', () => {
    expect(files).toHaveLength(24);
    expect(aggregate.problems).toEqual([]);
    expect(aggregate.files.every((f) => f.ok)).toBe(true);
    expect(aggregate.months).toHaveLength(24);
    expect(aggregate.months[0]).toBe('2023-01');
    expect(aggregate.months[23]).toBe('2024-12');
    expect(aggregate.areaCodes).toEqual([...DISTRICTS.values()].sort());
    expect(aggregate.crimeTypes).toContain(ALL_CRIME);
    expect(aggregate.crimeTypes).toContain(ANTI_SOCIAL_BEHAVIOUR);
  });

  const cases = [...DISTRICTS].flatMap(([district, code]) => ['2023', '2024'].map((year) => ({ district, code, year })));
  it.each(cases)('$district $year: every crime type equals a plain count of the raw rows', ({ district, code, year }) => {
    const expected = raw.byYear.get(year)?.get(district) ?? new Map<string, number>();
    const actual = new Map<string, number>();
    for (const c of aggregate.counts) {
      if (c.areaCode === code && c.month.startsWith(`${year}-`)) actual.set(c.crimeType, (actual.get(c.crimeType) ?? 0) + c.count);
    }
    let allCrime = 0;
    for (const [type, n] of expected) if (type !== ANTI_SOCIAL_BEHAVIOUR) allCrime += n;
    expect(allCrime).toBeGreaterThan(0);
    for (const type of aggregate.crimeTypes) {
      const want = type === ALL_CRIME ? allCrime : (expected.get(type) ?? 0);
      expect({ type, count: actual.get(type) }).toEqual({ type, count: want });
    }
    for (const type of expected.keys()) expect(aggregate.crimeTypes).toContain(type);
  });

  it('has one count for every month x district x crime type, zeros written out', () => {
    expect(aggregate.counts).toHaveLength(24 * DISTRICTS.size * aggregate.crimeTypes.length);
    const keys = aggregate.counts.map((c) => `${c.month}|${c.areaCode}|${c.crimeType}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(keys);
    expect(aggregate.counts.some((c) => c.count === 0)).toBe(true);
  });

  it('accounts for every row read: counted + no location + other districts + rejected', () => {
    const t = aggregate.totals;
    expect(t.rowsRead).toBe(raw.rows);
    expect(t.rowsCounted + t.noLocation + t.outsideDistricts + t.rejected).toBe(t.rowsRead);
    for (const f of aggregate.files) expect(f.rowsCounted + f.noLocation + f.outsideDistricts + f.rejected).toBe(f.rowsRead);
    expect(aggregate.files.reduce((n, f) => n + f.rowsRead, 0)).toBe(t.rowsRead);
    expect(t.rejected).toBe(0);
    expect(t.noLocation).toBe(raw.noLocation);
    expect(aggregate.outsideDistricts.reduce((n, d) => n + d.rows, 0)).toBe(t.outsideDistricts);
    const counted = aggregate.counts.filter((c) => c.crimeType !== ALL_CRIME).reduce((n, c) => n + c.count, 0);
    expect(counted).toBe(t.rowsCounted);
  });

  it('reports the rows from other districts by name (Leicester, Rutland, Birmingham...)', () => {
    const byName = new Map(aggregate.outsideDistricts.map((d) => [d.district, d.rows]));
    expect(byName).toEqual(raw.outside);
    expect(byName.get('Leicester')).toBeGreaterThan(90_000);
    expect(byName.get('Rutland')).toBeGreaterThan(3_000);
    expect(byName.get('Birmingham')).toBeGreaterThan(0);
    expect(aggregate.outsideDistricts[0]?.district).toBe('Leicester');
  });

  it('reports progress up to the total size of the files', () => {
    const total = aggregate.totals.bytes;
    expect(progress.length).toBeGreaterThan(24);
    expect(progress.every(([, t]) => t === total)).toBe(true);
    expect(progress[progress.length - 1]).toEqual([total, total]);
    for (let i = 1; i < progress.length; i++) expect((progress[i] as [number, number])[0]).toBeGreaterThanOrEqual((progress[i - 1] as [number, number])[0]);
  });

  it('matches the committed assets/demo/police-monthly.csv exactly', async () => {
    const committed = Papa.parse<string[]>(await readFile(join(repoRoot, 'assets/demo/police-monthly.csv'), 'utf8'), { skipEmptyLines: true }).data;
    expect(committed[0]).toEqual(['month', 'area_code', 'crime_type', 'count']);
    expect(committed.slice(1)).toEqual(aggregate.counts.map((c) => [c.month, c.areaCode, c.crimeType, String(c.count)]));
  });

  it('matches districts however their names are spelt', async () => {
    const forgiving = new Map([
      ['HINCKLEY & BOSWORTH', 'E07000132'],
      ['  oadby   and wigston ', 'E07000135'],
    ]);
    const one = files.slice(0, 1);
    const a = await aggregatePoliceUk(one, { districts: forgiving });
    const b = await aggregatePoliceUk(one, { districts: DISTRICTS });
    const pick = (x: PoliceUkAggregate, code: string) => x.counts.filter((c) => c.areaCode === code);
    expect(pick(a, 'E07000132')).toEqual(pick(b, 'E07000132'));
    expect(pick(a, 'E07000135')).toEqual(pick(b, 'E07000135'));
    expect(pick(a, 'E07000132').find((c) => c.crimeType === ALL_CRIME)?.count).toBeGreaterThan(0);
  });
});

describe('normaliseAreaName and districtOfLsoaName', () => {
  it.each([
    ['Hinckley and Bosworth', 'Hinckley & Bosworth'],
    ['Hinckley and Bosworth', '  HINCKLEY   AND  BOSWORTH '],
    ['Rutland', 'Rutland UA'],
    ['Bristol', 'Bristol, City of'],
    ['Bristol', 'City of Bristol'],
    ['Kingston upon Hull', 'Kingston upon Hull, City of'],
    ['Herefordshire', 'Herefordshire, County of'],
    ['Stoke-on-Trent', 'Stoke on Trent'],
    ["King's Lynn and West Norfolk", 'Kings Lynn & West Norfolk'],
  ])('%s = %s', (a, b) => {
    expect(normaliseAreaName(a)).toBe(normaliseAreaName(b));
  });

  it('keeps different districts apart', () => {
    expect(normaliseAreaName('Leicester')).not.toBe(normaliseAreaName('North West Leicestershire'));
    expect(normaliseAreaName('Leicester')).not.toBe(normaliseAreaName('Leicestershire'));
  });

  it.each([
    ['Charnwood 012B', 'Charnwood'],
    ['Hinckley and Bosworth 001A', 'Hinckley and Bosworth'],
    ['North West Leicestershire 010E', 'North West Leicestershire'],
    ['Leicester', 'Leicester'],
    ['', ''],
  ])('district of "%s" is "%s"', (lsoa, district) => {
    expect(districtOfLsoaName(lsoa)).toBe(district);
  });
});

describe('aggregatePoliceUk with bad and unusual files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'boardpack-policeuk-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function write(name: string, text: string): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, text, 'utf8');
    return file;
  }
  const count = (a: PoliceUkAggregate, month: string, code: string, type: string) =>
    a.counts.find((c) => c.month === month && c.areaCode === code && c.crimeType === type)?.count;

  it('names a file that is not a police.uk file and its missing columns', async () => {
    const good = await write('good.csv', [HEADER, crimeRow('2024-01', 'Blaby 001A', 'Burglary')].join('\n') + '\n');
    const other = await write('survey.csv', 'Code,Name,Geography,All ages\nE10000018,Leicestershire,County,734015\n');
    const a = await aggregatePoliceUk([other, good], { districts: DISTRICTS });
    const errors = a.problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.file).toBe(other);
    expect(errors[0]?.message).toContain('survey.csv is not a police.uk street-level crime file');
    for (const column of ['Crime ID', 'Month', 'LSOA name', 'Crime type', 'Context']) expect(errors[0]?.message).toContain(`"${column}"`);
    expect(a.files[0]).toMatchObject({ ok: false, rowsRead: 0 });
    // The good file is still counted.
    expect(count(a, '2024-01', 'E07000129', 'Burglary')).toBe(1);
  });

  it('says when a file is separated by semicolons', async () => {
    const semi = await write('semicolons.csv', HEADER.replace(/,/g, ';') + '\n');
    const a = await aggregatePoliceUk([semi], { districts: DISTRICTS });
    expect(a.problems[0]?.message).toContain('not separated by commas');
  });

  it('names the file, row and value of a bad Month, and leaves only that row out', async () => {
    const file = await write(
      'bad-month.csv',
      [HEADER, crimeRow('2024-01', 'Blaby 001A', 'Burglary'), crimeRow('Jan-24', 'Blaby 001A', 'Burglary'), crimeRow('2024-13', 'Blaby 001A', 'Drugs'), crimeRow('2024-01', 'Blaby 002A', 'Drugs')].join('\n'),
    );
    const a = await aggregatePoliceUk([file], { districts: DISTRICTS });
    expect(a.problems).toEqual([
      expect.objectContaining({ severity: 'error', file, row: 3, column: 'Month', value: 'Jan-24' }),
      expect.objectContaining({ severity: 'error', file, row: 4, column: 'Month', value: '2024-13' }),
    ]);
    expect(a.problems[0]?.message).toBe('bad-month.csv, row 3, column Month: "Jan-24" is not a month; expected YYYY-MM, e.g. 2023-01. The row was left out.');
    expect(a.files[0]).toMatchObject({ ok: true, rowsRead: 4, rowsCounted: 2, rejected: 2, months: ['2024-01'] });
    expect(count(a, '2024-01', 'E07000129', 'Burglary')).toBe(1);
    expect(count(a, '2024-01', 'E07000129', 'Drugs')).toBe(1);
  });

  it('rejects a row in a district with a blank crime type, and ignores rows of empty cells', async () => {
    const file = await write(
      'blank-type.csv',
      [HEADER, crimeRow('2024-01', 'Blaby 001A', ''), crimeRow('2024-01', 'Blaby 001A', 'Drugs'), crimeRow('2024-01', 'Blaby 001A', 'All crime'), ',,,,,,,,,,,', ',,,,,,,,,,,'].join('\r\n'),
    );
    const a = await aggregatePoliceUk([file], { districts: DISTRICTS });
    expect(a.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'Crime type', 'blank-type.csv, row 2, column Crime type: the crime type is blank; the row was left out.'],
      [4, 'Crime type', 'blank-type.csv, row 4, column Crime type: "All crime" is not a police.uk crime type (Boardpack adds "All crime" itself); the row was left out.'],
    ]);
    expect(a.files[0]).toMatchObject({ rowsRead: 3, rowsCounted: 1, rejected: 2 });
    expect(count(a, '2024-01', 'E07000129', ALL_CRIME)).toBe(1);
  });

  it('lists the first 20 bad rows of a file and summarises the rest', async () => {
    const rows = Array.from({ length: 30 }, () => crimeRow('2024/01', 'Blaby 001A', 'Drugs'));
    const file = await write('many-bad.csv', [HEADER, ...rows].join('\n'));
    const a = await aggregatePoliceUk([file], { districts: DISTRICTS });
    expect(a.problems).toHaveLength(21);
    expect(a.problems[20]?.message).toContain('10 more rows with problems are not listed (30 in all)');
    expect(a.totals.rejected).toBe(30);
  });

  it('rejects an empty file clearly', async () => {
    const file = await write('empty.csv', '');
    const a = await aggregatePoliceUk([file], { districts: DISTRICTS });
    expect(a.problems).toEqual([expect.objectContaining({ severity: 'error', file, message: expect.stringContaining('empty.csv is empty') })]);
    expect(a.files[0]).toMatchObject({ ok: false, rowsRead: 0 });
    expect(a.months).toEqual([]);
    expect(a.counts).toEqual([]);
  });

  it('warns about a file with only a header', async () => {
    const file = await write('header-only.csv', HEADER + '\r\n');
    const a = await aggregatePoliceUk([file], { districts: DISTRICTS });
    expect(a.problems).toEqual([expect.objectContaining({ severity: 'warning', file, message: 'header-only.csv has a header but no rows; nothing was counted from it.' })]);
    expect(a.files[0]).toMatchObject({ ok: true, rowsRead: 0 });
  });

  it('reads a file with a byte-order mark and CRLF line endings (as Excel saves it)', async () => {
    const rows = [
      HEADER,
      crimeRow('2024-02', 'Charnwood 012B', 'Vehicle crime'),
      crimeRow('2024-02', 'Charnwood 012B', ANTI_SOCIAL_BEHAVIOUR),
      crimeRow('2024-02', '', 'Vehicle crime'),
      crimeRow('2024-02', 'Leicester 001A', 'Vehicle crime'),
      crimeRow('2024-02', 'Rutland 001A', 'Drugs'),
      crimeRow('2024-02', 'Melton 003C', 'Drugs'),
    ];
    const file = await write('bom-crlf.csv', '\ufeff' + rows.join('\r\n') + '\r\n\r\n');
    const a = await aggregatePoliceUk([file], { districts: DISTRICTS });
    expect(a.problems).toEqual([]);
    expect(a.files[0]).toMatchObject({ ok: true, rowsRead: 6, rowsCounted: 3, noLocation: 1, outsideDistricts: 2, rejected: 0, months: ['2024-02'] });
    expect(count(a, '2024-02', 'E07000130', 'Vehicle crime')).toBe(1);
    expect(count(a, '2024-02', 'E07000130', ANTI_SOCIAL_BEHAVIOUR)).toBe(1);
    expect(count(a, '2024-02', 'E07000130', ALL_CRIME)).toBe(1);
    expect(count(a, '2024-02', 'E07000133', 'Drugs')).toBe(1);
    expect(count(a, '2024-02', 'E07000133', 'Vehicle crime')).toBe(0);
    expect(count(a, '2024-02', 'E07000129', ALL_CRIME)).toBe(0);
    expect(a.outsideDistricts).toEqual([
      { district: 'Leicester', rows: 1 },
      { district: 'Rutland', rows: 1 },
    ]);
    // Every crime type seen is reported, for every district, zeros included.
    expect(a.crimeTypes).toEqual([ALL_CRIME, ANTI_SOCIAL_BEHAVIOUR, 'Drugs', 'Vehicle crime']);
    expect(a.counts).toHaveLength(1 * 7 * 4);
  });

  it('reports a short row, an unreadable file and a file listed twice', async () => {
    const file = await write('short.csv', [HEADER, '2024-03,abc', crimeRow('2024-03', 'Blaby 001A', 'Drugs')].join('\n'));
    const missing = join(dir, 'no-such-file.csv');
    const a = await aggregatePoliceUk([file, missing, file], { districts: DISTRICTS });
    expect(a.problems.map((p) => [p.severity, p.row, p.message])).toEqual([
      ['error', 2, 'short.csv, row 2: the row has 2 columns, expected 12; it was left out.'],
      ['error', undefined, 'no-such-file.csv cannot be read: no such file'],
      ['error', undefined, expect.stringContaining('short.csv is listed twice')],
    ]);
    expect(a.totals).toMatchObject({ rowsRead: 2, rowsCounted: 1, rejected: 1 });
  });

  it('warns when two files cover the same month or a month is missing', async () => {
    const jan = await write('jan.csv', [HEADER, crimeRow('2024-01', 'Blaby 001A', 'Drugs')].join('\n'));
    const janCopy = await write('jan (1).csv', [HEADER, crimeRow('2024-01', 'Blaby 001A', 'Drugs')].join('\n'));
    const mar = await write('mar.csv', [HEADER, crimeRow('2024-03', 'Blaby 001A', 'Drugs')].join('\n'));
    const a = await aggregatePoliceUk([jan, janCopy, mar], { districts: DISTRICTS });
    expect(a.problems.map((p) => p.message)).toEqual([
      '2024-01 is in 2 files (jan.csv, jan (1).csv); a crime in more than one of them (the same Crime ID) is counted once.',
      'No file covers 2024-02, between the first and last months imported; it has no counts.',
    ]);
    expect(a.months).toEqual(['2024-01', '2024-03']);
  });

  it('stops when cancelled', async () => {
    const files = await policeFiles();
    const controller = new AbortController();
    let calls = 0;
    const run = aggregatePoliceUk(files, {
      districts: DISTRICTS,
      signal: controller.signal,
      onProgress: () => {
        if (++calls === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await expect(aggregatePoliceUk(files, { districts: DISTRICTS, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
