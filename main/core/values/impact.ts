/**
 * What a changed definition does to the appendix, said before it is saved: "Changing decimals
 * from 2 to 1 changes how 2024/25 Q3 prints: latest 6.35 becomes 6.4."
 *
 * Open periods are compared for real: the change is applied inside a transaction that is
 * always rolled back, and each period's appendix is built before and after. Locked periods
 * keep their published snapshot, so for them the sentence says so instead.
 */
import type { Indicator } from '../../../shared/api/types';
import type { AppendixIndicatorRow } from '../../../shared/domain/appendix';
import { DEFINITION_FIELD_NAMES, MEASURE_TYPE_NAMES, type DefinitionField } from '../../../shared/domain/definition-words';
import { DIRECTION_WORDS, NO_JUDGEMENT, POLARITY_NAMES, RAG_WORDS, UNIT_NAMES } from '../../../shared/domain/vocabulary';
import { buildAppendix } from '../dashboard';
import type { Sqlite } from '../store/sqlite';
import { listOutcomes, updateIndicator, type IndicatorDefinition } from '../indicators';
import { listPeriods } from '../periods';

/** Properties that change what the appendix prints or suggests. */
const PRINTED: readonly DefinitionField[] = ['name', 'outcomeId', 'unit', 'measureType', 'polarity', 'decimals', 'target', 'tolerancePercent', 'comparatorGroup', 'footnote'];

class RollBack extends Error {}

function describe(db: Sqlite, field: DefinitionField, value: unknown): string {
  if (value === null || value === '') return 'none';
  if (field === 'unit') return UNIT_NAMES[value as Indicator['unit']];
  if (field === 'polarity') return POLARITY_NAMES[value as Indicator['polarity']];
  if (field === 'measureType') return MEASURE_TYPE_NAMES[value as Indicator['measureType']];
  if (field === 'tolerancePercent') return `${String(value)}%`;
  if (field === 'outcomeId') return `"${listOutcomes(db, { includeArchived: true }).find((o) => o.id === value)?.title ?? value}"`;
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}

/** The changed properties, in words: "decimals from 2 to 1". */
export function changedFields(db: Sqlite, before: Indicator, after: IndicatorDefinition): Array<{ field: DefinitionField; words: string }> {
  const changed: Array<{ field: DefinitionField; words: string }> = [];
  for (const field of Object.keys(DEFINITION_FIELD_NAMES) as DefinitionField[]) {
    const old = before[field] ?? null;
    const next = (after[field] ?? null) as unknown;
    if (old === next || (old === '' && next === null)) continue;
    changed.push({ field, words: `${DEFINITION_FIELD_NAMES[field]} from ${describe(db, field, old)} to ${describe(db, field, next)}` });
  }
  return changed;
}

function rowOf(db: Sqlite, periodId: number, indicatorId: number): AppendixIndicatorRow | undefined {
  const period = listPeriods(db).find((p) => p.id === periodId);
  if (!period) return undefined;
  return buildAppendix(db, period).outcomes.flatMap((o) => o.indicators).find((r) => r.indicatorId === indicatorId);
}

function differences(before: AppendixIndicatorRow | undefined, after: AppendixIndicatorRow | undefined): string[] {
  if (!before && !after) return [];
  if (!before) return ['the indicator joins it'];
  if (!after) return ['the indicator leaves it'];
  const out: string[] = [];
  if (before.name !== after.name) out.push(`its name becomes "${after.name}"`);
  if (before.previous.text !== after.previous.text) out.push(`previous year ${before.previous.text} becomes ${after.previous.text}`);
  if (before.latest.text !== after.latest.text) out.push(`latest ${before.latest.text} becomes ${after.latest.text}`);
  if (before.direction.shown !== after.direction.shown) {
    const word = (d: AppendixIndicatorRow['direction']['shown']) => (d ? DIRECTION_WORDS[d] : NO_JUDGEMENT);
    out.push(`direction of travel ${word(before.direction.shown)} becomes ${word(after.direction.shown)}`);
  }
  if (before.progress.shown !== after.progress.shown) {
    const rag = (r: AppendixIndicatorRow['progress']['shown']) => (r ? RAG_WORDS[r] : 'blank');
    out.push(`progress ${rag(before.progress.shown)} becomes ${rag(after.progress.shown)}`);
  }
  if (before.countyComparison.shown !== after.countyComparison.shown) out.push(`county comparison ${before.countyComparison.shown ?? '-'} becomes ${after.countyComparison.shown ?? '-'}`);
  return out;
}

/** Sentences for every reporting period the change would print differently (or would have, if it were open). */
export function definitionImpacts(db: Sqlite, before: Indicator, after: IndicatorDefinition): string[] {
  const printed = changedFields(db, before, after).filter((c) => PRINTED.includes(c.field));
  if (printed.length === 0) return [];
  const lead = `Changing the ${printed.map((c) => c.words).join(', and the ')}`;
  const periods = listPeriods(db);
  const beforeRows = new Map(periods.map((p) => [p.id, rowOf(db, p.id, before.id)]));
  const afterRows = new Map<number, AppendixIndicatorRow | undefined>();
  try {
    db.transaction(() => {
      updateIndicator(db, before.id, { ...after, order: before.order });
      for (const p of periods) if (!p.locked) afterRows.set(p.id, rowOf(db, p.id, before.id));
      throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  const sentences: string[] = [];
  for (const p of periods) {
    if (p.locked) {
      if (beforeRows.get(p.id)) sentences.push(`${lead} changes how ${p.name} prints; that period is locked and keeps its published figures.`);
      continue;
    }
    const diff = differences(beforeRows.get(p.id), afterRows.get(p.id));
    if (diff.length > 0) sentences.push(`${lead} changes how ${p.name} prints: ${diff.join('; ')}.`);
  }
  return sentences;
}
