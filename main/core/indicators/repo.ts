/** Outcomes (board priorities) and their indicators. */
import type { Indicator, Outcome } from '../../../shared/api/types';
import type { MeasureType, Polarity, Unit } from '../../../shared/domain/types';
import { guessMeasureType } from '../../../shared/domain/definition-words';
import type { Sqlite } from '../store/sqlite';

interface OutcomeRow {
  id: number;
  title: string;
  short_title: string;
  sort_order: number;
  archived: number;
}

interface IndicatorRow {
  id: number;
  outcome_id: number | null;
  name: string;
  unit: Unit;
  measure_type: MeasureType;
  polarity: Polarity;
  decimals: number;
  frequency: string;
  source: string;
  target: number | null;
  tolerance_percent: number | null;
  comparator_group: string;
  notes: string;
  footnote: string;
  sort_order: number;
  archived: number;
  derivation: 'rate_per_1000' | null;
  derived_from_id: number | null;
}

const toOutcome = (r: OutcomeRow): Outcome => ({ id: r.id, title: r.title, shortTitle: r.short_title, order: r.sort_order, archived: r.archived === 1 });

const toIndicator = (r: IndicatorRow): Indicator => ({
  id: r.id,
  outcomeId: r.outcome_id,
  name: r.name,
  unit: r.unit,
  measureType: r.measure_type,
  polarity: r.polarity,
  decimals: r.decimals,
  frequency: r.frequency,
  source: r.source,
  target: r.target,
  tolerancePercent: r.tolerance_percent,
  comparatorGroup: r.comparator_group,
  notes: r.notes,
  footnote: r.footnote,
  order: r.sort_order,
  archived: r.archived === 1,
  derivation: r.derivation && r.derived_from_id !== null ? { kind: r.derivation, fromIndicatorId: r.derived_from_id } : null,
});

export function listOutcomes(db: Sqlite, opts: { includeArchived?: boolean } = {}): Outcome[] {
  const where = opts.includeArchived ? '' : 'WHERE archived = 0';
  return db.all<OutcomeRow>(`SELECT * FROM outcomes ${where} ORDER BY sort_order, id`).map(toOutcome);
}

export function listIndicators(db: Sqlite, opts: { includeArchived?: boolean } = {}): Indicator[] {
  const where = opts.includeArchived ? '' : 'WHERE archived = 0';
  return db.all<IndicatorRow>(`SELECT * FROM indicators ${where} ORDER BY sort_order, id`).map(toIndicator);
}

export function indicatorById(db: Sqlite, id: number): Indicator | undefined {
  const row = db.first<IndicatorRow>('SELECT * FROM indicators WHERE id = ?', [id]);
  return row && toIndicator(row);
}

/** Finds an indicator by exact name, else by a case-insensitive name, else by a unique part of it. */
export function findIndicator(db: Sqlite, text: string): Indicator | Indicator[] | undefined {
  const wanted = text.trim();
  const exact = db.first<IndicatorRow>('SELECT * FROM indicators WHERE name = ? OR lower(name) = lower(?)', [wanted, wanted]);
  if (exact) return toIndicator(exact);
  const like = db.all<IndicatorRow>("SELECT * FROM indicators WHERE instr(lower(name), lower(?)) > 0 ORDER BY sort_order", [wanted]).map(toIndicator);
  if (like.length === 1) return like[0];
  return like.length > 1 ? like : undefined;
}

export function addOutcome(db: Sqlite, o: { title: string; shortTitle?: string; order?: number }): number {
  const order = o.order ?? (db.first<{ n: number }>('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM outcomes')?.n ?? 1);
  return db.insert('INSERT INTO outcomes (title, short_title, sort_order) VALUES (?, ?, ?)', [o.title, o.shortTitle ?? '', order]);
}

export interface NewIndicator {
  outcomeId: number | null;
  name: string;
  unit: Unit;
  /** Guessed from the unit and name when not given (guessMeasureType). */
  measureType?: MeasureType;
  polarity: Polarity;
  decimals: number;
  frequency?: string;
  source?: string;
  target?: number | null;
  tolerancePercent?: number | null;
  comparatorGroup?: string;
  notes?: string;
  footnote?: string;
  order?: number;
  derivation?: { kind: 'rate_per_1000'; fromIndicatorId: number } | null;
}

export function addIndicator(db: Sqlite, i: NewIndicator): number {
  const order = i.order ?? (db.first<{ n: number }>('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM indicators')?.n ?? 1);
  return db.insert(
    `INSERT INTO indicators (outcome_id, name, unit, measure_type, polarity, decimals, frequency, source, target, tolerance_percent,
       comparator_group, notes, footnote, sort_order, derivation, derived_from_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      i.outcomeId,
      i.name,
      i.unit,
      i.measureType ?? guessMeasureType(i.name, i.unit).type,
      i.polarity,
      i.decimals,
      i.frequency ?? '',
      i.source ?? '',
      i.target ?? null,
      i.tolerancePercent ?? null,
      i.comparatorGroup ?? '',
      i.notes ?? '',
      i.footnote ?? '',
      order,
      i.derivation?.kind ?? null,
      i.derivation?.fromIndicatorId ?? null,
    ],
  );
}

export function outcomeById(db: Sqlite, id: number): Outcome | undefined {
  const row = db.first<OutcomeRow>('SELECT * FROM outcomes WHERE id = ?', [id]);
  return row && toOutcome(row);
}

export function updateOutcome(db: Sqlite, id: number, o: { title: string; shortTitle: string }): void {
  db.run('UPDATE outcomes SET title = ?, short_title = ? WHERE id = ?', [o.title, o.shortTitle, id]);
}

/** The editable definition; derivation and sort order are kept. */
export type IndicatorDefinition = Omit<NewIndicator, 'order' | 'derivation'>;

export function updateIndicator(db: Sqlite, id: number, i: IndicatorDefinition & { order: number }): void {
  db.run(
    `UPDATE indicators SET outcome_id = ?, name = ?, unit = ?, measure_type = coalesce(?, measure_type), polarity = ?, decimals = ?, frequency = ?, source = ?, target = ?,
       tolerance_percent = ?, comparator_group = ?, notes = ?, footnote = ?, sort_order = ? WHERE id = ?`,
    [i.outcomeId, i.name, i.unit, i.measureType ?? null, i.polarity, i.decimals, i.frequency ?? '', i.source ?? '', i.target ?? null, i.tolerancePercent ?? null, i.comparatorGroup ?? '', i.notes ?? '', i.footnote ?? '', i.order, id],
  );
}

export function setArchived(db: Sqlite, table: 'outcomes' | 'indicators', id: number, archived: boolean): void {
  db.run(`UPDATE ${table} SET archived = ? WHERE id = ?`, [archived ? 1 : 0, id]);
}

export function setSortOrder(db: Sqlite, table: 'outcomes' | 'indicators', id: number, order: number): void {
  db.run(`UPDATE ${table} SET sort_order = ? WHERE id = ?`, [order, id]);
}

export function nextSortOrder(db: Sqlite, table: 'outcomes' | 'indicators'): number {
  return db.first<{ n: number }>(`SELECT coalesce(max(sort_order), 0) + 1 AS n FROM ${table}`)?.n ?? 1;
}

/** Makes an indicator a rate per 1,000 derived from a count series. */
export function setDerivedRate(db: Sqlite, indicatorId: number, fromIndicatorId: number): void {
  db.run("UPDATE indicators SET derivation = 'rate_per_1000', derived_from_id = ? WHERE id = ?", [fromIndicatorId, indicatorId]);
}
