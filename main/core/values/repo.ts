/** Stored values: one per indicator, area and span (first month to last month). */
import type { Month, Span } from '../../../shared/domain/types';
import type { Sqlite } from '../store/sqlite';

export interface Observation {
  id: number;
  indicatorId: number;
  areaId: number;
  span: Span;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** The label printed beside the value when it covers another span, e.g. "Q3 2014-15". */
  label: string | null;
  footnoteMarker: string | null;
  missing: 'NA' | '-' | null;
  note: string;
  importId: number | null;
}

interface ObservationRow {
  id: number;
  indicator_id: number;
  area_id: number;
  first_month: Month;
  last_month: Month;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  label: string | null;
  footnote_marker: string | null;
  missing: 'NA' | '-' | null;
  note: string;
  import_id: number | null;
}

const toObservation = (r: ObservationRow): Observation => ({
  id: r.id,
  indicatorId: r.indicator_id,
  areaId: r.area_id,
  span: { first: r.first_month, last: r.last_month },
  value: r.value,
  numerator: r.numerator,
  denominator: r.denominator,
  label: r.label,
  footnoteMarker: r.footnote_marker,
  missing: r.missing,
  note: r.note,
  importId: r.import_id,
});

export type NewObservation = Omit<Observation, 'id' | 'note' | 'importId' | 'label' | 'footnoteMarker' | 'missing' | 'numerator' | 'denominator'> &
  Partial<Pick<Observation, 'note' | 'importId' | 'label' | 'footnoteMarker' | 'missing' | 'numerator' | 'denominator'>>;

const UPSERT = `
  INSERT INTO observations (indicator_id, area_id, first_month, last_month, value, numerator, denominator, label, footnote_marker, missing, note, import_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (indicator_id, area_id, first_month, last_month) DO UPDATE SET
    value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator, label = excluded.label,
    footnote_marker = excluded.footnote_marker, missing = excluded.missing, note = excluded.note, import_id = excluded.import_id`;

function params(o: NewObservation): Array<string | number | null> {
  return [
    o.indicatorId,
    o.areaId,
    o.span.first,
    o.span.last,
    o.value,
    o.numerator ?? null,
    o.denominator ?? null,
    o.label ?? null,
    o.footnoteMarker ?? null,
    o.value === null ? (o.missing ?? 'NA') : null,
    o.note ?? '',
    o.importId ?? null,
  ];
}

export function upsertObservations(db: Sqlite, observations: Iterable<NewObservation>): number {
  return db.many(UPSERT, (function* () {
    for (const o of observations) yield params(o);
  })());
}

export function observationsOf(db: Sqlite, indicatorId: number, areaId: number): Observation[] {
  return db
    .all<ObservationRow>('SELECT * FROM observations WHERE indicator_id = ? AND area_id = ? ORDER BY last_month, first_month', [indicatorId, areaId])
    .map(toObservation);
}

export function observationsOfIndicator(db: Sqlite, indicatorId: number): Observation[] {
  return db.all<ObservationRow>('SELECT * FROM observations WHERE indicator_id = ? ORDER BY area_id, last_month, first_month', [indicatorId]).map(toObservation);
}

export function countObservations(db: Sqlite): number {
  return db.first<{ n: number }>('SELECT count(*) AS n FROM observations')?.n ?? 0;
}

/** The stored value of one cell (indicator, area, span), if there is one. */
export function storedObservation(db: Sqlite, indicatorId: number, areaId: number, span: Span): Observation | undefined {
  const row = db.first<ObservationRow>('SELECT * FROM observations WHERE indicator_id = ? AND area_id = ? AND first_month = ? AND last_month = ?', [indicatorId, areaId, span.first, span.last]);
  return row && toObservation(row);
}

export function deleteObservation(db: Sqlite, id: number): void {
  db.run('DELETE FROM observations WHERE id = ?', [id]);
}

/** Every stored single-month value: what a police.uk import compares its counts with. */
export function monthlyValues(db: Sqlite): Array<{ indicatorId: number; areaId: number; month: Month; value: number | null }> {
  return db.all<{ indicatorId: number; areaId: number; month: Month; value: number | null }>(
    'SELECT indicator_id AS indicatorId, area_id AS areaId, first_month AS month, value FROM observations WHERE first_month = last_month',
  );
}
