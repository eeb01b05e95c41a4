/**
 * Hand-worked XmR series for every rule and edge case. Each series is built so that only the
 * feature under test can fire: a baseline that alternates around the mean has no runs (it
 * changes side every point) and no trends (it changes direction every point).
 */
import { describe, expect, it } from 'vitest';
import type { SpcOptions, SpcResult, SpcRule } from '../../shared/domain/spc';
import { SPC_LIMIT, SPC_MIN_POINTS, SPC_TWO_SIGMA, spc } from '../../shared/domain/spc';

function chart(values: number[], options: SpcOptions = { polarity: 'higher' }): SpcResult {
  return spc(
    values.map((value) => ({ value })),
    options,
  );
}

/** Indices of the points a rule flags. */
function flagged(result: SpcResult, rule?: SpcRule): number[] {
  return result.points.flatMap((p, i) => ((rule ? p.rules.includes(rule) : p.rules.length > 0) ? [i] : []));
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('constants', () => {
  it('uses NHSRplotthedots’ exact constants: 2.66 and 2 x 2.66 / 3', () => {
    expect(SPC_LIMIT).toBe(2.66);
    expect(SPC_TWO_SIGMA).toBe(2 * (2.66 / 3));
    expect(SPC_TWO_SIGMA).toBeCloseTo(1.7733, 4);
    expect(SPC_MIN_POINTS).toBe(12);
  });
});

describe('limits', () => {
  // 8, 12 alternating then 30: mean = 138 / 12 = 11.5; moving ranges ten 4s and one 22, so
  // mean(MR) = 62 / 11 = 5.6364.
  const values = [8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 30];
  const result = chart(values);
  const amr = 62 / 11;

  it('centres on the mean and sets limits at 2.66 x mean(MR), 2 sigma at 1.7733 x mean(MR)', () => {
    const p = result.points[0];
    expect(p?.mean).toBe(11.5);
    expect(p?.upl).toBeCloseTo(11.5 + 2.66 * amr, 12);
    expect(p?.lpl).toBeCloseTo(11.5 - 2.66 * amr, 12);
    expect(p?.upl).toBeCloseTo(26.4927, 4);
    expect(p?.lpl).toBeCloseTo(-3.4927, 4);
    expect(p?.upper2Sigma).toBeCloseTo(21.4952, 4);
    expect(p?.lower2Sigma).toBeCloseTo(1.5048, 4);
    // Every point of a segment shares the segment's lines.
    expect(new Set(result.points.map((q) => q.upl)).size).toBe(1);
  });

  it('flags a point beyond a limit, and only that point', () => {
    expect(flagged(result)).toEqual([11]);
    expect(result.points[11]).toMatchObject({ value: 30, rules: ['outside_limits'], specialCause: 'improvement', side: 'high' });
    expect(result.points[0]).toMatchObject({ value: 8, rules: [], specialCause: 'none', side: null, segment: 0 });
  });

  it('orients the special cause by polarity', () => {
    expect(chart(values, { polarity: 'lower' }).points[11]?.specialCause).toBe('concern');
    expect(chart(values, { polarity: 'none' }).points[11]?.specialCause).toBe('neutral');
    const low = chart(values.map((v) => 40 - v), { polarity: 'higher' }).points[11];
    expect(low).toMatchObject({ value: 10, rules: ['outside_limits'], specialCause: 'concern', side: 'low' });
  });

  it('judges the variation on the last point', () => {
    expect(result.variation).toBe('special_cause_improvement');
    expect(chart(values, { polarity: 'lower' }).variation).toBe('special_cause_concern');
    expect(chart(values, { polarity: 'none' }).variation).toBe('special_cause_neutral');
    // The same spike earlier in the series leaves the latest point common cause.
    expect(chart([8, 12, 30, 12, 8, 12, 8, 12, 8, 12, 8, 12]).variation).toBe('common_cause');
  });
});

describe('run: 7 points on one side of the mean', () => {
  it('flags a run of 7 but not a run of 6', () => {
    // Mean 131 / 13 = 10.08: seven points above (11, 13, ...), then six below (9, 7, ...).
    const result = chart([11, 13, 11, 13, 11, 13, 11, 9, 7, 9, 7, 9, 7]);
    expect(result.points[0]?.mean).toBeCloseTo(10.0769, 4);
    expect(flagged(result)).toEqual(range(0, 6));
    expect(result.points.slice(0, 7).every((p) => p.rules.join() === 'run' && p.specialCause === 'improvement')).toBe(true);
    expect(result.variation).toBe('common_cause');
  });

  it('breaks a run at a point exactly on the mean', () => {
    // Mean 150 / 15 = 10 exactly; the 10 at index 3 splits eight points above into 3 and 4.
    const withPointOnMean = chart([11, 13, 11, 10, 13, 11, 13, 11, 9, 7, 9, 7, 9, 7, 9]);
    expect(withPointOnMean.points[3]).toMatchObject({ value: 10, mean: 10, rules: [] });
    expect(flagged(withPointOnMean)).toEqual(range(8, 14)); // only the seven below
    expect(withPointOnMean.points[14]).toMatchObject({ specialCause: 'concern', side: 'low' });
    expect(withPointOnMean.variation).toBe('special_cause_concern');

    // The same series with 12 instead of 10: eight in a row above the mean, all flagged.
    const unbroken = chart([11, 13, 11, 12, 13, 11, 13, 11, 9, 7, 9, 7, 9, 7, 9]);
    expect(flagged(unbroken, 'run')).toEqual(range(0, 14));
  });
});

describe('trend: 7 points each higher (or lower) than the one before', () => {
  // Baseline 9, 11 alternating; the trend 7, 8, ..., 13 starts after a fall from 9 to 7.
  const seven = [9, 11, 9, 11, 9, 7, 8, 9, 10, 11, 12, 13, 11, 9, 11, 9];

  it('flags all 7 points, the first (where the rise starts) included', () => {
    const result = chart(seven);
    expect(flagged(result)).toEqual(range(5, 11));
    expect(result.points.slice(5, 12).every((p) => p.rules.join() === 'trend')).toBe(true);
  });

  it('types every trend point by the trend’s direction, even those below the mean', () => {
    const result = chart(seven);
    expect(result.points[5]).toMatchObject({ value: 7, specialCause: 'improvement', side: 'high' });
    expect(result.points[5]?.value).toBeLessThan(result.points[5]?.mean ?? 0);
    const falling = chart(
      seven.map((v) => 20 - v),
      { polarity: 'lower' },
    );
    expect(flagged(falling)).toEqual(range(5, 11));
    expect(falling.points[5]).toMatchObject({ value: 13, specialCause: 'improvement', side: 'low' });
    expect(chart(seven, { polarity: 'lower' }).points[8]?.specialCause).toBe('concern');
    expect(chart(seven, { polarity: 'none' }).points[8]?.specialCause).toBe('neutral');
  });

  it('does not flag 6 points', () => {
    expect(flagged(chart([9, 11, 9, 11, 9, 7, 8, 9, 10, 11, 12, 11, 9, 11, 9]))).toEqual([]);
  });

  it('breaks a trend at equal neighbours', () => {
    // 7, 8, 9, 9, 10, 11, 12, 13: eight points rising, but the repeated 9 splits them 3 + 5.
    expect(flagged(chart([9, 11, 9, 11, 9, 7, 8, 9, 9, 10, 11, 12, 13, 11, 9, 11, 9]))).toEqual([]);
  });

  it('gives a turning point the direction of the trend that follows it, as NHSRplotthedots does', () => {
    // Up for 7 points to 24, then down for 7 from it: 24 is in both trends.
    const result = chart([0, 10, 20, 21, 22, 23, 24, 23, 22, 21, 20, 10, 0]);
    expect(flagged(result, 'trend')).toEqual(range(0, 12));
    expect(result.points[5]).toMatchObject({ value: 23, specialCause: 'improvement', side: 'high' });
    expect(result.points[6]).toMatchObject({ value: 24, specialCause: 'concern', side: 'low' });
    // Points 7-10 are above the mean (a run) but falling: the trend takes precedence over the run.
    expect(result.points[8]).toMatchObject({ value: 22, rules: ['run', 'trend'], specialCause: 'concern', side: 'low' });
    // A point beyond a limit takes its side, whatever trend it is in.
    expect(result.points[0]).toMatchObject({ rules: ['outside_limits', 'trend'], side: 'low' });
  });
});

describe('two of three beyond 2 sigma', () => {
  const baseline = [10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9];
  const tail = [10, 9, 11, 10, 9];

  it('flags the two points beyond 2 sigma, not the third point of the three', () => {
    // Mean 10.45, upper 2 sigma 13.53, upper limit 15.07: 14, 12, 14 are all above the mean.
    const result = chart([...baseline, 14, 12, 14, ...tail]);
    expect(result.points[0]?.upper2Sigma).toBeCloseTo(13.53, 10);
    expect(flagged(result)).toEqual([12, 14]);
    expect(result.points[12]).toMatchObject({ rules: ['two_of_three'], specialCause: 'improvement', side: 'high' });
    expect(result.points[13]?.rules).toEqual([]);
  });

  it('works below the mean too', () => {
    const result = chart([...baseline, 6, 9, 6, ...tail], { polarity: 'lower' });
    expect(flagged(result)).toEqual([12, 14]);
    expect(result.points[12]).toMatchObject({ specialCause: 'improvement', side: 'low' });
  });

  it('counts a point beyond the process limit as beyond 2 sigma', () => {
    // Mean 220 / 20 = 11; mean(MR) 51 / 19; upper 2 sigma 15.76, upper limit 18.14.
    // 21 is beyond the limit, 17 between 2 sigma and the limit, 13 above the mean.
    const values = [...baseline, 21, 13, 17, ...tail];
    const result = chart(values);
    expect(result.points[0]?.mean).toBe(11);
    expect(result.points[0]?.upper2Sigma).toBeCloseTo(15.76, 10);
    expect(result.points[0]?.upl).toBeCloseTo(18.14, 10);
    expect(flagged(result)).toEqual([12, 14]);
    expect(result.points[12]?.rules).toEqual(['outside_limits', 'two_of_three']);
    expect(result.points[14]?.rules).toEqual(['two_of_three']);

    // NHSRplotthedots 0.2.x counts only points between 2 sigma and the limit: 17 stays unflagged.
    const asPackage = chart(values, { polarity: 'higher', twoOfThree: 'between_limits' });
    expect(flagged(asPackage)).toEqual([12]);
    expect(asPackage.points[12]?.rules).toEqual(['outside_limits']);
  });

  it('needs all three points on the same side of the mean', () => {
    // Both 14s are beyond 2 sigma (13.94) but the 9 between them is below the mean (10.3).
    const result = chart([...baseline, 14, 9, 14, ...tail]);
    expect(result.points[12]?.upper2Sigma).toBeCloseTo(13.94, 10);
    expect(flagged(result)).toEqual([]);
  });

  it('does not pair points beyond 2 sigma on opposite sides', () => {
    // Mean 10: 15 is beyond the upper 2 sigma line (13.64), 6 beyond the lower (6.36).
    const result = chart([...baseline, 15, 10, 6, ...tail], { polarity: 'lower' });
    expect(result.points[12]?.upper2Sigma).toBeCloseTo(13.64, 10);
    expect(result.points[14]?.lower2Sigma).toBeCloseTo(6.36, 10);
    expect(flagged(result)).toEqual([]);
  });
});

describe('rebasing', () => {
  // Segment 1: 8, 9, 8, 9, 8, 11, 10, 11, 10 (mean 9.33, ends with 4 above its mean).
  // Segment 2: 20, 21, 20, 19, 18, 19, 18, 19, 18 (mean 19.11, starts with 3 above its mean).
  const values = [8, 9, 8, 9, 8, 11, 10, 11, 10, 20, 21, 20, 19, 18, 19, 18, 19, 18];

  it('gives each segment its own mean and limits, with no moving range across the rebase', () => {
    const result = chart(values, { polarity: 'higher', rebaseAt: [9] });
    const first = result.points[0];
    const second = result.points[9];
    expect(first).toMatchObject({ segment: 0 });
    expect(second).toMatchObject({ segment: 1 });
    expect(first?.mean).toBeCloseTo(84 / 9, 12);
    expect(second?.mean).toBeCloseTo(172 / 9, 12);
    // Moving ranges: segment 1 has 1,1,1,1,3,1,1,1 (mean 1.25); segment 2 eight 1s. The jump
    // from 10 to 20 belongs to neither.
    expect(first?.upl).toBeCloseTo(84 / 9 + 2.66 * 1.25, 12);
    expect(second?.upl).toBeCloseTo(172 / 9 + 2.66 * 1, 12);
    expect(result.points[8]?.upl).toBe(first?.upl);
  });

  it('keeps rules within a segment: 4 + 3 points above across a rebase are not a run', () => {
    expect(flagged(chart(values, { polarity: 'higher', rebaseAt: [9] }))).toEqual([]);
    // Without the rebase the step change is special cause everywhere.
    const unrebased = chart(values);
    expect(flagged(unrebased, 'run')).toEqual(range(0, 17));
    expect(unrebased.variation).toBe('special_cause_improvement');
  });

  it('ignores rebase indices at 0, out of range, repeated or fractional', () => {
    const plain = chart(values, { polarity: 'higher', rebaseAt: [9] });
    expect(chart(values, { polarity: 'higher', rebaseAt: [0, 9, 9, 18, -1, 4.5, 100] })).toEqual(plain);
    expect(chart(values, { polarity: 'higher', rebaseAt: [] })).toEqual(chart(values));
  });

  it('accepts several rebases in any order', () => {
    const result = chart(values, { polarity: 'higher', rebaseAt: [12, 5] });
    expect(result.points.map((p) => p.segment)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
  });
});

describe('provisional limits', () => {
  const stable = [9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11];

  it('are provisional below 12 points', () => {
    expect(chart(stable).provisional).toBe(false);
    expect(chart(stable.slice(0, 11)).provisional).toBe(true);
  });

  it('count the points of the latest segment only', () => {
    const long = [...stable, ...stable.map((v) => v + 10)];
    expect(chart(long).provisional).toBe(false);
    expect(chart(long, { polarity: 'higher', rebaseAt: [12] }).provisional).toBe(false);
    expect(chart(long, { polarity: 'higher', rebaseAt: [13] }).provisional).toBe(true);
  });
});

describe('assurance against a target', () => {
  // Mean 10, every moving range 2: limits 4.68 and 15.32.
  const stable = [9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11];
  const assure = (target: number | null | undefined, polarity: 'higher' | 'lower' | 'none'): string =>
    chart(stable, { polarity, target }).assurance;

  it('has the stable series common cause, with limits 4.68 and 15.32', () => {
    const result = chart(stable);
    expect(flagged(result)).toEqual([]);
    expect(result.variation).toBe('common_cause');
    expect(result.points[0]?.lpl).toBeCloseTo(4.68, 12);
    expect(result.points[0]?.upl).toBeCloseTo(15.32, 12);
  });

  it('consistently passes or fails when the target is beyond a limit, by polarity', () => {
    expect(assure(3, 'higher')).toBe('consistently_pass');
    expect(assure(16, 'higher')).toBe('consistently_fail');
    expect(assure(3, 'lower')).toBe('consistently_fail');
    expect(assure(16, 'lower')).toBe('consistently_pass');
  });

  it('is hit and miss between the limits, and on a limit (NHSRplotthedots compares strictly)', () => {
    expect(assure(10, 'higher')).toBe('hit_and_miss');
    expect(assure(10, 'lower')).toBe('hit_and_miss');
    const { lpl, upl } = chart(stable).points[0] ?? { lpl: NaN, upl: NaN };
    expect(assure(lpl, 'higher')).toBe('hit_and_miss');
    expect(assure(upl, 'higher')).toBe('hit_and_miss');
  });

  it('is none without a target or a polarity', () => {
    expect(assure(null, 'higher')).toBe('none');
    expect(assure(undefined, 'higher')).toBe('none');
    expect(assure(3, 'none')).toBe('none');
    expect(assure(Number.NaN, 'higher')).toBe('none');
  });

  it('uses the latest segment’s limits', () => {
    // After the rebase the limits are 4.68 and 15.32; across both levels they are about 12.4 and 27.6.
    const series = [...stable.map((v) => v + 20), ...stable];
    expect(chart(series, { polarity: 'higher', target: 16, rebaseAt: [12] }).assurance).toBe('consistently_fail');
    expect(chart(series, { polarity: 'higher', target: 16 }).assurance).toBe('hit_and_miss');
  });
});

describe('edge cases', () => {
  it('returns an empty chart for no points', () => {
    expect(chart([])).toEqual({ points: [], variation: 'common_cause', assurance: 'none', provisional: true });
  });

  it('collapses the limits of a single point onto it', () => {
    const result = chart([5], { polarity: 'higher', target: 4 });
    expect(result.points).toEqual([
      { value: 5, mean: 5, lpl: 5, upl: 5, lower2Sigma: 5, upper2Sigma: 5, specialCause: 'none', rules: [], side: null, segment: 0 },
    ]);
    expect(result.assurance).toBe('consistently_pass');
  });

  it('flags nothing in a flat series: every point is on the mean and no point rises', () => {
    const result = chart(Array.from({ length: 15 }, () => 7));
    expect(flagged(result)).toEqual([]);
    expect(result.points[0]).toMatchObject({ mean: 7, lpl: 7, upl: 7 });
  });

  it('refuses a gap in the series', () => {
    expect(() => chart([1, 2, Number.NaN, 4])).toThrow('SPC point 3 has no value; the series must have no gaps');
  });
});
