/**
 * The words for editing an indicator's definition, shared by the core and the screens. The
 * unit and polarity words themselves are in vocabulary.ts (UNIT_NAMES, POLARITY_NAMES).
 */

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
