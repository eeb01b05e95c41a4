/**
 * A straight-line projection of a monthly series: ordinary least squares of value on month
 * (months counted from the first point, so gaps are respected), extended from the last point
 * to the end of a chosen financial year. It says where the line would reach if the trend of
 * the months shown simply carried on; it is not a forecast with any allowance for seasonality
 * or uncertainty, and the chart says so.
 */
import { addMonths, financialYearSpan } from './periods';
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

/** Least-squares line through (month, value); null with fewer than 2 points or one month only. */
export function leastSquares(points: ReadonlyArray<{ month: Month; value: number }>): { slope: number; intercept: number } | null {
  if (points.length < 2) return null;
  const origin = monthIndex(points[0]!.month);
  const xs = points.map((p) => monthIndex(p.month) - origin);
  const ys = points.map((p) => p.value);
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i += 1) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * Projects the series to the end of financial year `fyStartYear` (April fyStartYear to March
 * fyStartYear + 1). Null when there is no line, or the year ends before the last point.
 */
export function projectToFinancialYear(points: ReadonlyArray<{ month: Month; value: number }>, fyStartYear: number, describe: (v: number, extraDecimals?: number) => string = (v, extra = 0) => v.toFixed(2 + extra)): Projection | null {
  const line = leastSquares(points);
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
    ...line,
    points: out,
    until,
    end,
    method:
      `Projection: a straight line fitted by least squares to the ${points.length} values shown ` +
      `(${line.slope < 0 ? '-' : '+'}${describe(Math.abs(line.slope), 2)} a month), carried on to the end of the financial year; it reaches ${describe(end)}. ` +
      'It assumes the trend of these months simply continues: no seasonality, no uncertainty.',
  };
}
