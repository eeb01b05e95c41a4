/**
 * Puts monthly police.uk counts and ONS populations into a workspace, reporting every value
 * added, changed (old and new) or unchanged. A count a locked (published) period published
 * (the locked-period rule, periods/locked.ts) that would change is a conflict, listed and left
 * as published.
 */
import type { ValueChange } from '../../../shared/api/types';
import type { Sqlite } from '../store/sqlite';
import { listAreas, storedPopulation, upsertPopulation } from '../areas';
import { addIndicator, addOutcome, listIndicators, listOutcomes } from '../indicators';
import { journalBefore, journalMany, type KnownJournalEntry } from './journal-repo';
import { monthlyValues, upsertObservations, type NewObservation } from '../values';
import { LockedPeriodRule } from '../periods';
import type { PoliceUkCount } from './policeuk';
import type { OnsPopulationRow } from './ons';

export interface AppliedValues {
  added: number;
  unchanged: number;
  changed: ValueChange[];
  conflicts: ValueChange[];
  created: string[];
}

/** The name of the count series for a police.uk crime type. */
export function crimeCountSeriesName(crimeType: string): string {
  return crimeType === 'All crime' ? 'Police recorded crime: all crime excluding anti-social behaviour (count)' : `Police recorded crime: ${crimeType} (count)`;
}

/** The outcome the rates of new police.uk series go under, when the workspace has none for them. */
export const POLICE_RATES_OUTCOME = 'Crime and anti-social behaviour (police.uk)';

/** The name of the rate per 1,000 Boardpack adds beside a new police.uk count series. */
export function crimeRateName(crimeType: string): string {
  if (crimeType === 'All crime') return 'All crime excluding anti-social behaviour rate (per 1,000 population)';
  if (crimeType === 'Anti-social behaviour') return 'Anti-social behaviour incidents rate (per 1,000 population)';
  return `${crimeType} rate (per 1,000 population)`;
}

/**
 * A count series the import created gets its rate per 1,000 on the dashboard (all crime first,
 * then anti-social behaviour, then the crime types A to Z), unless an indicator already derives
 * from it or has that name. A workspace that already has its series (the demo, one started with
 * another workspace's indicators) gets nothing new.
 */
function addRatesFor(db: Sqlite, created: ReadonlyMap<string, number>, result: AppliedValues): void {
  if (created.size === 0) return;
  const indicators = listIndicators(db, { includeArchived: true });
  const derivedFrom = new Set(indicators.map((i) => i.derivation?.fromIndicatorId).filter((id) => id !== undefined));
  const names = new Set(indicators.map((i) => i.name.toLowerCase()));
  const rank = (t: string) => (t === 'All crime' ? 0 : t === 'Anti-social behaviour' ? 1 : 2);
  const types = [...created.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  let outcomeId: number | null = null;
  for (const type of types) {
    const seriesId = created.get(type)!;
    const name = crimeRateName(type);
    if (derivedFrom.has(seriesId) || names.has(name.toLowerCase())) continue;
    outcomeId ??= listOutcomes(db, { includeArchived: true }).find((o) => o.title === POLICE_RATES_OUTCOME)?.id ?? addOutcome(db, { title: POLICE_RATES_OUTCOME });
    addIndicator(db, {
      outcomeId,
      name,
      unit: 'rate_per_1000',
      polarity: 'lower',
      decimals: 2,
      frequency: 'monthly',
      source: 'police.uk street-level crime; ONS mid-year population estimates',
      tolerancePercent: 5,
      derivation: { kind: 'rate_per_1000', fromIndicatorId: seriesId },
    });
    result.created.push(`the indicator "${name}"`);
  }
}

/** Rows stored between two calls of `pause` (a turn of the event loop when a slice's time is up). */
const ROWS_PER_STEP = 200;
const noPause = async (): Promise<void> => undefined;

/** `items` in steps of ROWS_PER_STEP, with `pause` awaited between them. */
async function inSteps<T>(items: readonly T[], pause: () => Promise<void>, write: (step: readonly T[]) => void): Promise<void> {
  for (let i = 0; i < items.length; i += ROWS_PER_STEP) {
    if (i > 0) await pause();
    write(items.slice(i, i + ROWS_PER_STEP));
  }
}

export async function applyPoliceCounts(db: Sqlite, counts: readonly PoliceUkCount[], importId: number, pause: () => Promise<void> = noPause): Promise<AppliedValues> {
  const result: AppliedValues = { added: 0, unchanged: 0, changed: [], conflicts: [], created: [] };
  const locked = LockedPeriodRule.of(db);
  const series = new Map(listIndicators(db, { includeArchived: true }).map((i) => [i.name, i.id]));
  const areaIds = new Map(listAreas(db).map((a) => [a.code, { id: a.id, name: a.name }]));
  const stored = new Map<string, number | null>();
  for (const r of monthlyValues(db)) stored.set(`${r.indicatorId}|${r.areaId}|${r.month}`, r.value);
  const writes: NewObservation[] = [];
  // Journalled together before the writes; a value the import adds was not there (no lookup).
  const journal: KnownJournalEntry[] = [];
  const createdSeries = new Map<string, number>();
  for (const c of counts) {
    const name = crimeCountSeriesName(c.crimeType);
    let seriesId = series.get(name);
    if (seriesId === undefined) {
      seriesId = addIndicator(db, { outcomeId: null, name, unit: 'count', polarity: 'lower', decimals: 0, frequency: 'monthly', source: 'police.uk street-level crime', tolerancePercent: 5 });
      series.set(name, seriesId);
      createdSeries.set(c.crimeType, seriesId);
      result.created.push(`the data series "${name}"`);
    }
    const area = areaIds.get(c.areaCode);
    if (!area) continue;
    const key = `${seriesId}|${area.id}|${c.month}`;
    const before = stored.get(key);
    const change = { indicator: `${name}, ${area.name}`, span: c.month, old: before === undefined ? 'none' : String(before), new: String(c.count) };
    if (before === c.count) {
      result.unchanged++;
      continue;
    }
    if (locked.protecting(seriesId, { last: c.month })) {
      result.conflicts.push(change);
      continue;
    }
    if (before === undefined) result.added++;
    else result.changed.push(change);
    journal.push({ table: 'observations', key: { indicator_id: seriesId, area_id: area.id, first_month: c.month, last_month: c.month }, previous: before === undefined ? null : undefined });
    writes.push({ indicatorId: seriesId, areaId: area.id, span: { first: c.month, last: c.month }, value: c.count, importId });
  }
  // The journal first (it keeps rows as they were), then the values, as before: same rows, same order.
  await inSteps(journal, pause, (step) => journalMany(db, importId, step));
  await inSteps(writes, pause, (step) => upsertObservations(db, step));
  addRatesFor(db, createdSeries, result);
  return result;
}

export async function applyPopulations(db: Sqlite, rows: readonly OnsPopulationRow[], importId: number, source: string, pause: () => Promise<void> = noPause): Promise<AppliedValues & { notInWorkspace: number }> {
  const result = { added: 0, unchanged: 0, changed: [] as ValueChange[], conflicts: [] as ValueChange[], created: [] as string[], notInWorkspace: 0 };
  // Looked up once: a national file names hundreds of areas the workspace does not have.
  const areas = new Map(listAreas(db).map((a) => [a.code, a]));
  for (const [i, row] of rows.entries()) {
    if (i > 0) await pause();
    const area = areas.get(row.code);
    if (!area) {
      result.notInWorkspace++;
      continue;
    }
    const before = storedPopulation(db, area.id, row.year);
    if (before?.count === row.population) {
      result.unchanged++;
      continue;
    }
    if (before) result.changed.push({ indicator: `Population, ${area.name}`, span: `mid-${row.year}`, old: String(before.count), new: String(row.population) });
    else result.added++;
    journalBefore(db, importId, 'populations', { area_id: area.id, year: row.year });
    upsertPopulation(db, { areaCode: area.code, year: row.year, count: row.population, source });
  }
  return result;
}
