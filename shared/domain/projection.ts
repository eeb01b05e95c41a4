/**
 * Straight-line projections, all from one ordinary least-squares fit (`leastSquares`):
 *
 * - the Charts page's projection of a monthly series: value on month (months counted from the
 *   first point, so gaps are respected), extended from the last point to the end of a chosen
 *   financial year (`projectToFinancialYear`);
 * - the plan scorecard's projection of rolling 12-month or financial-year values, each placed
 *   at its last month, to a chosen month, held within bounds (`projectSeries`).
 *
 * Either says where the line would reach if the trend of the values used simply carried on; it
 * is not a forecast with any allowance for seasonality or uncertainty, and the outputs say so.
 */
import { addMonths, compareMonths, financialYearSpan, formatMonthLong } from './periods';
import type { Month } from './types';

export interface Projection {
  /** Change per month. */
  slope: number;
  /** Value of the line at the first point's month. */
  intercept: number;
  /** The line's months and values from the last point's month to the end of the year. */
  points: Array<{ month: Month; value: number }>;
  /** The last month of the chosen financial year. */
  until: Month;
  /** The line's value there. */
  end: number;
  /** How it was made, in words, for the note under the chart. */
  method: string;
}

function monthIndex(m: Month): number {
  return Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
}

export interface Point {
  x: number;
  y: number;
}

export interface LinearFit {
  slope: number;
  intercept: number;
  /** How many points the line went through. */
  points: number;
}

/**
 * Ordinary least squares: slope = sum((x - mx)(y - my)) / sum((x - mx)^2), intercept = my -
 * slope x mx, through the points with finite x and y. Null with fewer than `minPoints` of them
 * (at least 2), or when every x is the same (no line).
 */
export function leastSquares(points: readonly Point[], minPoints = 2): LinearFit | null {
  const usable = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (usable.length < Math.max(2, minPoints)) return null;
  const n = usable.length;
  const mx = usable.reduce((sum, p) => sum + p.x, 0) / n;
  const my = usable.reduce((sum, p) => sum + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of usable) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, points: n };
}

/** A monthly series as points for `leastSquares`: x the months since the first point's month. */
export function monthPoints(points: ReadonlyArray<{ month: Month; value: number }>): Point[] {
  const origin = points.length > 0 ? monthIndex(points[0]!.month) : 0;
  return points.map((p) => ({ x: monthIndex(p.month) - origin, y: p.value }));
}

/**
 * Projects the series to the end of financial year `fyStartYear` (April fyStartYear to March
 * fyStartYear + 1). Null when there is no line, or the year ends before the last point.
 */
export function projectToFinancialYear(points: ReadonlyArray<{ month: Month; value: number }>, fyStartYear: number, describe: (v: number, extraDecimals?: number) => string = (v, extra = 0) => v.toFixed(2 + extra)): Projection | null {
  const line = leastSquares(monthPoints(points));
  if (!line) return null;
  const until = financialYearSpan(fyStartYear).last;
  const first = points[0]!.month;
  const last = points[points.length - 1]!.month;
  if (until <= last) return null;
  const origin = monthIndex(first);
  const at = (m: Month) => line.intercept + line.slope * (monthIndex(m) - origin);
  const out: Array<{ month: Month; value: number }> = [];
  for (let m = last; m <= until; m = addMonths(m, 1)) out.push({ month: m, value: at(m) });
  const end = at(until);
  return {
    slope: line.slope,
    intercept: line.intercept,
    points: out,
    until,
    end,
    method:
      `Projection: a straight line fitted by least squares to the ${points.length} values shown ` +
      `(${line.slope < 0 ? '-' : '+'}${describe(Math.abs(line.slope), 2)} a month), carried on to the end of the financial year; it reaches ${describe(end)}. ` +
      'It assumes the trend of these months simply continues: no seasonality, no uncertainty.',
  };
}

// ---------------------------------------------------------------------------------------------
// The plan scorecard's projection
// ---------------------------------------------------------------------------------------------

/** A scorecard projection needs at least this many points. */
export const MIN_PROJECTION_POINTS = 3;

export type SeriesKind = 'rolling_12' | 'financial_year';

export interface SeriesPoint {
  /** The last month the value covers (a rolling 12 months or a financial year ends here). */
  last: Month;
  value: number;
}

export interface SeriesProjection {
  value: number;
  points: number;
  slope: number;
  /** "Least-squares line through 13 rolling 12-month values (Dec 2023 to Dec 2024), extended to Mar 2025" */
  method: string;
  /** True when the line ran below 0 (or above 100 for a percentage) and was held at the bound. */
  clamped: boolean;
}

export interface ProjectOptions {
  /** Keep the value within 0..upper (e.g. 100 for a percentage); a count or a rate is never negative. */
  lower?: number | null;
  upper?: number | null;
}

const monthsBetween = (from: Month, to: Month): number => compareMonths(to, from);

/**
 * Extends the least-squares line through a series (one value per rolling 12 months, or per
 * financial year, each placed at its last month) to the month `to` (the end of the projection
 * year): with rolling values ending in March, that is the value for the 12 months to March,
 * the financial year. Null with fewer than 3 points or when `to` is not after the first point.
 */
export function projectSeries(series: readonly SeriesPoint[], kind: SeriesKind, to: Month, options: ProjectOptions = {}): SeriesProjection | null {
  const sorted = [...series].filter((p) => Number.isFinite(p.value)).sort((a, b) => compareMonths(a.last, b.last));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last || monthsBetween(first.last, to) <= 0) return null;
  const fit = leastSquares(
    sorted.map((p) => ({ x: monthsBetween(first.last, p.last), y: p.value })),
    MIN_PROJECTION_POINTS,
  );
  if (!fit) return null;
  const raw = fit.intercept + fit.slope * monthsBetween(first.last, to);
  const lower = options.lower ?? null;
  const upper = options.upper ?? null;
  let value = raw;
  if (lower !== null && value < lower) value = lower;
  if (upper !== null && value > upper) value = upper;
  const what = kind === 'rolling_12' ? 'rolling 12-month values' : 'financial-year values';
  const range = `${formatMonthLong(first.last)} to ${formatMonthLong(last.last)}`;
  return {
    value,
    points: fit.points,
    slope: fit.slope,
    method: `Least-squares line through ${fit.points} ${what} (${kind === 'rolling_12' ? 'ending ' : 'years ending '}${range}), extended to ${formatMonthLong(to)}`,
    clamped: value !== raw,
  };
}
