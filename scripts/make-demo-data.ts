/**
 * Builds the demo workspace's source data from the real public files in ../shared/data:
 *
 *   assets/demo/areas.csv           code,name,kind,parent_code
 *   assets/demo/populations.csv     area_code,year,population,source
 *   assets/demo/police-monthly.csv  month,area_code,crime_type,count
 *
 * for Leicestershire (county E10000018), its seven districts, the East Midlands region, the
 * Leicestershire police force area and the districts' community safety partnerships; monthly
 * police.uk counts 2023-01 .. 2024-12 per district and crime type (plus "All crime"), with
 * explicit zeros. Output is sorted, so running it twice gives identical files; a unit test
 * (test/scripts/make-demo-data.test.ts) checks the committed files equal a fresh build.
 *
 * Run: npx tsx scripts/make-demo-data.ts [--data DIR]   (DIR defaults to ../shared/data)
 *
 * Contains public sector information licensed under the Open Government Licence v3.0.
 * Source: police.uk and the Office for National Statistics.
 */
import { readdir, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { aggregatePoliceUk, type PoliceUkAggregate } from '../main/core/imports';
import { readAreaLookup, readOnsPopulation } from '../main/core/imports';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_DATA_DIR = resolve(REPO_ROOT, '../shared/data');
export const DEMO_DIR = join(REPO_ROOT, 'assets', 'demo');

export const ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0. Source: police.uk and the Office for National Statistics.';

export const COUNTY_CODE = 'E10000018';
export const REGION_CODE = 'E12000004';
/** Leicestershire's seven districts (DOMAIN.md); names, CSPs and the force come from the ONS lookup. */
export const DISTRICT_CODES = ['E07000129', 'E07000130', 'E07000131', 'E07000132', 'E07000133', 'E07000134', 'E07000135'] as const;
export const FIRST_MONTH = '2023-01';
export const LAST_MONTH = '2024-12';

export const POPULATION_FILE = 'ons/ons_mye_mid2023_england_wales_lad.csv';
export const LOOKUP_FILE = 'ons/lad16-csp16-pfa16-lookup.csv';
export const POLICE_DIR = 'police-uk';
const POPULATION_SOURCE = 'ONS mid-2023 population estimates';

export interface DemoData {
  /** File name under assets/demo -> its exact contents. */
  files: Record<'areas.csv' | 'populations.csv' | 'police-monthly.csv', string>;
  police: PoliceUkAggregate;
  /** The seven districts' names as the lookup spells them, keyed by code. */
  districtNames: Map<string, string>;
}

/** The police.uk files in `dataDir`, sorted by name (which is by month). */
export async function policeFiles(dataDir: string): Promise<string[]> {
  const dir = join(dataDir, POLICE_DIR);
  return (await readdir(dir))
    .filter((f) => f.toLowerCase().endsWith('.csv'))
    .sort()
    .map((f) => join(dir, f));
}

/** Builds the three files' contents in memory; throws with a clear message if the data is not as expected. */
export async function buildDemoData(dataDir: string = DEFAULT_DATA_DIR): Promise<DemoData> {
  const lookup = await readAreaLookup(join(dataDir, LOOKUP_FILE));
  if (!lookup.ok) throw new Error(lookup.error);
  const population = await readOnsPopulation(join(dataDir, POPULATION_FILE));
  if (!population.ok) throw new Error(population.error);

  const districts = DISTRICT_CODES.map((code) => {
    const row = lookup.value.find((r) => r.districtCode === code);
    if (!row) throw new Error(`${LOOKUP_FILE} has no district ${code}.`);
    return row;
  });
  const forceCodes = [...new Set(districts.map((d) => d.forceCode))];
  if (forceCodes.length !== 1) throw new Error(`The seven districts should share one police force area; ${LOOKUP_FILE} gives ${forceCodes.join(', ')}.`);
  const force = districts[0] as (typeof districts)[number];

  const populationOf = (code: string) => {
    const row = population.value.find((r) => r.code === code);
    if (!row) throw new Error(`${POPULATION_FILE} has no area ${code}.`);
    return row;
  };
  const county = populationOf(COUNTY_CODE);
  const region = populationOf(REGION_CODE);

  // areas.csv
  type AreaRow = { code: string; name: string; kind: string; parent: string };
  const areas: AreaRow[] = [
    { code: county.code, name: displayName(county.name), kind: 'county', parent: region.code },
    { code: region.code, name: displayName(region.name), kind: 'region', parent: '' },
    { code: force.forceCode, name: displayName(force.forceName), kind: 'force', parent: '' },
  ];
  for (const d of districts) {
    areas.push({ code: d.districtCode, name: displayName(d.districtName), kind: 'district', parent: county.code });
    if (!areas.some((a) => a.code === d.cspCode)) areas.push({ code: d.cspCode, name: displayName(d.cspName), kind: 'csp', parent: d.forceCode });
  }
  areas.sort((a, b) => compareText(a.code, b.code));
  const areasCsv = toCsv(
    ['code', 'name', 'kind', 'parent_code'],
    areas.map((a) => [a.code, a.name, a.kind, a.parent]),
  );

  // populations.csv: the county and its districts, mid-2023.
  const populationRows = [county, ...DISTRICT_CODES.map(populationOf)].sort((a, b) => compareText(a.code, b.code));
  const populationsCsv = toCsv(
    ['area_code', 'year', 'population', 'source'],
    populationRows.map((r) => [r.code, String(r.year), String(r.population), POPULATION_SOURCE]),
  );

  // police-monthly.csv
  const districtNames = new Map(districts.map((d) => [d.districtCode, d.districtName]));
  const police = await aggregatePoliceUk(await policeFiles(dataDir), {
    districts: new Map(districts.map((d) => [d.districtName, d.districtCode])),
  });
  const errors = police.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`The police.uk files have problems:\n${errors.map((e) => `  ${e.message}`).join('\n')}`);
  const expectedMonths = monthsBetween(FIRST_MONTH, LAST_MONTH);
  if (police.months.join() !== expectedMonths.join()) {
    throw new Error(`The police.uk files should cover every month ${FIRST_MONTH} to ${LAST_MONTH}; they cover ${police.months.join(', ')}.`);
  }
  // The aggregate is already zero-filled and sorted by month, area code, crime type.
  const policeCsv = toCsv(
    ['month', 'area_code', 'crime_type', 'count'],
    police.counts.map((c) => [c.month, c.areaCode, c.crimeType, String(c.count)]),
  );

  return { files: { 'areas.csv': areasCsv, 'populations.csv': populationsCsv, 'police-monthly.csv': policeCsv }, police, districtNames };
}

/** The summary printed after a build: what was counted and what was left out, and why. */
export function describeExclusions(police: PoliceUkAggregate): string {
  const t = police.totals;
  const lines = [
    `police.uk: ${t.files} files, ${t.rowsRead} rows read, ${police.months[0]} to ${police.months[police.months.length - 1]}`,
    `  counted (seven districts): ${t.rowsCounted}`,
    `  left out, no location:     ${t.noLocation}`,
    `  left out, other districts: ${t.outsideDistricts}`,
    `  rejected (bad rows):       ${t.rejected}`,
    `  other districts, by name (${police.outsideDistricts.length}):`,
    ...wrap(police.outsideDistricts.map((d) => `${d.district} ${d.rows}`), '    ', 100),
  ];
  for (const p of police.problems) lines.push(`  ${p.severity}: ${p.message}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dataFlag = args.indexOf('--data');
  const dataDir = dataFlag >= 0 && args[dataFlag + 1] ? resolve(args[dataFlag + 1] as string) : DEFAULT_DATA_DIR;
  const demo = await buildDemoData(dataDir);
  await mkdir(DEMO_DIR, { recursive: true });
  for (const [name, text] of Object.entries(demo.files)) {
    await writeFile(join(DEMO_DIR, name), text, 'utf8');
    console.log(`wrote assets/demo/${name} (${Buffer.byteLength(text)} bytes, ${text.split('\n').length - 2} rows)`);
  }
  console.log(describeExclusions(demo.police));
  console.log(ATTRIBUTION);
}

/** "EAST MIDLANDS" -> "East Midlands"; names already in mixed case are kept as written. */
export function displayName(name: string): string {
  if (/[a-z]/.test(name) || !/[A-Z]/.test(name)) return name;
  const small = new Set(['and', 'of', 'upon', 'on', 'the', 'in', 'with', 'under']);
  return name
    .toLowerCase()
    .split(' ')
    .map((w, i) => (i > 0 && small.has(w) ? w : w.replace(/(^|[-'])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase())))
    .join(' ');
}

/** Joins items with ", " into lines no longer than `width`. */
function wrap(items: string[], indent: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line !== '' && indent.length + line.length + item.length + 2 > width) {
      lines.push(`${indent}${line},`);
      line = '';
    }
    line = line === '' ? item : `${line}, ${item}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  for (let month = first; month <= last; ) {
    out.push(month);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    month = `${y}-${String(m).padStart(2, '0')}`;
  }
  return out;
}

function toCsv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
