/**
 * The Indicators page's methods: definitions (outcomes and indicators) and the values grid.
 * Spread into the contract's argumentSchemas; the messages are shown beside the field they
 * name, so they are written for the analyst.
 */
import * as z from 'zod';
import type { Indicator, Outcome } from './types';
import type { DefinitionSaved, IndicatorCatalogue, ValueHistory, ValuesGrid, ValuesSetResult } from './editing-types';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month written YYYY-MM, e.g. 2024-06');
const id = z.number().int().positive();
const ids = z.array(id).min(1, 'at least one item').max(2000);
const finite = (what: string) => z.number({ error: `a number for the ${what}` }).refine(Number.isFinite, `a number for the ${what}`);

const outcome = z
  .object({
    id: id.optional(),
    title: z.string().trim().min(1, 'Give the outcome a title').max(1000, 'An outcome title of at most 1,000 characters'),
    shortTitle: z.string().trim().max(100, 'A short title of at most 100 characters'),
  })
  .strict();

const indicator = z
  .object({
    id: id.optional(),
    /** null: a data series other indicators derive from, not printed in the appendix. */
    outcomeId: id.nullable(),
    name: z.string().trim().min(1, 'Give the indicator a name').max(300, 'A name of at most 300 characters'),
    unit: z.enum(['count', 'rate_per_1000', 'percent', 'ratio'], 'a unit: count, rate per 1,000, percentage or ratio'),
    /** Kept when not given (guessed again if the unit changes). */
    measureType: z.enum(['flow', 'stock', 'rate', 'percentage', 'score'], 'a measure type: flow (count of events), stock (count at a date), rate, percentage or score').optional(),
    polarity: z.enum(['lower', 'higher', 'none'], 'a polarity: lower is better, higher is better or no judgement'),
    decimals: z.number().int('Decimals must be a whole number').min(0, 'Decimals from 0 to 6').max(6, 'Decimals from 0 to 6'),
    frequency: z.string().trim().max(40, 'A frequency of at most 40 characters'),
    source: z.string().trim().max(300, 'A source of at most 300 characters'),
    target: finite('target').nullable(),
    tolerancePercent: finite('tolerance').min(0, 'A tolerance of 0% or more').max(100, 'A tolerance of at most 100%').nullable(),
    comparatorGroup: z.string().trim().max(200, 'A comparator group of at most 200 characters'),
    notes: z.string().max(4000, 'Notes of at most 4,000 characters'),
    footnote: z.string().max(1000, 'A footnote of at most 1,000 characters'),
    /** Check and say what would change in the exports, without saving. */
    dryRun: z.boolean().optional(),
  })
  .strict();

const cell = z
  .object({
    areaCode: z.string().min(1).max(20),
    first: month,
    last: month,
    text: z.string().max(100, 'a value of at most 100 characters'),
  })
  .strict();

export const editingSchemas = {
  'indicators.list': z.object({}).strict(),
  'outcomes.save': outcome,
  'outcomes.archive': z.object({ id }).strict(),
  'outcomes.restore': z.object({ id }).strict(),
  'outcomes.reorder': z.object({ ids }).strict(),
  'indicators.save': indicator,
  'indicators.archive': z.object({ id }).strict(),
  'indicators.restore': z.object({ id }).strict(),
  /** The outcome's (or, with null, the data series') indicators in their new order. */
  'indicators.reorder': z.object({ outcomeId: id.nullable(), ids }).strict(),
  'values.grid': z.object({ indicatorId: id }).strict(),
  /** A typed cell or a pasted block; a dry run says what would change. */
  'values.set': z.object({ indicatorId: id, cells: z.array(cell).min(1, 'at least one cell').max(20_000, 'at most 20,000 cells at once'), dryRun: z.boolean().optional(), pasted: z.boolean().optional() }).strict(),
  'values.history': z.object({ indicatorId: id, areaCode: z.string().min(1).max(20), first: month, last: month }).strict(),
} as const;

export interface EditingResults {
  'indicators.list': IndicatorCatalogue;
  'outcomes.save': Outcome;
  'outcomes.archive': Outcome;
  'outcomes.restore': Outcome;
  'outcomes.reorder': IndicatorCatalogue;
  'indicators.save': DefinitionSaved<Indicator>;
  'indicators.archive': Indicator;
  'indicators.restore': Indicator;
  'indicators.reorder': IndicatorCatalogue;
  'values.grid': ValuesGrid;
  'values.set': ValuesSetResult;
  'values.history': ValueHistory;
}
