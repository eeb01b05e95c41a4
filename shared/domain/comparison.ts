/**
 * Comparing an area with others: quartile bands (Top / Average / Bottom), rank in a group,
 * the group's average, and Fingertips' comparison with a benchmark.
 *
 * Every function takes the whole group INCLUDING the area itself, as the published methods do
 * (the MSG average includes the area; a county is Top when it is in the best quartile of all
 * the counties, itself among them).
 */
import type { Comparison, Polarity } from './types';
import type { Interval } from './confidence';
import { formatNumber } from './format';

/** Excel's PERCENTILE.INC: linear interpolation between the closest ranks, p from 0 to 1. */
export function percentileInc(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentileInc needs at least one value');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be from 0 to 1, not ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const below = Math.floor(rank);
  const low = sorted[below] ?? NaN;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? NaN;
  return low + (rank - below) * (high - low);
}

/** Quartile bands need at least this many values, the area included. */
export const MIN_COMPARATORS = 4;

export interface ComparisonSuggestion {
  comparison: Comparison | null;
  reason: string;
}

/**
 * Top when the value is in the best quartile (at or beyond the best quartile boundary, by
 * polarity), Bottom in the worst, else Average. When every value is equal both boundaries
 * coincide and nobody is Top or Bottom: Average.
 */
export function topAverageBottom(
  value: number,
  group: readonly number[],
  polarity: Polarity,
  decimals = 2,
): ComparisonSuggestion {
  const fmt = (v: number): string => formatNumber(v, decimals);
  if (polarity === 'none') return { comparison: null, reason: 'No judgement: the indicator has no better direction' };
  const values = group.filter((v) => Number.isFinite(v));
  if (values.length < MIN_COMPARATORS) {
    return {
      comparison: null,
      reason: `Too few comparators: ${values.length} value${values.length === 1 ? '' : 's'}, need at least ${MIN_COMPARATORS}`,
    };
  }
  const q1 = percentileInc(values, 0.25);
  const q3 = percentileInc(values, 0.75);
  const [best, worst] = polarity === 'higher' ? [q3, q1] : [q1, q3];
  const beatsBest = polarity === 'higher' ? value >= best : value <= best;
  const missesWorst = polarity === 'higher' ? value <= worst : value >= worst;
  const bands = `quartiles ${fmt(q1)} and ${fmt(q3)} of ${values.length} areas; ${polarity} is better`;
  if (beatsBest && !missesWorst) return { comparison: 'Top', reason: `${fmt(value)} is in the best quartile (${bands})` };
  if (missesWorst && !beatsBest) return { comparison: 'Bottom', reason: `${fmt(value)} is in the worst quartile (${bands})` };
  return { comparison: 'Average', reason: `${fmt(value)} is between the quartiles (${bands})` };
}

/** "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "101st", "111th". */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  const mod10 = n % 10;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  if (mod10 === 1) return `${n}st`;
  if (mod10 === 2) return `${n}nd`;
  if (mod10 === 3) return `${n}rd`;
  return `${n}th`;
}

export interface Rank {
  rank: number;
  of: number;
  ordinal: string;
}

/**
 * The value's position in the group after orienting by polarity: 1st is the best. Ties share
 * the better rank (1st, 2nd, 2nd, 4th), so equal areas are never ranked apart by accident. With
 * no polarity 1st is the highest.
 */
export function rankInGroup(value: number, group: readonly number[], polarity: Polarity): Rank {
  const values = group.filter((v) => Number.isFinite(v));
  const better = values.filter((v) => (polarity === 'lower' ? v < value : v > value)).length;
  const rank = better + 1;
  return { rank, of: values.length, ordinal: ordinal(rank) };
}

/** The unweighted mean of the members' values, the area included; null for an empty group. */
export function groupAverage(values: readonly number[]): number | null {
  const usable = values.filter((v) => Number.isFinite(v));
  if (usable.length === 0) return null;
  return usable.reduce((sum, v) => sum + v, 0) / usable.length;
}

export type BenchmarkComparison = 'Better' | 'Similar' | 'Worse' | 'Higher' | 'Lower';

/**
 * Fingertips' comparison: Similar when the benchmark lies inside the area's 95% interval
 * (bounds included), else Better or Worse by polarity, or Higher / Lower with no polarity.
 */
export function compareWithBenchmark(interval: Interval, benchmark: number, polarity: Polarity): BenchmarkComparison {
  if (benchmark >= interval.lower && benchmark <= interval.upper) return 'Similar';
  const above = interval.lower > benchmark;
  if (polarity === 'none') return above ? 'Higher' : 'Lower';
  const better = polarity === 'higher' ? above : !above;
  return better ? 'Better' : 'Worse';
}
