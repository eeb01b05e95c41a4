/**
 * Puts a read appendix table into a workspace as one reporting period: outcomes and
 * indicators (matched by name, created when new), the previous and latest values with their
 * labels and footnote markers, and the published judgements (arrows, RAGs, comparisons,
 * comments) as the analyst's choices, so the period prints exactly as published.
 *
 * The locked-period rule (periods/locked.ts) decides what it may not change: a locked period
 * is refused whole, and a value another locked period published is left as published and
 * listed as a conflict.
 */
import type { Polarity, Unit } from '../../../shared/domain/types';
import type { ValueChange } from '../../../shared/api/types';
import type { Sqlite } from '../store/sqlite';
import { addIndicator, addOutcome, listIndicators, listOutcomes } from '../indicators';
import { observationsOf, upsertObservations } from '../values';
import { journalBefore, type JournalTable } from './journal-repo';
import { addPeriod, periodByName, setIndicatorAssessment, setOutcomeAssessment } from '../periods';
import type { AppendixTable } from './appendix';
import { AnalystError } from '../errors';
import { LockedPeriodRule } from '../periods';

/** What the table cannot say about an indicator (unit, polarity, tolerance...), by name. */
export interface IndicatorDefinition {
  name: string;
  unit: Unit;
  polarity: Polarity;
  decimals: number;
  tolerancePercent?: number | null;
  source?: string;
  frequency?: string;
  footnote?: string;
  directionOverride?: { direction: string; reason: string };
}


export interface ApplyAppendixResult {
  periodId: number;
  periodCreated: boolean;
  outcomesCreated: number;
  indicatorsCreated: number;
  added: number;
  changed: ValueChange[];
  unchanged: number;
  /** Values another locked period published, which the table would change: left as published. */
  conflicts: ValueChange[];
}

/** Thrown when the table would change a published (locked) period: nothing is changed. */
export class LockedPeriodError extends AnalystError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'LockedPeriodError';
  }
}

/** How a stored value reads, for change reports: "1,259*" style without the formatting rules. */
function describe(o: { value: number | null; label: string | null; footnoteMarker: string | null; missing: string | null }): string {
  const v = o.value === null ? (o.missing ?? 'NA') : String(o.value);
  return `${v}${o.footnoteMarker ?? ''}${o.label ? ` (${o.label})` : ''}`;
}

/** Guesses what a new indicator is from its name and values ("rate (per 1,000", "%", "Number of"). */
export function guessDefinition(name: string, sample: { percent: boolean; decimals: number }): IndicatorDefinition {
  const unit: Unit = sample.percent || name.trim().startsWith('%') ? 'percent' : /per 1,?000/i.test(name) ? 'rate_per_1000' : /^number of/i.test(name) ? 'count' : 'ratio';
  return { name, unit, polarity: 'none', decimals: sample.decimals, tolerancePercent: 5 };
}

export function applyAppendixTable(
  db: Sqlite,
  table: AppendixTable,
  options: { areaId: number; definitions?: readonly IndicatorDefinition[]; importId?: number | null; reasonPrefix?: string; lock?: boolean },
): ApplyAppendixResult {
  const existing = periodByName(db, table.periodName);
  const locked = LockedPeriodRule.of(db);
  if (existing?.locked || locked.lockedPeriod(table.periodName)) {
    throw new LockedPeriodError(
      `The reporting period "${table.periodName}" is locked (published): its figures and judgements stay as published, so nothing was imported. Unlock it first if the published appendix itself must change.`,
    );
  }
  const importId = options.importId ?? null;
  const journal = (t: JournalTable, key: Record<string, string | number>) => {
    if (importId !== null) journalBefore(db, importId, t, key);
  };
  if (!existing) journal('reporting_periods', { name: table.periodName });
  const periodId = existing?.id ?? addPeriod(db, { name: table.periodName, lastMonth: table.lastMonth, locked: options.lock ?? false });
  const definitions = new Map((options.definitions ?? []).map((d) => [d.name.toLowerCase(), d]));
  const outcomes = new Map(listOutcomes(db, { includeArchived: true }).map((o) => [o.title.toLowerCase(), o.id]));
  const indicators = new Map(listIndicators(db, { includeArchived: true }).map((i) => [i.name.toLowerCase(), i]));
  const reason = options.reasonPrefix ?? 'As published';
  let outcomesCreated = 0;
  let indicatorsCreated = 0;
  let added = 0;
  let unchanged = 0;
  const changed: ValueChange[] = [];
  const conflicts: ValueChange[] = [];

  for (const block of table.outcomes) {
    let outcomeId = outcomes.get(block.title.toLowerCase());
    if (outcomeId === undefined) {
      outcomeId = addOutcome(db, { title: block.title });
      outcomes.set(block.title.toLowerCase(), outcomeId);
      outcomesCreated++;
    }
    journal('outcome_assessments', { period_id: periodId, outcome_id: outcomeId });
    setOutcomeAssessment(db, { periodId, outcomeId, rag: block.rag, comment: block.comment });

    for (const entry of block.indicators) {
      let indicator = indicators.get(entry.name.toLowerCase());
      const definition = definitions.get(entry.name.toLowerCase()) ?? guessDefinition(entry.name, entry.latest.value !== null ? entry.latest : entry.previous);
      if (!indicator) {
        const id = addIndicator(db, {
          outcomeId,
          name: entry.name,
          unit: definition.unit,
          polarity: definition.polarity,
          decimals: definition.decimals,
          tolerancePercent: definition.tolerancePercent ?? null,
          source: definition.source ?? '',
          frequency: definition.frequency ?? '',
          footnote: definition.footnote ?? '',
        });
        indicatorsCreated++;
        indicator = listIndicators(db, { includeArchived: true }).find((i) => i.id === id)!;
        indicators.set(entry.name.toLowerCase(), indicator);
      }
      const stored = observationsOf(db, indicator.id, options.areaId);
      const cells = [entry.previous, entry.latest].filter((cell) => {
        const before = stored.find((o) => o.span.first === cell.span.first && o.span.last === cell.span.last);
        const after = describe({ value: cell.value, label: cell.label, footnoteMarker: cell.footnoteMarker, missing: cell.missing });
        const change = { indicator: entry.name, span: `${cell.span.first} to ${cell.span.last}`, old: before ? describe(before) : 'none', new: after };
        if (before && describe(before) === after) {
          unchanged++;
          return true;
        }
        if (locked.protecting(indicator.id, cell.span)) {
          conflicts.push(change);
          return false;
        }
        if (!before) added++;
        else changed.push(change);
        return true;
      });
      for (const cell of cells) {
        journal('observations', { indicator_id: indicator.id, area_id: options.areaId, first_month: cell.span.first, last_month: cell.span.last });
      }
      upsertObservations(
        db,
        cells.map((cell) => ({
          indicatorId: indicator.id,
          areaId: options.areaId,
          span: cell.span,
          value: cell.value,
          missing: cell.missing,
          label: cell.label,
          footnoteMarker: cell.footnoteMarker,
          importId,
        })),
      );
      const override = definition.directionOverride;
      journal('indicator_assessments', { period_id: periodId, indicator_id: indicator.id });
      setIndicatorAssessment(db, {
        periodId,
        indicatorId: indicator.id,
        direction: entry.direction,
        directionReason: override && override.direction === entry.direction ? override.reason : reason,
        rag: entry.progress,
        ragReason: reason,
        countyComparison: entry.countyComparison || '-',
        countyReason: reason,
        districtComparison: entry.districtComparison,
      });
    }
  }
  return { periodId, periodCreated: !existing, outcomesCreated, indicatorsCreated, added, changed, unchanged, conflicts };
}
