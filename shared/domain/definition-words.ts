/**
 * The words and rules for editing an indicator's definition, shared by the core and the
 * screens. The unit and polarity words themselves are in vocabulary.ts (UNIT_NAMES, POLARITY_NAMES).
 */
import type { MeasureType, Unit } from './types';

export const MEASURE_TYPE_NAMES: Record<MeasureType, string> = {
  flow: 'count of events',
  stock: 'count at a date',
  rate: 'rate',
  percentage: 'percentage',
  score: 'score',
};

/** The measure types each unit allows (a rate per 1,000 is a rate; a count is of events or at a date). */
export const MEASURE_TYPES_OF: Record<Unit, readonly MeasureType[]> = {
  count: ['flow', 'stock'],
  rate_per_1000: ['rate'],
  percent: ['percentage'],
  ratio: ['rate', 'score'],
};

/** Which measure types Boardpack may add up over months (rolling 12 months, a year from its months). */
export function sumsOverTime(type: MeasureType): boolean {
  return type === 'flow';
}

/**
 * A measure type guessed from the unit and the name, with the reason. A count is of events
 * (crimes, referrals) unless its name says it is held at a date: "claimant count", "as at",
 * "on the register", "caseload", "population", "number of looked after children".
 */
export function guessMeasureType(name: string, unit: Unit): { type: MeasureType; reason: string } {
  if (unit === 'rate_per_1000') return { type: 'rate', reason: 'its unit is a rate per 1,000' };
  if (unit === 'percent') return { type: 'percentage', reason: 'its unit is a percentage' };
  if (unit === 'ratio') return /\brate\b|\bper\b/i.test(name) ? { type: 'rate', reason: 'its name says it is a rate' } : { type: 'score', reason: 'it is a ratio or other figure' };
  const stock = /\b(claimants?|claimant count|as at|at (the )?(end|start) of|at 31|on the register|caseload|open cases|population|looked after|stock|snapshot|number on|in receipt of|in temporary accommodation|vacant)\b/i.exec(name);
  if (stock) return { type: 'stock', reason: `its name says it is held at a date ("${stock[0]}"): months are never added up` };
  return { type: 'flow', reason: 'a count of events: months add up to longer spans' };
}

/** Frequencies offered when editing; any other text is kept as written. */
export const COMMON_FREQUENCIES = ['monthly', 'quarterly', 'annual', 'survey wave'] as const;

/** The words for each editable property, as a sentence names it ("Changing the decimals..."). */
export const DEFINITION_FIELD_NAMES = {
  name: 'name',
  outcomeId: 'outcome',
  unit: 'unit',
  measureType: 'measure type',
  polarity: 'polarity',
  decimals: 'decimals',
  frequency: 'frequency',
  source: 'source',
  target: 'target',
  tolerancePercent: 'tolerance',
  comparatorGroup: 'comparator group',
  notes: 'notes',
  footnote: 'footnote',
} as const;

export type DefinitionField = keyof typeof DEFINITION_FIELD_NAMES;
