import { describe, expect, it } from 'vitest';
import type { DirectionInput } from '../../shared/domain/direction';
import { directionOfTravel } from '../../shared/domain/direction';
import { ARROW_DIRECTION, bareNumber, demoRows } from './demo-appendix';

const base: DirectionInput = {
  previous: 5.71,
  latest: 6.35,
  polarity: 'lower',
  tolerancePercent: 5,
  decimals: 2,
  unit: 'rate_per_1000',
};

describe('directionOfTravel on the published 2014/15 Q4 appendix', () => {
  const rows = demoRows();

  it('has the twelve published rows', () => {
    expect(rows).toHaveLength(12);
    expect(rows.every((row) => row.arrow in ARROW_DIRECTION)).toBe(true);
  });

  it.each(rows.map((row) => [row.name, row] as const))('suggests the published arrow for %s', (_name, row) => {
    const d = row.definition;
    const suggestion = directionOfTravel({
      previous: bareNumber(row.previousText),
      latest: bareNumber(row.latestText),
      polarity: d.polarity,
      tolerancePercent: d.tolerancePercent,
      decimals: d.decimals,
      unit: d.unit,
    });
    const published = ARROW_DIRECTION[row.arrow];
    if (d.directionOverride) {
      // The two overrides exist because no sensible tolerance gives the published arrow.
      expect(suggestion.direction).not.toBe(published);
      expect(d.directionOverride.direction).toBe(published);
    } else {
      expect(suggestion.direction, suggestion.reason).toBe(published);
    }
    expect(suggestion.method).toBe('tolerance');
  });

  it('has exactly two overridden rows', () => {
    expect(rows.filter((row) => row.definition.directionOverride).map((row) => row.name)).toEqual([
      '% Reduction in offending by IOM & PPO Offenders',
      '% of domestic violence cases reviewed at MARAC that are repeat incidents',
    ]);
  });
});

describe('directionOfTravel: the DOMAIN examples', () => {
  it('vehicle crime 5.71 -> 6.35 is worsening (a rise, and lower is better)', () => {
    expect(directionOfTravel(base)).toEqual({
      direction: 'worsening',
      change: expect.closeTo(11.208, 3) as number,
      reason: '6.35 vs 5.71: +11.2%, beyond the 5% tolerance; lower is better: worsening',
      method: 'tolerance',
    });
  });

  it('first time entrants 212 -> 185 is improving with a 10% tolerance', () => {
    const result = directionOfTravel({ ...base, previous: 212, latest: 185, tolerancePercent: 10, decimals: 0, unit: 'count' });
    expect(result.direction).toBe('improving');
    expect(result.reason).toBe('185 vs 212: -12.7%, beyond the 10% tolerance; lower is better: improving');
  });
});

describe('directionOfTravel: tolerance band', () => {
  it('calls a change within the band no significant change, whatever the polarity', () => {
    for (const polarity of ['lower', 'higher', 'none'] as const) {
      const result = directionOfTravel({ ...base, polarity, previous: 47.18, latest: 45.79 });
      expect(result.direction).toBe('no_change');
      expect(result.reason).toBe('45.79 vs 47.18: -2.9%, within the 5% tolerance: no significant change');
    }
  });

  it('keeps a change exactly at the tolerance inside the band, despite binary error', () => {
    expect(directionOfTravel({ ...base, previous: 3.3, latest: 3.63, tolerancePercent: 10 }).direction).toBe('no_change');
    expect(directionOfTravel({ ...base, previous: 100, latest: 110, tolerancePercent: 10 }).direction).toBe('no_change');
    expect(directionOfTravel({ ...base, previous: 100, latest: 110.01, tolerancePercent: 10 }).direction).toBe('worsening');
    expect(directionOfTravel({ ...base, previous: 100, latest: 90, tolerancePercent: 10 }).direction).toBe('no_change');
  });

  it('orients by polarity: a rise is improving when higher is better', () => {
    const result = directionOfTravel({ ...base, polarity: 'higher', previous: 79, latest: 86.1, unit: 'percent', decimals: 1 });
    expect(result.direction).toBe('improving');
    expect(result.reason).toBe('86.1% vs 79.0%: +9.0%, beyond the 5% tolerance; higher is better: improving');
    const fall = directionOfTravel({ ...base, polarity: 'higher', previous: 86.1, latest: 79, unit: 'percent', decimals: 1 });
    expect(fall.direction).toBe('worsening');
  });

  it('makes no judgement beyond the band when the indicator has no polarity', () => {
    const up = directionOfTravel({ ...base, polarity: 'none' });
    expect(up.direction).toBeNull();
    expect(up.reason).toBe('6.35 vs 5.71: +11.2%, beyond the 5% tolerance; no judgement: higher');
    const down = directionOfTravel({ ...base, polarity: 'none', previous: 6.35, latest: 5.71 });
    expect(down.direction).toBeNull();
    expect(down.reason).toBe('5.71 vs 6.35: -10.1%, beyond the 5% tolerance; no judgement: lower');
  });

  it('treats a zero tolerance as "any change counts"', () => {
    expect(directionOfTravel({ ...base, tolerancePercent: 0, latest: 5.72 }).direction).toBe('worsening');
    expect(directionOfTravel({ ...base, tolerancePercent: 0, latest: 5.71 }).direction).toBe('no_change');
  });

  it('refuses a negative tolerance rather than guessing', () => {
    expect(directionOfTravel({ ...base, tolerancePercent: -5 })).toEqual({
      direction: null,
      change: null,
      reason: 'The tolerance must be 0% or more, not -5%',
      method: null,
    });
  });

  it('handles a previous value of 0, which has no percentage change', () => {
    const fromZero = directionOfTravel({ ...base, previous: 0, latest: 3 });
    expect(fromZero.change).toBeNull();
    expect(fromZero.direction).toBe('worsening');
    expect(fromZero.reason).toBe('3.00 vs 0.00: up from 0, beyond the 5% tolerance; lower is better: worsening');
    const bothZero = directionOfTravel({ ...base, previous: 0, latest: 0 });
    expect(bothZero.direction).toBe('no_change');
    expect(bothZero.reason).toBe('0.00 vs 0.00: no change, within the 5% tolerance: no significant change');
  });
});

describe('directionOfTravel: no tolerance, no counts', () => {
  it('counts any change', () => {
    const result = directionOfTravel({ ...base, tolerancePercent: null, latest: 5.8 });
    expect(result.direction).toBe('worsening');
    expect(result.method).toBe('any_change');
    expect(result.reason).toBe('5.80 vs 5.71: +1.6%, no tolerance set, so any change counts; lower is better: worsening');
  });

  it('judges what the reader sees: values equal at the published decimals are no change', () => {
    const result = directionOfTravel({ ...base, tolerancePercent: null, previous: 5.711, latest: 5.714 });
    expect(result.direction).toBe('no_change');
    expect(result.reason).toBe('5.71 vs 5.71: +0.1%, no change at the published decimals: no significant change');
  });
});

describe('directionOfTravel: confidence intervals from counts', () => {
  it('calls overlapping Byar intervals no significant change, even beyond the tolerance', () => {
    const result = directionOfTravel({
      ...base,
      unit: 'count',
      decimals: 0,
      previous: 65,
      latest: 80,
      previousCount: 65,
      latestCount: 80,
      tolerancePercent: 5,
    });
    expect(result.method).toBe('confidence_intervals');
    expect(result.direction).toBe('no_change');
    expect(result.reason).toBe(
      '80 vs 65: +23.1%, 95% confidence intervals overlap (63 to 100 vs 50 to 83): no significant change',
    );
  });

  it('calls separate intervals a change, oriented by polarity', () => {
    const result = directionOfTravel({
      ...base,
      unit: 'count',
      decimals: 0,
      previous: 212,
      latest: 150,
      previousCount: 212,
      latestCount: 150,
      tolerancePercent: null,
    });
    expect(result.direction).toBe('improving');
    expect(result.reason).toBe(
      '150 vs 212: -29.2%, 95% confidence intervals do not overlap (127 to 176 vs 184 to 243); lower is better: improving',
    );
  });

  it('scales count intervals to rates: value / count', () => {
    // 4,200 crimes -> 6.35 per 1,000; 3,780 -> 5.71 per 1,000 (about 661,000 people)
    const result = directionOfTravel({ ...base, previousCount: 3780, latestCount: 4200 });
    expect(result.method).toBe('confidence_intervals');
    expect(result.direction).toBe('worsening');
    expect(result.reason).toBe(
      '6.35 vs 5.71: +11.2%, 95% confidence intervals do not overlap (6.16 to 6.55 vs 5.53 to 5.89); lower is better: worsening',
    );
    // Small counts behind the same rates: intervals overlap.
    const small = directionOfTravel({ ...base, previousCount: 57, latestCount: 63 });
    expect(small.direction).toBe('no_change');
  });

  it('uses small-count exact intervals, and a denominator to scale a zero count', () => {
    const result = directionOfTravel({
      ...base,
      previous: 0,
      latest: 0.02,
      previousCount: 0,
      latestCount: 2,
      previousDenominator: 100_000,
      latestDenominator: 100_000,
    });
    expect(result.method).toBe('confidence_intervals');
    expect(result.direction).toBe('no_change');
    // 0 -> 0 to 3.689 per 100,000 = 0.00 to 0.04 per 1,000
    expect(result.reason).toContain('vs 0.00 to 0.04)');
  });

  it('falls back to the tolerance when a zero count cannot be scaled', () => {
    const result = directionOfTravel({ ...base, previous: 0, latest: 0.02, previousCount: 0, latestCount: 2 });
    expect(result.method).toBe('tolerance');
    expect(result.reason).toBe(
      '0.02 vs 0.00: up from 0 (counts not used: a zero count has no denominator to scale it), beyond the 5% tolerance; lower is better: worsening',
    );
  });

  it('uses Wilson intervals for percentages with numerators and denominators', () => {
    const overlap = directionOfTravel({
      ...base,
      unit: 'percent',
      decimals: 0,
      polarity: 'lower',
      previous: 21,
      latest: 27,
      previousCount: 21,
      previousDenominator: 100,
      latestCount: 27,
      latestDenominator: 100,
    });
    expect(overlap.method).toBe('confidence_intervals');
    expect(overlap.direction).toBe('no_change');
    expect(overlap.reason).toBe(
      '27% vs 21%: +28.6%, 95% confidence intervals overlap (19% to 36% vs 14% to 30%): no significant change',
    );
    const apart = directionOfTravel({
      ...base,
      unit: 'percent',
      decimals: 1,
      polarity: 'higher',
      previous: 65,
      latest: 80,
      previousCount: 650,
      previousDenominator: 1000,
      latestCount: 800,
      latestDenominator: 1000,
    });
    expect(apart.direction).toBe('improving');
  });

  it('needs denominators for percentages, else falls back to the tolerance', () => {
    const result = directionOfTravel({
      ...base,
      unit: 'percent',
      decimals: 0,
      previous: 21,
      latest: 27,
      previousCount: 21,
      latestCount: 27,
    });
    expect(result.method).toBe('tolerance');
    expect(result.direction).toBe('worsening');
  });

  it('ignores impossible counts and says so', () => {
    const result = directionOfTravel({
      ...base,
      unit: 'percent',
      decimals: 0,
      previous: 21,
      latest: 27,
      previousCount: 21,
      latestCount: 270,
      previousDenominator: 100,
      latestDenominator: 100,
    });
    expect(result.method).toBe('tolerance');
    expect(result.reason).toContain('counts not used: a numerator is larger than its denominator');
    expect(directionOfTravel({ ...base, previousCount: -1, latestCount: 5 }).reason).toContain('a count is negative');
    expect(
      directionOfTravel({ ...base, unit: 'percent', previousCount: 1, latestCount: 1, previousDenominator: 0, latestDenominator: 5 })
        .reason,
    ).toContain('a denominator is not above 0');
  });

  it('needs both counts', () => {
    expect(directionOfTravel({ ...base, previousCount: 3780, latestCount: null }).method).toBe('tolerance');
  });
});

describe('directionOfTravel: missing values', () => {
  it('gives no direction and says which value is missing', () => {
    expect(directionOfTravel({ ...base, previous: null, latest: null })).toEqual({
      direction: null,
      change: null,
      reason: 'No previous or latest value to compare',
      method: null,
    });
    expect(directionOfTravel({ ...base, previous: null }).reason).toBe('No previous value to compare with');
    expect(directionOfTravel({ ...base, latest: null }).reason).toBe('No latest value to compare with');
    expect(directionOfTravel({ ...base, latest: Number.NaN }).direction).toBeNull();
  });
});
