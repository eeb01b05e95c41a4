/**
 * Builds two things from the same ONS files:
 *
 * - main/core/imports/district-forces.ts: which police force area covers each local
 *   authority district and unitary of England and Wales, so a police.uk file ("Falls within"
 *   names the force) only changes the districts its force covers;
 * - assets/geography/england-wales.json (`buildGeography`): the built-in geography a new
 *   workspace is made from: regions, counties, districts and unitaries, Community Safety
 *   Partnerships and police force areas with their ONS codes, names and parents, the
 *   structural changes since 2019 (each citing its order) and mid-year populations.
 *
 * From the ONS LAD16 -> CSP16 -> PFA16 lookup (every district of 2016, by code and name) and
 * the ONS mid-2023 estimates (the districts of 2023), plus a hand-written table for the
 * districts created since 2016, which no file here relates to a force: each row cites the
 * order that created the district (its force is the force of the districts it replaced).
 *
 * Run: node --import tsx scripts/make-district-forces.ts [--data DIR]   (DIR defaults to ../shared/data)
 *
 * Contains public sector information licensed under the Open Government Licence v3.0.
 * Source: Office for National Statistics.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { GEOGRAPHY_ASSET, GEOGRAPHY_FORMAT, GEOGRAPHY_VERSION, type GeographyArea, type GeographyChange, type GeographyFile } from '../main/core/areas/geography-file';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = join(REPO_ROOT, 'main/core/imports/district-forces.ts');
export const GEOGRAPHY_OUTPUT = join(REPO_ROOT, 'assets', GEOGRAPHY_ASSET);
const LOOKUP_FILE = 'ons/lad16-csp16-pfa16-lookup.csv';
const POPULATION_FILE = 'ons/ons_mye_mid2023_england_wales_lad.csv';

/** Districts created since 2016: code, name, police force area, and the order that made them. */
export const NEW_DISTRICTS: readonly (readonly [code: string, name: string, force: string, order: string])[] = [
  ['E06000058', 'Bournemouth, Christchurch and Poole', 'Dorset', 'The Bournemouth, Dorset and Poole (Structural Changes) Order 2018 (SI 2018/648)'],
  ['E06000059', 'Dorset', 'Dorset', 'The Bournemouth, Dorset and Poole (Structural Changes) Order 2018 (SI 2018/648)'],
  ['E06000060', 'Buckinghamshire', 'Thames Valley', 'The Buckinghamshire (Structural Changes) Order 2019 (SI 2019/957)'],
  ['E06000061', 'North Northamptonshire', 'Northamptonshire', 'The Northamptonshire (Structural Changes) Order 2020 (SI 2020/156)'],
  ['E06000062', 'West Northamptonshire', 'Northamptonshire', 'The Northamptonshire (Structural Changes) Order 2020 (SI 2020/156)'],
  ['E06000063', 'Cumberland', 'Cumbria', 'The Cumbria (Structural Changes) Order 2022 (SI 2022/331)'],
  ['E06000064', 'Westmorland and Furness', 'Cumbria', 'The Cumbria (Structural Changes) Order 2022 (SI 2022/331)'],
  ['E06000065', 'North Yorkshire', 'North Yorkshire', 'The North Yorkshire (Structural Changes) Order 2022 (SI 2022/328)'],
  ['E06000066', 'Somerset', 'Avon and Somerset', 'The Somerset (Structural Changes) Order 2022 (SI 2022/329)'],
  ['E07000244', 'East Suffolk', 'Suffolk', 'The East Suffolk (Local Government Changes) Order 2018 (SI 2018/640)'],
  ['E07000245', 'West Suffolk', 'Suffolk', 'The West Suffolk (Local Government Changes) Order 2018 (SI 2018/639)'],
  ['E07000246', 'Somerset West and Taunton', 'Avon and Somerset', 'The Somerset West and Taunton (Local Government Changes) Order 2018 (SI 2018/649)'],
];

type Row = Record<string, string>;

function parseCsv(text: string): Row[] {
  return Papa.parse<Row>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
}

/** The generated module's text: one [code, name, force] row per district, sorted by code. */
export async function buildDistrictForces(dataDir: string): Promise<string> {
  const lookup = parseCsv(await readFile(join(dataDir, LOOKUP_FILE), 'utf8'));
  const population = parseCsv(await readFile(join(dataDir, POPULATION_FILE), 'utf8'));
  const rows = new Map<string, readonly [string, string, string]>();
  for (const r of lookup) {
    const code = r.LAD16CD?.trim();
    const name = r.LAD16NM?.trim();
    const force = r.PFA16NM?.trim();
    if (!code || !name || !force) throw new Error(`${LOOKUP_FILE}: a row lacks LAD16CD, LAD16NM or PFA16NM.`);
    rows.set(code, [code, name, force]);
  }
  for (const [code, name, force] of NEW_DISTRICTS) rows.set(code, [code, name, force]);
  // Every district of 2023 must now be known, or a police.uk file could not say whether it covers it.
  const unknown = population.filter((r) => /District|Unitary|London Borough/.test(r.Geography ?? '') && !rows.has(r.Code ?? ''));
  if (unknown.length > 0) throw new Error(`No police force known for ${unknown.map((r) => `${r.Code} ${r.Name}`).join(', ')}: add them to NEW_DISTRICTS with the order that created them.`);
  const sorted = [...rows.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return [
    '// Generated by scripts/make-district-forces.ts from the ONS LAD16-CSP16-PFA16 lookup and mid-2023',
    '// estimates, plus the districts created since 2016 (see NEW_DISTRICTS there for the orders). Do not edit.',
    '// Contains public sector information licensed under the Open Government Licence v3.0 (ONS).',
    '',
    '/** [district or unitary ONS code, its name, the police force area that covers it] */',
    'export const DISTRICT_FORCES: readonly (readonly [code: string, name: string, force: string])[] = [',
    ...sorted.map((r) => `  ${JSON.stringify(r)},`),
    '];',
    '',
  ].join('\n');
}

/**
 * What the districts made since 2016 replaced, which no ONS file here states: for each new
 * district or unitary, the day it began and the [code, name] of the areas it replaced (names are
 * checked against the 2016 lookup, so a wrong code fails the build). Its order is in NEW_DISTRICTS.
 */
export const PREDECESSORS: Readonly<Record<string, { on: string; from: readonly (readonly [code: string, name: string])[] }>> = {
  E06000058: { on: '2019-04-01', from: [['E06000028', 'Bournemouth'], ['E06000029', 'Poole'], ['E07000048', 'Christchurch']] },
  E06000059: { on: '2019-04-01', from: [['E07000049', 'East Dorset'], ['E07000050', 'North Dorset'], ['E07000051', 'Purbeck'], ['E07000052', 'West Dorset'], ['E07000053', 'Weymouth and Portland']] },
  E07000244: { on: '2019-04-01', from: [['E07000205', 'Suffolk Coastal'], ['E07000206', 'Waveney']] },
  E07000245: { on: '2019-04-01', from: [['E07000201', 'Forest Heath'], ['E07000204', 'St Edmundsbury']] },
  E07000246: { on: '2019-04-01', from: [['E07000190', 'Taunton Deane'], ['E07000191', 'West Somerset']] },
  E06000060: { on: '2020-04-01', from: [['E07000004', 'Aylesbury Vale'], ['E07000005', 'Chiltern'], ['E07000006', 'South Bucks'], ['E07000007', 'Wycombe']] },
  E06000061: { on: '2021-04-01', from: [['E07000150', 'Corby'], ['E07000152', 'East Northamptonshire'], ['E07000153', 'Kettering'], ['E07000156', 'Wellingborough']] },
  E06000062: { on: '2021-04-01', from: [['E07000151', 'Daventry'], ['E07000154', 'Northampton'], ['E07000155', 'South Northamptonshire']] },
  E06000063: { on: '2023-04-01', from: [['E07000026', 'Allerdale'], ['E07000028', 'Carlisle'], ['E07000029', 'Copeland']] },
  E06000064: { on: '2023-04-01', from: [['E07000027', 'Barrow-in-Furness'], ['E07000030', 'Eden'], ['E07000031', 'South Lakeland']] },
  E06000065: { on: '2023-04-01', from: [['E07000163', 'Craven'], ['E07000164', 'Hambleton'], ['E07000165', 'Harrogate'], ['E07000166', 'Richmondshire'], ['E07000167', 'Ryedale'], ['E07000168', 'Scarborough'], ['E07000169', 'Selby']] },
  E06000066: { on: '2023-04-01', from: [['E07000187', 'Mendip'], ['E07000188', 'Sedgemoor'], ['E07000189', 'South Somerset'], ['E07000246', 'Somerset West and Taunton']] },
};

/**
 * Counties abolished since 2016 (their districts became unitaries): code, name, the unitaries
 * that replaced the county council's area. The day and order are those of the unitaries.
 */
export const ABOLISHED_COUNTIES: readonly (readonly [code: string, name: string, into: readonly string[]])[] = [
  ['E10000009', 'Dorset', ['E06000058', 'E06000059']],
  ['E10000002', 'Buckinghamshire', ['E06000060']],
  ['E10000021', 'Northamptonshire', ['E06000061', 'E06000062']],
  ['E10000006', 'Cumbria', ['E06000063', 'E06000064']],
  ['E10000023', 'North Yorkshire', ['E06000065']],
  ['E10000027', 'Somerset', ['E06000066']],
];

const SOURCES = [
  'ONS: Local Authority District to Community Safety Partnership to Police Force Area (December 2016) lookup in England and Wales (lad16-csp16-pfa16-lookup.csv)',
  'ONS: mid-2023 population estimates for England and Wales, local authority districts, counties, regions and countries (ons_mye_mid2023_england_wales_lad.csv)',
  'Boardpack: the structural changes since 2016, each with the statutory instrument that made it (scripts/make-district-forces.ts, NEW_DISTRICTS, PREDECESSORS, ABOLISHED_COUNTIES)',
];
export const GEOGRAPHY_LICENCE = 'Contains public sector information licensed under the Open Government Licence v3.0. Source: Office for National Statistics.';

/** "YORKSHIRE AND THE HUMBER" -> "Yorkshire and The Humber", "EAST OF ENGLAND" -> "East of England". */
function regionName(upper: string): string {
  return upper
    .toLowerCase()
    .split(' ')
    .map((w) => (w === 'and' || w === 'of' ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const KIND_ORDER: Record<string, number> = { region: 0, force: 1, csp: 2, county: 3, unitary: 4, district: 5 };

/**
 * The built-in geography's JSON text: every area a board might need, sorted by kind and code,
 * one area a line. Throws when the files and the hand tables disagree (a predecessor's name or
 * code, a district without a county or force), so a wrong table never ships.
 */
export async function buildGeography(dataDir: string): Promise<string> {
  const lookup = parseCsv(await readFile(join(dataDir, LOOKUP_FILE), 'utf8'));
  const population = parseCsv(await readFile(join(dataDir, POPULATION_FILE), 'utf8'));
  const areas = new Map<string, GeographyArea>();
  const add = (area: GeographyArea) => {
    if (areas.has(area.code)) throw new Error(`${area.code} ${area.name} is listed twice.`);
    areas.set(area.code, area);
  };

  // 2016: districts with their CSP and force.
  const lad16 = new Map<string, { name: string; csp: string; force: string }>();
  const forceCodeOfName = new Map<string, string>();
  const cspMembers2016 = new Map<string, string[]>();
  for (const r of lookup) {
    const [code, name, csp, cspName, force, forceName] = [r.LAD16CD, r.LAD16NM, r.CSP16CD, r.CSP16NM, r.PFA16CD, r.PFA16NM].map((v) => v?.trim() ?? '');
    if (!code || !name || !csp || !cspName || !force || !forceName) throw new Error(`${LOOKUP_FILE}: a row lacks a code or name.`);
    lad16.set(code, { name, csp, force });
    forceCodeOfName.set(forceName, force);
    cspMembers2016.set(csp, [...(cspMembers2016.get(csp) ?? []), code]);
    if (!areas.has(force)) add({ code: force, name: forceName, kind: 'force', parent: null, population: {} });
    if (!areas.has(csp)) add({ code: csp, name: cspName, kind: 'csp', parent: force, force, population: {} });
  }

  // Mid-2023: regions, counties, unitaries and districts, in ONS's order (a county's districts follow it).
  let region: string | null = null;
  let county: string | null = null;
  for (const r of population) {
    const code = r.Code?.trim() ?? '';
    const name = r.Name?.trim() ?? '';
    const geography = r.Geography?.trim() ?? '';
    const people = Number(r['All ages']);
    if (!code || !name || !Number.isInteger(people) || people <= 0) throw new Error(`${POPULATION_FILE}: the row for "${code} ${name}" lacks a code, name or population.`);
    const pop = { '2023': people };
    if (geography === 'Country') {
      if (code.startsWith('W92')) {
        region = code;
        county = null;
        add({ code, name: regionName(name), kind: 'region', parent: null, population: pop });
      }
    } else if (geography === 'Region') {
      region = code;
      county = null;
      add({ code, name: regionName(name), kind: 'region', parent: null, population: pop });
    } else if (geography === 'County' || geography === 'Metropolitan County') {
      county = code;
      add({ code, name: name.replace(/\s*\(Met County\)$/, ''), kind: 'county', parent: region, population: pop });
    } else if (geography === 'Unitary Authority') {
      county = null;
      add({ code, name, kind: 'unitary', parent: region, population: pop });
    } else if (geography === 'Non-metropolitan District' || geography === 'Metropolitan District') {
      if (!county) throw new Error(`${POPULATION_FILE}: ${code} ${name} is a district with no county above it.`);
      add({ code, name, kind: 'district', parent: county, population: pop });
    } else if (geography === 'London Borough') {
      add({ code, name, kind: 'district', parent: region, population: pop });
    } else {
      throw new Error(`${POPULATION_FILE}: "${geography}" (${code} ${name}) is not a geography Boardpack knows.`);
    }
  }

  // What each district made since 2016 replaced, checked against the 2016 lookup.
  const orderOf = new Map(NEW_DISTRICTS.map(([code, , , order]) => [code, order] as const));
  const flatten = (code: string): string[] => (PREDECESSORS[code] ? PREDECESSORS[code]!.from.flatMap(([c]) => flatten(c)) : [code]);
  for (const [code, name, force] of NEW_DISTRICTS) {
    const made = PREDECESSORS[code];
    if (!made) throw new Error(`${code} ${name} is in NEW_DISTRICTS but not in PREDECESSORS.`);
    for (const [from, fromName] of made.from) {
      const known = lad16.get(from)?.name ?? NEW_DISTRICTS.find(([c]) => c === from)?.[1];
      if (known !== fromName) throw new Error(`PREDECESSORS: ${from} is "${known ?? 'not a district of 2016'}", not "${fromName}".`);
    }
    if (!forceCodeOfName.has(force)) throw new Error(`NEW_DISTRICTS: ${code} ${name}: no police force area is called "${force}".`);
  }

  // Districts of 2016 (and Somerset West and Taunton) that have gone: kept, retired, with their successor.
  const successorOf = new Map<string, string>();
  for (const [code, made] of Object.entries(PREDECESSORS)) for (const [from] of made.from) successorOf.set(from, code);
  const abolishedCountyOf = new Map<string, string>();
  for (const [countyCode, , into] of ABOLISHED_COUNTIES) for (const u of into) for (const d of PREDECESSORS[u]?.from ?? []) abolishedCountyOf.set(d[0], countyCode);
  // Somerset West and Taunton's own predecessors were in Somerset too.
  for (const d of PREDECESSORS.E07000246!.from) abolishedCountyOf.set(d[0], 'E10000027');
  const change = (code: string, areasOf: string[]): GeographyChange => ({ on: PREDECESSORS[code]!.on, order: orderOf.get(code)!, areas: areasOf });
  for (const [countyCode, name, into] of ABOLISHED_COUNTIES) {
    const first = areas.get(into[0]!);
    if (!first) throw new Error(`ABOLISHED_COUNTIES: ${into[0]} is not in the mid-2023 estimates.`);
    add({ code: countyCode, name, kind: 'county', parent: first.parent, population: {}, retired: change(into[0]!, [...into]) });
  }
  const retiredDistricts = [...lad16.keys()].filter((c) => !areas.has(c));
  for (const code of [...retiredDistricts, 'E07000246']) {
    const successor = successorOf.get(code);
    if (!successor) throw new Error(`${code} ${lad16.get(code)?.name} is not in the mid-2023 estimates and no change in PREDECESSORS replaced it.`);
    const name = lad16.get(code)?.name ?? NEW_DISTRICTS.find(([c]) => c === code)![1];
    const kind = code.startsWith('E06') ? 'unitary' : 'district';
    // A unitary's region; a district's county (abolished with it, or the county of its successor district).
    const next = areas.get(successor)!;
    const parent = kind === 'unitary' ? next.parent : (abolishedCountyOf.get(code) ?? (next.kind === 'district' ? next.parent : null));
    if (kind === 'district' && !parent) throw new Error(`${code} ${name}: no county known above it.`);
    add({ code, name, kind, parent, population: {}, retired: change(successor, [successor]) });
  }
  for (const [code, made] of Object.entries(PREDECESSORS)) {
    const area = areas.get(code)!;
    area.created = change(code, made.from.map(([c]) => c));
  }

  // Force and CSP of every district and unitary: the 2016 lookup, or (made since) its
  // predecessors' force; the CSP all its predecessors lay in, else null (no file here says).
  for (const area of areas.values()) {
    if (area.kind !== 'district' && area.kind !== 'unitary') continue;
    const known = lad16.get(area.code);
    if (known) {
      area.csp = known.csp;
      area.force = known.force;
      continue;
    }
    const newRow = NEW_DISTRICTS.find(([c]) => c === area.code);
    if (!newRow) throw new Error(`No police force known for ${area.code} ${area.name}: add it to NEW_DISTRICTS and PREDECESSORS with the order that created it.`);
    area.force = forceCodeOfName.get(newRow[2])!;
    const old = flatten(area.code);
    const csps = new Set(old.map((c) => lad16.get(c)!.csp));
    const only = csps.size === 1 ? [...csps][0]! : null;
    area.csp = only;
  }
  // Counties: the force of their districts (each county lies in one force area).
  for (const area of areas.values()) {
    if (area.kind !== 'county') continue;
    const forces = new Set([...areas.values()].filter((d) => d.parent === area.code && d.kind === 'district').map((d) => d.force));
    if (area.retired) for (const u of area.retired.areas) forces.add(areas.get(u)!.force);
    if (forces.size !== 1) throw new Error(`${area.code} ${area.name} lies in ${forces.size} police force areas; Boardpack expects one.`);
    area.force = [...forces][0] ?? null;
  }

  // Populations of CSPs and force areas: the sum of the areas they cover now, for each year.
  const current = [...areas.values()].filter((a) => (a.kind === 'district' || a.kind === 'unitary') && !a.retired);
  for (const area of areas.values()) {
    if (area.kind === 'force') {
      const members = current.filter((d) => d.force === area.code);
      for (const year of ['2023']) area.population[year] = members.reduce((n, d) => n + (d.population[year] ?? 0), 0);
      continue;
    }
    if (area.kind !== 'csp') continue;
    const members = current.filter((d) => d.csp === area.code);
    const covered = new Set(members.flatMap((d) => flatten(d.code)));
    const whole = cspMembers2016.get(area.code)!.every((m) => covered.has(m));
    if (members.length > 0 && whole) {
      for (const year of ['2023']) area.population[year] = members.reduce((n, d) => n + (d.population[year] ?? 0), 0);
    } else if (members.length === 0) {
      // Every district it served was replaced: it went with the latest of them.
      const gone = cspMembers2016.get(area.code)!.map((m) => areas.get(m)!.retired!).sort((a, b) => (a.on < b.on ? 1 : -1));
      const successors = [...new Set(cspMembers2016.get(area.code)!.map((m) => successorOf.get(m)!).map((s) => (areas.get(s)!.retired ? successorOf.get(s)! : s)))].sort();
      area.retired = { on: gone[0]!.on, order: gone[0]!.order, areas: successors };
    }
    // Otherwise part of what it served went to an area in another CSP (Christchurch, from the
    // Dorset CSP to Bournemouth, Christchurch and Poole): no population, rather than a wrong one.
  }

  const file: GeographyFile = {
    format: GEOGRAPHY_FORMAT,
    version: GEOGRAPHY_VERSION,
    edition: 'England and Wales: districts and unitaries of mid-2023 and those replaced since 2016, counties, regions, Community Safety Partnerships (2016) and police force areas; mid-2023 population estimates',
    sources: SOURCES,
    licence: GEOGRAPHY_LICENCE,
    populationYears: [2023],
    notes: [
      'parent: a district\'s county, a county\'s or unitary\'s region (Wales for Welsh unitaries), a CSP\'s police force area.',
      'csp: from the December 2016 lookup; for a district or unitary made since, the CSP all its predecessors lay in, else null (no file here says).',
      'population of a CSP or force area: the sum of the districts and unitaries it covers; none for a CSP part of whose area went to another CSP\'s.',
      'created and retired: the structural changes since 2016, each with the statutory instrument that made it; a retired area is kept so police.uk rows named after it count into its successor.',
    ],
    areas: [...areas.values()].sort((a, b) => (KIND_ORDER[a.kind]! - KIND_ORDER[b.kind]!) || byCode(a, b)),
  };
  const { areas: list, ...head } = file;
  const headText = JSON.stringify(head, null, 1).replace(/\n}$/, '');
  return `${headText},\n "areas": [\n${list.map((a) => `  ${JSON.stringify(a)}`).join(',\n')}\n ]\n}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--data');
  const dataDir = i >= 0 && process.argv[i + 1] ? resolve(process.argv[i + 1] as string) : resolve(REPO_ROOT, '../shared/data');
  await writeFile(OUTPUT, await buildDistrictForces(dataDir));
  console.log(`Wrote ${OUTPUT}`);
  await mkdir(dirname(GEOGRAPHY_OUTPUT), { recursive: true });
  await writeFile(GEOGRAPHY_OUTPUT, await buildGeography(dataDir));
  console.log(`Wrote ${GEOGRAPHY_OUTPUT}`);
}
