/** The words an analyst uses for an indicator's definition, shared by the core and the screens. */
import type { Polarity, Unit } from './types';

export const UNIT_NAMES: Record<Unit, string> = {
  count: 'count',
  rate_per_1000: 'rate per 1,000 population',
  percent: 'percentage',
  ratio: 'ratio',
};

export const POLARITY_NAMES: Record<Polarity, string> = {
  lower: 'lower is better',
  higher: 'higher is better',
  none: 'no judgement',
};

/** Frequencies offered when editing; any other text is kept as written. */
export const COMMON_FREQUENCIES = ['monthly', 'quarterly', 'annual', 'survey wave'] as const;

/** The words for each editable property, as a sentence names it ("Changing the decimals..."). */
export const DEFINITION_FIELD_NAMES = {
  name: 'name',
  outcomeId: 'outcome',
  unit: 'unit',
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
