import { describe, expect, it } from 'vitest';
import type { Month } from '../../shared/domain/types';
import { addMonths } from '../../shared/domain/periods';
import { percentage, percentVariance, ratePer1000, rollingTwelveMonthSums, sumOverSpan } from '../../shared/domain/values';

/** Monthly counts from `first`, one per value; null leaves the month out. */
function series(first: Month, values: Array<number | null>): Map<Month, number> {
  const map = new Map<Month, number>();
  values.forEach((v, i) => {
    if (v !== null) map.set(addMonths(first, i), v);
  });
  return map;
}

describe('ratePer1000', () => {
  it('is count / population x 1000', () => {
    expect(ratePer1000(4200, 661_600)).toBeCloseTo(6.3482, 4);
    expect(ratePer1000(0, 1000)).toBe(0);
  });
  it('is null without a usable population', () => {
    expect(ratePer1000(10, 0)).toBeNull();
    expect(ratePer1000(10, null)).toBeNull();
    expect(ratePer1000(10, undefined)).toBeNull();
    expect(ratePer1000(10, -5)).toBeNull();
    expect(ratePer1000(10, Number.NaN)).toBeNull();
    expect(ratePer1000(null, 1000)).toBeNull();
  });
});

describe('percentage', () => {
  it('is numerator / denominator x 100', () => {
    expect(percentage(65, 100)).toBe(65);
    expect(percentage(1, 3)).toBeCloseTo(33.3333, 4);
    expect(percentage(0, 40)).toBe(0);
  });
  it('is null for a zero or missing denominator', () => {
    expect(percentage(5, 0)).toBeNull();
    expect(percentage(5, null)).toBeNull();
    expect(percentage(null, 5)).toBeNull();
  });
});

describe('percentVariance', () => {
  it('is (latest - baseline) / baseline x 100', () => {
    expect(percentVariance(6.35, 5.71)).toBeCloseTo(11.208, 3);
    expect(percentVariance(185, 212)).toBeCloseTo(-12.736, 3);
    expect(percentVariance(100, 100)).toBe(0);
  });
  it('is null when the baseline is 0 or a value is missing', () => {
    expect(percentVariance(5, 0)).toBeNull();
    expect(percentVariance(null, 5)).toBeNull();
    expect(percentVariance(5, null)).toBeNull();
  });
});

describe('sumOverSpan', () => {
  const monthly = series('2014-04', [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
  it('sums every month of the span', () => {
    expect(sumOverSpan(monthly, { first: '2014-04', last: '2015-03' })).toBe(780);
    expect(sumOverSpan(monthly, { first: '2014-10', last: '2014-12' })).toBe(70 + 80 + 90);
    expect(sumOverSpan(monthly, { first: '2014-06', last: '2014-06' })).toBe(30);
  });
  it('is null when any month is missing: never a partial year', () => {
    expect(sumOverSpan(monthly, { first: '2014-03', last: '2015-02' })).toBeNull();
    const gap = series('2014-04', [10, 20, null, 40]);
    expect(sumOverSpan(gap, { first: '2014-04', last: '2014-07' })).toBeNull();
  });
  it('is null for a reversed or malformed span', () => {
    expect(sumOverSpan(monthly, { first: '2015-03', last: '2014-04' })).toBeNull();
    expect(sumOverSpan(monthly, { first: 'Apr 2014', last: '2015-03' })).toBeNull();
  });
  it('counts a month of zero as known', () => {
    expect(sumOverSpan(series('2014-04', [0, 0, 0]), { first: '2014-04', last: '2014-06' })).toBe(0);
  });
});

describe('rollingTwelveMonthSums', () => {
  it('gives one sum per month that ends 12 known months', () => {
    const monthly = series('2013-04', Array.from({ length: 14 }, (_, i) => i + 1)); // Apr 2013 .. May 2014
    expect(rollingTwelveMonthSums(monthly)).toEqual([
      { span: { first: '2013-04', last: '2014-03' }, value: 78 },
      { span: { first: '2013-05', last: '2014-04' }, value: 90 },
      { span: { first: '2013-06', last: '2014-05' }, value: 102 },
    ]);
  });
  it('restarts after a gap', () => {
    const values: Array<number | null> = Array.from({ length: 26 }, () => 1);
    values[13] = null; // May 2014 missing
    const sums = rollingTwelveMonthSums(series('2013-04', values));
    expect(sums.map((s) => s.span.last)).toEqual(['2014-03', '2014-04', '2015-05']);
    expect(sums.every((s) => s.value === 12)).toBe(true);
  });
  it('is empty with fewer than 12 months, and ignores keys that are not months', () => {
    expect(rollingTwelveMonthSums(series('2014-04', Array.from({ length: 11 }, () => 5)))).toEqual([]);
    const monthly = series('2014-04', Array.from({ length: 12 }, () => 5));
    monthly.set('total', 999);
    expect(rollingTwelveMonthSums(monthly)).toEqual([{ span: { first: '2014-04', last: '2015-03' }, value: 60 }]);
  });
  it('comes out in month order whatever order the map holds', () => {
    const monthly = new Map<Month, number>();
    for (let i = 12; i >= 0; i--) monthly.set(addMonths('2014-01', i), 1);
    expect(rollingTwelveMonthSums(monthly).map((s) => s.span.last)).toEqual(['2014-12', '2015-01']);
  });
});
