/** Reporting periods ("2014/15 Q4") and the analyst's judgements for each. */
import type { IndicatorAssessment, OutcomeAssessment, ReportingPeriod } from '../../../shared/api/types';
import type { Direction, Month, Rag } from '../../../shared/domain/types';
import type { Sqlite } from '../store/sqlite';

interface PeriodRow {
  id: number;
  name: string;
  last_month: Month;
  title: string | null;
  locked: number;
}

const toPeriod = (r: PeriodRow): ReportingPeriod => ({ id: r.id, name: r.name, lastMonth: r.last_month, title: r.title, locked: r.locked === 1 });

export function listPeriods(db: Sqlite): ReportingPeriod[] {
  return db.all<PeriodRow>('SELECT * FROM reporting_periods ORDER BY last_month DESC, name').map(toPeriod);
}

export function periodByName(db: Sqlite, name: string): ReportingPeriod | undefined {
  const row = db.first<PeriodRow>('SELECT * FROM reporting_periods WHERE name = ?', [name]);
  return row && toPeriod(row);
}

export function addPeriod(db: Sqlite, p: { name: string; lastMonth: Month; title?: string | null; locked?: boolean }): number {
  return db.insert('INSERT INTO reporting_periods (name, last_month, title, locked) VALUES (?, ?, ?, ?)', [p.name, p.lastMonth, p.title ?? null, p.locked ? 1 : 0]);
}

export function outcomeAssessments(db: Sqlite, periodId: number): Map<number, OutcomeAssessment> {
  const rows = db.all<{ period_id: number; outcome_id: number; rag: Rag | null; comment: string }>('SELECT * FROM outcome_assessments WHERE period_id = ?', [periodId]);
  return new Map(rows.map((r) => [r.outcome_id, { periodId: r.period_id, outcomeId: r.outcome_id, rag: r.rag, comment: r.comment }]));
}

export function setOutcomeAssessment(db: Sqlite, a: OutcomeAssessment): void {
  db.run(
    `INSERT INTO outcome_assessments (period_id, outcome_id, rag, comment) VALUES (?, ?, ?, ?)
     ON CONFLICT (period_id, outcome_id) DO UPDATE SET rag = excluded.rag, comment = excluded.comment`,
    [a.periodId, a.outcomeId, a.rag, a.comment],
  );
}

interface IndicatorAssessmentRow {
  period_id: number;
  indicator_id: number;
  direction: Direction | null;
  direction_reason: string;
  rag: Rag | null;
  rag_reason: string;
  county_comparison: string | null;
  county_reason: string;
  district_comparison: string;
}

export function indicatorAssessments(db: Sqlite, periodId: number): Map<number, IndicatorAssessment> {
  const rows = db.all<IndicatorAssessmentRow>('SELECT * FROM indicator_assessments WHERE period_id = ?', [periodId]);
  return new Map(
    rows.map((r) => [
      r.indicator_id,
      {
        periodId: r.period_id,
        indicatorId: r.indicator_id,
        direction: r.direction,
        directionReason: r.direction_reason,
        rag: r.rag,
        ragReason: r.rag_reason,
        countyComparison: r.county_comparison,
        countyReason: r.county_reason,
        districtComparison: r.district_comparison,
      },
    ]),
  );
}

export function setIndicatorAssessment(db: Sqlite, a: IndicatorAssessment): void {
  db.run(
    `INSERT INTO indicator_assessments (period_id, indicator_id, direction, direction_reason, rag, rag_reason, county_comparison, county_reason, district_comparison)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (period_id, indicator_id) DO UPDATE SET direction = excluded.direction, direction_reason = excluded.direction_reason,
       rag = excluded.rag, rag_reason = excluded.rag_reason, county_comparison = excluded.county_comparison,
       county_reason = excluded.county_reason, district_comparison = excluded.district_comparison`,
    [a.periodId, a.indicatorId, a.direction, a.directionReason, a.rag, a.ragReason, a.countyComparison, a.countyReason, a.districtComparison],
  );
}

export function countIndicatorsAssessed(db: Sqlite, periodId: number): number {
  return db.first<{ n: number }>('SELECT count(*) AS n FROM indicator_assessments WHERE period_id = ?', [periodId])?.n ?? 0;
}

export function setPeriodTitle(db: Sqlite, periodId: number, title: string | null): void {
  db.run('UPDATE reporting_periods SET title = ? WHERE id = ?', [title, periodId]);
}

/** Locked (published) periods, the latest last month first: what the locked-period rule reads (locked.ts). */
export function lockedPeriodsNewestFirst(db: Sqlite): Array<{ id: number; name: string; lastMonth: Month }> {
  return db.all<{ id: number; name: string; lastMonth: Month }>('SELECT id, name, last_month AS lastMonth FROM reporting_periods WHERE locked = 1 ORDER BY last_month DESC, id');
}

/** The appendix a period was published with (JSON), when Boardpack published it. */
export function publishedSnapshotText(db: Sqlite, periodId: number): string | null {
  return db.first<{ value: string }>('SELECT value FROM meta WHERE key = ?', [`published_appendix:${periodId}`])?.value ?? null;
}

/** The indicators a period holds judgements for. */
export function judgedIndicators(db: Sqlite, periodId: number): number[] {
  return db.all<{ id: number }>('SELECT indicator_id AS id FROM indicator_assessments WHERE period_id = ?', [periodId]).map((r) => r.id);
}

/** The indicators of the appendix's outcomes (not archived). */
export function indicatorsInOutcomes(db: Sqlite): number[] {
  return db.all<{ id: number }>('SELECT id FROM indicators WHERE outcome_id IS NOT NULL AND archived = 0').map((r) => r.id);
}

/** Each indicator and the one it is derived from (null when it is not derived). */
export function derivationSources(db: Sqlite): Map<number, number | null> {
  return new Map(db.all<{ id: number; source: number | null }>('SELECT id, derived_from_id AS source FROM indicators').map((r) => [r.id, r.source]));
}

export function setPeriodLocked(db: Sqlite, periodId: number, locked: boolean): void {
  db.run('UPDATE reporting_periods SET locked = ? WHERE id = ?', [locked ? 1 : 0, periodId]);
}
