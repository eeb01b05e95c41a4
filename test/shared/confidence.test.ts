import { describe, expect, it } from 'vitest';
import {
  byarInterval,
  exactPoissonInterval,
  intervalsOverlap,
  rateInterval,
  wilsonInterval,
  Z_99_8,
} from '../../shared/domain/confidence';

const round = (n: number, decimals: number): number => Number(n.toFixed(decimals));

describe('byarInterval', () => {
  it('gives the DOMAIN check value: 65 at 95% is 50.16 to 82.85', () => {
    const { lower, upper } = byarInterval(65);
    expect(round(lower, 2)).toBe(50.16);
    expect(round(upper, 2)).toBe(82.85);
  });

  it("uses Byar's formula from 10 upwards", () => {
    const x = 10;
    const z = 1.96;
    expect(byarInterval(10).lower).toBeCloseTo(x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3, 12);
    expect(byarInterval(10).upper).toBeCloseTo((x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1))) ** 3, 12);
    expect(round(byarInterval(10).lower, 3)).toBe(4.787);
    expect(round(byarInterval(10).upper, 3)).toBe(18.392);
    expect(round(byarInterval(1000).lower, 2)).toBe(938.97);
    expect(round(byarInterval(1000).upper, 2)).toBe(1063.95);
  });

  it('uses the exact Poisson interval below 10', () => {
    expect(byarInterval(9)).toEqual(exactPoissonInterval(9));
    expect(byarInterval(0)).toEqual(exactPoissonInterval(0));
  });

  it('widens at 99.8%', () => {
    const { lower, upper } = byarInterval(65, Z_99_8);
    expect(round(lower, 2)).toBe(42.88);
    expect(round(upper, 2)).toBe(94.0);
  });

  it('refuses a negative count or a bad z', () => {
    expect(() => byarInterval(-1)).toThrow(RangeError);
    expect(() => byarInterval(Number.NaN)).toThrow(RangeError);
    expect(() => byarInterval(5, 0)).toThrow(RangeError);
  });
});

describe('exactPoissonInterval', () => {
  it('gives 0 to 3.689 for a count of 0 at 95%', () => {
    const { lower, upper } = exactPoissonInterval(0);
    expect(lower).toBe(0);
    expect(round(upper, 3)).toBe(3.689);
  });

  it('matches published exact limits for small counts', () => {
    const published: Array<[number, number, number]> = [
      [1, 0.0253, 5.5716],
      [2, 0.2422, 7.2247],
      [5, 1.6235, 11.6683],
      [9, 4.1153, 17.0848],
    ];
    for (const [count, lower, upper] of published) {
      const interval = exactPoissonInterval(count);
      expect(interval.lower, `lower ${count}`).toBeCloseTo(lower, 3);
      expect(interval.upper, `upper ${count}`).toBeCloseTo(upper, 3);
    }
  });

  it('gives 0 to 6.908 for 0 at 99.8%', () => {
    expect(round(exactPoissonInterval(0, Z_99_8).upper, 3)).toBe(6.908);
  });
});

describe('rateInterval', () => {
  it("scales the count's interval to the rate", () => {
    const interval = rateInterval(65, 100_000);
    expect(interval?.lower).toBeCloseTo(0.5016, 4);
    expect(interval?.upper).toBeCloseTo(0.8285, 4);
    expect(rateInterval(65, 100_000, 100_000)?.lower).toBeCloseTo(50.16, 2);
  });
  it('is null without a population', () => {
    expect(rateInterval(65, null)).toBeNull();
    expect(rateInterval(65, 0)).toBeNull();
  });
});

describe('wilsonInterval', () => {
  it('gives the DOMAIN check value: 65 of 100 is 0.5525 to 0.7364', () => {
    const { lower, upper } = wilsonInterval(65, 100);
    expect(round(lower, 4)).toBe(0.5525);
    expect(round(upper, 4)).toBe(0.7364);
  });

  it('stays within 0 to 1 at the extremes', () => {
    const none = wilsonInterval(0, 20);
    expect(none.lower).toBe(0);
    expect(round(none.upper, 4)).toBe(0.1611);
    const all = wilsonInterval(20, 20);
    expect(all.upper).toBe(1);
    expect(round(all.lower, 4)).toBe(0.8389);
  });

  it('refuses impossible proportions', () => {
    expect(() => wilsonInterval(5, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(6, 5)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 5)).toThrow(RangeError);
  });
});

describe('intervalsOverlap', () => {
  it('counts touching intervals as overlapping', () => {
    expect(intervalsOverlap({ lower: 1, upper: 2 }, { lower: 2, upper: 3 })).toBe(true);
    expect(intervalsOverlap({ lower: 1, upper: 2 }, { lower: 1.5, upper: 1.6 })).toBe(true);
    expect(intervalsOverlap({ lower: 1, upper: 2 }, { lower: 2.01, upper: 3 })).toBe(false);
    expect(intervalsOverlap({ lower: 5, upper: 6 }, { lower: 1, upper: 2 })).toBe(false);
  });
});
