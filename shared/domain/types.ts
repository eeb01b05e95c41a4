/**
 * The words of the domain, shared by every layer. Pure types: no Node, no DOM, no clock.
 *
 * Months are ISO strings "YYYY-MM" everywhere (sortable, readable in SQL and CSV).
 * A span is a first and last month, both inclusive: FY 2014/15 is 2014-04 .. 2015-03.
 */

/** "YYYY-MM" */
export type Month = string;

export interface Span {
  first: Month;
  last: Month;
}

/** Lower is better (crime), higher is better (satisfaction), or no judgement (referrals). */
export type Polarity = 'lower' | 'higher' | 'none';

/**
 * count: a number of things; rate_per_1000: per 1,000 population; percent: 0-100;
 * ratio: e.g. re-offences per young offender.
 */
export type Unit = 'count' | 'rate_per_1000' | 'percent' | 'ratio';

/**
 * What a figure measures, which decides what may be added up over time:
 * - flow: a count of events in a span (crimes in a month): months add up to a year;
 * - stock: a count at a date (claimants on the last day of the month, a population): months
 *   never add up (12 monthly claimant counts are not a year's claimants);
 * - rate, percentage, score: never summed over time.
 */
export type MeasureType = 'flow' | 'stock' | 'rate' | 'percentage' | 'score';

export type Direction = 'improving' | 'no_change' | 'worsening';

export type Rag = 'R' | 'A' | 'G';

export type Comparison = 'Top' | 'Average' | 'Bottom';

export type AreaKind = 'county' | 'district' | 'unitary' | 'region' | 'force' | 'csp' | 'comparator';

/** Either a value or a message a user can act on. Errors a user can meet are values. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: string): Result<T> => ({ ok: false, error });
