/**
 * Puts a read appendix table into a workspace as one reporting period: outcomes and
 * indicators (matched by name, created when new), the previous and latest values with their
 * labels and footnote markers, and the published judgements (arrows, RAGs, comparisons,
 * comments) as the analyst's choices, so the period prints exactly as published.
 */
import type { Polarity, Unit } from '../../../shared/domain/types';
import type { Sqlite } from '../store/sqlite';
import { addIndicator, addOutcome, listIndicators, listOutcomes } from '../store/repo/indicators';
import { upsertObservations } from '../store/repo/observations';
import { addPeriod, periodByName, setIndicatorAssessment, setOutcomeAssessment } from '../store/repo/periods';
import type { AppendixTable } from './appendix';

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
  outcomesCreated: number;
  indicatorsCreated: number;
  values: number;
}

/** Guesses what a new indicator is from its name and values ("rate (per 1,000", "%", "Number of"). */
export function guessDefinition(name: string, sample: { percent: boolean; decimals: number }): IndicatorDefinition {
  const unit: Unit = sample.percent || name.trim().startsWith('%') ? 'percent' : /per 1,?000/i.test(name) ? 'rate_per_1000' : /^number of/i.test(name) ? 'count' : 'ratio';
  return { name, unit, polarity: 'none', decimals: sample.decimals, tolerancePercent: 5 };
}

export function applyAppendixTable(
  db: Sqlite,
  table: AppendixTable,
  options: { areaId: number; definitions?: readonly IndicatorDefinition[]; importId?: number | null; reasonPrefix?: string },
): ApplyAppendixResult {
  if (periodByName(db, table.periodName)) {
    throw new Error(`The workspace already has a reporting period "${table.periodName}".`);
  }
  const periodId = addPeriod(db, { name: table.periodName, lastMonth: table.lastMonth, locked: true });
  const definitions = new Map((options.definitions ?? []).map((d) => [d.name.toLowerCase(), d]));
  const outcomes = new Map(listOutcomes(db, { includeArchived: true }).map((o) => [o.title.toLowerCase(), o.id]));
  const indicators = new Map(listIndicators(db, { includeArchived: true }).map((i) => [i.name.toLowerCase(), i]));
  const reason = options.reasonPrefix ?? 'As published';
  let outcomesCreated = 0;
  let indicatorsCreated = 0;
  let values = 0;

  for (const block of table.outcomes) {
    let outcomeId = outcomes.get(block.title.toLowerCase());
    if (outcomeId === undefined) {
      outcomeId = addOutcome(db, { title: block.title });
      outcomes.set(block.title.toLowerCase(), outcomeId);
      outcomesCreated++;
    }
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
      const cells = [entry.previous, entry.latest];
      values += upsertObservations(
        db,
        cells.map((cell) => ({
          indicatorId: indicator.id,
          areaId: options.areaId,
          span: cell.span,
          value: cell.value,
          missing: cell.missing,
          label: cell.label,
          footnoteMarker: cell.footnoteMarker,
          importId: options.importId ?? null,
        })),
      );
      const override = definition.directionOverride;
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
  return { periodId, outcomesCreated, indicatorsCreated, values };
}
