/**
 * Derived values: rates, percentages, variance and sums of monthly counts.
 *
 * Every function answers null rather than a wrong number when an input is missing: a rate on a
 * zero population or a year summed from eleven months would look plausible on a board paper
 * and be false.
 */
import type { Month, Span } from './types';
import { addMonths, isMonth, isValidSpan, monthsOf } from './periods';

type MaybeNumber = number | null | undefined;

function usable(n: MaybeNumber): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** count / population x 1000; null for a missing, zero or negative population. */
export function ratePer1000(count: MaybeNumber, population: MaybeNumber): number | null {
  if (!usable(count) || !usable(population) || population <= 0) return null;
  return (count / population) * 1000;
}

/** numerator / denominator x 100; null for a missing or zero denominator. */
export function percentage(numerator: MaybeNumber, denominator: MaybeNumber): number | null {
  if (!usable(numerator) || !usable(denominator) || denominator === 0) return null;
  return (numerator / denominator) * 100;
}

/** (latest - baseline) / baseline x 100; null when the baseline is 0 (no finite % change). */
export function percentVariance(latest: MaybeNumber, baseline: MaybeNumber): number | null {
  if (!usable(latest) || !usable(baseline) || baseline === 0) return null;
  return ((latest - baseline) / baseline) * 100;
}

/** The sum of the span's months, or null if any month is missing: never a partial year. */
export function sumOverSpan(monthly: ReadonlyMap<Month, number>, span: Span): number | null {
  if (!isValidSpan(span)) return null;
  let total = 0;
  for (const m of monthsOf(span)) {
    const value = monthly.get(m);
    if (!usable(value)) return null;
    total += value;
  }
  return total;
}

/**
 * One rolling 12-month sum for each month that ends 12 consecutive known months, in month
 * order. A gap restarts the count, so no sum ever silently spans a missing month.
 */
export function rollingTwelveMonthSums(monthly: ReadonlyMap<Month, number>): Array<{ span: Span; value: number }> {
  const months = [...monthly.keys()].filter((m) => isMonth(m) && usable(monthly.get(m))).sort();
  const sums: Array<{ span: Span; value: number }> = [];
  for (const last of months) {
    const span = { first: addMonths(last, -11), last };
    const value = sumOverSpan(monthly, span);
    if (value !== null) sums.push({ span, value });
  }
  return sums;
}
