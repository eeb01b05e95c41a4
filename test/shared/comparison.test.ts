import { describe, expect, it } from 'vitest';
import {
  compareWithBenchmark,
  groupAverage,
  ordinal,
  percentileInc,
  rankInGroup,
  topAverageBottom,
} from '../../shared/domain/comparison';

describe('percentileInc (Excel PERCENTILE.INC)', () => {
  it('interpolates linearly between the closest ranks', () => {
    const values = [1, 2, 3, 4];
    expect(percentileInc(values, 0)).toBe(1);
    expect(percentileInc(values, 1)).toBe(4);
    expect(percentileInc(values, 0.25)).toBe(1.75);
    expect(percentileInc(values, 0.5)).toBe(2.5);
    expect(percentileInc(values, 0.75)).toBe(3.25);
    // Excel: =PERCENTILE.INC({15,20,35,40,50},0.4) is 29
    expect(percentileInc([15, 20, 35, 40, 50], 0.4)).toBeCloseTo(29, 12);
    expect(percentileInc([50, 15, 40, 20, 35], 0.4)).toBeCloseTo(29, 12);
    expect(percentileInc([7], 0.3)).toBe(7);
  });

  it('refuses an empty list or a percentile outside 0 to 1', () => {
    expect(() => percentileInc([], 0.5)).toThrow(RangeError);
    expect(() => percentileInc([1, 2], 1.5)).toThrow(RangeError);
    expect(() => percentileInc([1, 2], -0.1)).toThrow(RangeError);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    percentileInc(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('topAverageBottom', () => {
  // Quartiles of 1..8 by PERCENTILE.INC: 2.75 and 6.25.
  const group = [1, 2, 3, 4, 5, 6, 7, 8];

  it('puts the best quartile at the top, oriented by polarity', () => {
    expect(topAverageBottom(1, group, 'lower')).toEqual({
      comparison: 'Top',
      reason: '1.00 is in the best quartile (quartiles 2.75 and 6.25 of 8 areas; lower is better)',
    });
    expect(topAverageBottom(8, group, 'lower').comparison).toBe('Bottom');
    expect(topAverageBottom(8, group, 'higher').comparison).toBe('Top');
    expect(topAverageBottom(1, group, 'higher')).toEqual({
      comparison: 'Bottom',
      reason: '1.00 is in the worst quartile (quartiles 2.75 and 6.25 of 8 areas; higher is better)',
    });
    expect(topAverageBottom(4, group, 'lower')).toEqual({
      comparison: 'Average',
      reason: '4.00 is between the quartiles (quartiles 2.75 and 6.25 of 8 areas; lower is better)',
    });
  });

  it('includes the quartile boundaries in the outer bands', () => {
    const four = [10, 20, 30, 40]; // quartiles 17.5 and 32.5
    expect(topAverageBottom(17.5, four, 'lower').comparison).toBe('Top');
    expect(topAverageBottom(17.6, four, 'lower').comparison).toBe('Average');
    expect(topAverageBottom(32.5, four, 'lower').comparison).toBe('Bottom');
  });

  it('calls everyone Average when every value is equal', () => {
    expect(topAverageBottom(5, [5, 5, 5, 5], 'higher').comparison).toBe('Average');
  });

  it('formats the reason with the indicator decimals', () => {
    expect(topAverageBottom(1, group, 'lower', 0).reason).toBe('1 is in the best quartile (quartiles 3 and 6 of 8 areas; lower is better)');
  });

  it('needs at least four values and a polarity', () => {
    expect(topAverageBottom(1, [1, 2, 3], 'lower')).toEqual({
      comparison: null,
      reason: 'Too few comparators: 3 values, need at least 4',
    });
    expect(topAverageBottom(1, [1, 2, 3, Number.NaN], 'lower').comparison).toBeNull();
    expect(topAverageBottom(1, [1], 'lower').reason).toBe('Too few comparators: 1 value, need at least 4');
    expect(topAverageBottom(1, group, 'none')).toEqual({
      comparison: null,
      reason: 'No judgement: the indicator has no better direction',
    });
  });
});

describe('ordinal', () => {
  it('writes English ordinals', () => {
    const expected: Record<number, string> = {
      1: '1st', 2: '2nd', 3: '3rd', 4: '4th', 10: '10th', 11: '11th', 12: '12th', 13: '13th', 14: '14th',
      21: '21st', 22: '22nd', 23: '23rd', 101: '101st', 111: '111th', 112: '112th', 113: '113th',
    };
    for (const [n, text] of Object.entries(expected)) expect(ordinal(Number(n))).toBe(text);
  });
});

describe('rankInGroup', () => {
  const group = [6.35, 4.1, 5.2, 7.9, 3.3];
  it('ranks the best first, by polarity', () => {
    expect(rankInGroup(3.3, group, 'lower')).toEqual({ rank: 1, of: 5, ordinal: '1st' });
    expect(rankInGroup(6.35, group, 'lower')).toEqual({ rank: 4, of: 5, ordinal: '4th' });
    expect(rankInGroup(6.35, group, 'higher')).toEqual({ rank: 2, of: 5, ordinal: '2nd' });
    expect(rankInGroup(7.9, group, 'none')).toEqual({ rank: 1, of: 5, ordinal: '1st' });
  });
  it('gives tied values the same, better rank', () => {
    const tied = [1, 2, 2, 3];
    expect(rankInGroup(2, tied, 'lower')).toEqual({ rank: 2, of: 4, ordinal: '2nd' });
    expect(rankInGroup(3, tied, 'lower')).toEqual({ rank: 4, of: 4, ordinal: '4th' });
  });
  it('ranks among 21 or more with the right suffix', () => {
    const many = Array.from({ length: 25 }, (_, i) => i + 1);
    expect(rankInGroup(21, many, 'lower').ordinal).toBe('21st');
    expect(rankInGroup(13, many, 'lower').ordinal).toBe('13th');
  });
});

describe('groupAverage', () => {
  it('is the unweighted mean, null for no values', () => {
    expect(groupAverage([4.81, 1.97, 8.77])).toBeCloseTo(5.1833, 4);
    expect(groupAverage([2])).toBe(2);
    expect(groupAverage([])).toBeNull();
    expect(groupAverage([1, Number.NaN, 3])).toBe(2);
  });
});

describe('compareWithBenchmark (Fingertips)', () => {
  const interval = { lower: 50.16, upper: 82.85 };
  it('is Similar when the benchmark is inside the interval, bounds included', () => {
    expect(compareWithBenchmark(interval, 60, 'lower')).toBe('Similar');
    expect(compareWithBenchmark(interval, 50.16, 'higher')).toBe('Similar');
    expect(compareWithBenchmark(interval, 82.85, 'none')).toBe('Similar');
  });
  it('is Better or Worse by polarity', () => {
    expect(compareWithBenchmark(interval, 90, 'lower')).toBe('Better');
    expect(compareWithBenchmark(interval, 90, 'higher')).toBe('Worse');
    expect(compareWithBenchmark(interval, 40, 'lower')).toBe('Worse');
    expect(compareWithBenchmark(interval, 40, 'higher')).toBe('Better');
  });
  it('is Higher or Lower without a polarity', () => {
    expect(compareWithBenchmark(interval, 40, 'none')).toBe('Higher');
    expect(compareWithBenchmark(interval, 90, 'none')).toBe('Lower');
  });
});
