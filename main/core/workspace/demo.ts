/**
 * The demo workspace: the published 2014/15 Q4 appendix, plus Leicestershire's monthly
 * police.uk counts (2023-2024) by district and crime type with mid-2023 populations, giving
 * rates per 1,000 for the reporting period "2024/25 Q3". Built from the small files in
 * assets/demo (regenerated from ../shared/data by scripts/make-demo-data.ts).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { AreaKind, Polarity } from '../../../shared/domain/types';
import type { Workspace } from '../store/workspace';
import { upsertArea, upsertPopulation, areaByCode } from '../areas';
import { addIndicator, addOutcome, listIndicators, listOutcomes, setDerivedRate } from '../indicators';
import { setMeta } from '../store/meta';
import { upsertObservations, type NewObservation } from '../values';
import { addPeriod } from '../periods';
import { readAppendixTable } from '../imports';
import { applyAppendixTable, type IndicatorDefinition } from '../imports';
import { crimeCountSeriesName } from '../imports';

export { crimeCountSeriesName };

export const OGL_ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0 (police.uk; Office for National Statistics).';

interface Definitions {
  dashboardTitle: string;
  county: { code: string; name: string };
  indicators: IndicatorDefinition[];
}

/** police.uk crime types the demo turns into rates on the dashboard, with their outcome. */
const DEMO_RATES: Array<{ crimeType: string; name: string; outcome: 'crime' | 'asb'; polarity: Polarity; tolerance: number }> = [
  { crimeType: 'All crime', name: 'Total Crime rate (per 1,000 population)', outcome: 'crime', polarity: 'lower', tolerance: 5 },
  { crimeType: 'Burglary', name: 'Burglary rate (per 1,000 population)', outcome: 'crime', polarity: 'lower', tolerance: 10 },
  { crimeType: 'Vehicle crime', name: 'Vehicle Crime rate (per 1,000 population)', outcome: 'crime', polarity: 'lower', tolerance: 10 },
  { crimeType: 'Violence and sexual offences', name: 'Violence and sexual offences rate (per 1,000 population)', outcome: 'crime', polarity: 'lower', tolerance: 5 },
  { crimeType: 'Criminal damage and arson', name: 'Criminal damage and arson rate (per 1,000 population)', outcome: 'crime', polarity: 'lower', tolerance: 5 },
  { crimeType: 'Anti-social behaviour', name: 'Anti-social behaviour incidents rate (per 1,000 population)', outcome: 'asb', polarity: 'lower', tolerance: 5 },
];

async function readCsv(file: string): Promise<Array<Record<string, string>>> {
  const text = await fs.readFile(file, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${path.basename(file)}: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
  return parsed.data;
}

/** Fills an empty workspace with the demo content. */
export async function fillDemoWorkspace(workspace: Workspace, assetsDir: string): Promise<void> {
  const demoDir = path.join(assetsDir, 'demo');
  const definitions = JSON.parse(await fs.readFile(path.join(demoDir, 'appendix-2014-15-definitions.json'), 'utf8')) as Definitions;
  const tsv = await fs.readFile(path.join(demoDir, 'appendix-2014-15-Q4.tsv'), 'utf8');
  const rows = tsv.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.length > 0).map((l) => l.split('\t'));
  const table = readAppendixTable(rows, 'appendix-2014-15-Q4.tsv');
  if (!table.ok) throw new Error(table.error);
  const areas = await readCsv(path.join(demoDir, 'areas.csv'));
  const populations = await readCsv(path.join(demoDir, 'populations.csv'));
  const counts = await readCsv(path.join(demoDir, 'police-monthly.csv'));

  workspace.mutate(() => {
    const db = workspace.db;
    setMeta(db, 'title', 'Demo: Leicestershire Safer Communities');
    setMeta(db, 'dashboard_title', definitions.dashboardTitle);
    setMeta(db, 'is_demo', '1');
    setMeta(db, 'attribution', OGL_ATTRIBUTION);
    setMeta(db, 'dashboard_area_code', definitions.county.code);

    // Parents first: regions and forces, then counties, then the rest.
    const rank: Record<string, number> = { region: 0, force: 1, county: 2 };
    for (const a of [...areas].sort((x, y) => (rank[x.kind!] ?? 3) - (rank[y.kind!] ?? 3))) {
      upsertArea(db, { code: a.code!, name: a.name!, kind: a.kind as AreaKind, parentCode: a.parent_code || null });
    }
    for (const p of populations) {
      upsertPopulation(db, { areaCode: p.area_code!, year: Number(p.year), count: Number(p.population), source: p.source ?? 'ONS mid-year estimates' });
    }
    const county = areaByCode(db, definitions.county.code);
    if (!county) throw new Error(`The demo's areas do not include the county ${definitions.county.code}.`);

    applyAppendixTable(db, table.value, { areaId: county.id, definitions: definitions.indicators, lock: true });

    // Monthly counts by district, one data series per crime type.
    const seriesIds = new Map<string, number>();
    const areaIds = new Map<string, number>();
    const observations: NewObservation[] = [];
    for (const c of counts) {
      const type = c.crime_type!;
      let seriesId = seriesIds.get(type);
      if (seriesId === undefined) {
        seriesId = addIndicator(db, {
          outcomeId: null,
          name: crimeCountSeriesName(type),
          unit: 'count',
          polarity: 'lower',
          decimals: 0,
          frequency: 'monthly',
          source: 'police.uk street-level crime (Leicestershire Police)',
          tolerancePercent: 5,
        });
        seriesIds.set(type, seriesId);
      }
      let areaId = areaIds.get(c.area_code!);
      if (areaId === undefined) {
        const area = areaByCode(db, c.area_code!);
        if (!area) throw new Error(`police-monthly.csv names area ${c.area_code}, which is not in areas.csv.`);
        areaId = area.id;
        areaIds.set(c.area_code!, areaId);
      }
      observations.push({ indicatorId: seriesId, areaId, span: { first: c.month!, last: c.month! }, value: Number(c.count) });
    }
    upsertObservations(db, observations);

    // Rates per 1,000 on the dashboard, derived from the counts.
    const outcomes = listOutcomes(db);
    const outcomeFor = (which: 'crime' | 'asb') =>
      outcomes.find((o) => (which === 'crime' ? /reductions in crime/i : /anti-social behaviour/i).test(o.title))?.id ?? addOutcome(db, { title: which });
    const existing = new Map(listIndicators(db).map((i) => [i.name, i.id]));
    for (const rate of DEMO_RATES) {
      const from = seriesIds.get(rate.crimeType);
      if (from === undefined) continue;
      const id = existing.get(rate.name);
      if (id !== undefined) {
        setDerivedRate(db, id, from);
      } else {
        addIndicator(db, {
          outcomeId: outcomeFor(rate.outcome),
          name: rate.name,
          unit: 'rate_per_1000',
          polarity: rate.polarity,
          decimals: 2,
          frequency: 'monthly',
          source: 'police.uk street-level crime (Leicestershire Police); ONS mid-year population estimates',
          tolerancePercent: rate.tolerance,
          derivation: { kind: 'rate_per_1000', fromIndicatorId: from },
        });
      }
    }
    addPeriod(db, { name: '2024/25 Q3', lastMonth: '2024-12' });
  });
}
