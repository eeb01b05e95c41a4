/**
 * Direction of travel: is the latest value better, worse, or not significantly different
 * from the previous one?
 *
 * Judged by polarity, not by the sign of the change: vehicle crime rising from 5.71 to 6.35
 * is worsening, first time entrants falling from 212 to 185 is improving. The suggestion
 * always carries its reason, because analysts check it and may override it.
 *
 * Significance, best evidence first:
 *  1. counts known (and, for percentages, denominators): 95% confidence intervals (Byar for
 *     counts and rates, Wilson for proportions); overlapping intervals = no significant change;
 *  2. else a tolerance band: a change of at most tolerancePercent of the previous value is no
 *     significant change;
 *  3. else any change at the published decimals counts.
 */
import type { Direction, Polarity, Unit } from './types';
import type { Interval } from './confidence';
import { byarInterval, intervalsOverlap, wilsonInterval } from './confidence';
import { formatNumber, roundHalfAwayFromZero } from './format';
import { percentVariance } from './values';
import { DIRECTION_WORDS } from './vocabulary';

export interface DirectionInput {
  previous: number | null;
  latest: number | null;
  polarity: Polarity;
  tolerancePercent: number | null;
  decimals: number;
  unit: Unit;
  /** The counts behind the values (numerators for percentages), when known. */
  previousCount?: number | null;
  latestCount?: number | null;
  /** Denominators: needed for percentages; for rates and ratios they scale a zero count. */
  previousDenominator?: number | null;
  latestDenominator?: number | null;
}

export type DirectionMethod = 'confidence_intervals' | 'tolerance' | 'any_change';

export interface DirectionSuggestion {
  direction: Direction | null;
  /** % change from the previous value; null when either is missing or the previous is 0. */
  change: number | null;
  reason: string;
  /** How significance was judged; null when there was nothing to judge. */
  method: DirectionMethod | null;
}

// A change exactly at the tolerance is inside the band; this forgives binary error such as
// 3.3 -> 3.63 computing as a 10.000000000000009% rise against a 10% tolerance.
const TOLERANCE_SLACK = 1e-9;

function known(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

function valueText(value: number, unit: Unit, decimals: number): string {
  return `${formatNumber(value, decimals)}${unit === 'percent' ? '%' : ''}`;
}

function signedPercent(change: number): string {
  const text = formatNumber(change, 1);
  return roundHalfAwayFromZero(change, 1) > 0 ? `+${text}%` : `${text}%`;
}

type Intervals = { latest: Interval; previous: Interval } | { unusable: string } | null;

/** Scale from a count's interval to the value's: value per unit of count. */
function countScale(value: number, count: number, unit: Unit, denominator: number | null | undefined): number | null {
  if (count > 0) return value / count;
  if (unit === 'count') return 1;
  if (known(denominator) && denominator > 0) return unit === 'rate_per_1000' ? 1000 / denominator : 1 / denominator;
  return null;
}

function confidenceIntervals(input: DirectionInput, previous: number, latest: number): Intervals {
  const { previousCount, latestCount, previousDenominator, latestDenominator, unit } = input;
  if (!known(previousCount) || !known(latestCount)) return null;
  if (previousCount < 0 || latestCount < 0) return { unusable: 'a count is negative' };
  if (unit === 'percent') {
    if (!known(previousDenominator) || !known(latestDenominator)) return null;
    if (previousDenominator <= 0 || latestDenominator <= 0) return { unusable: 'a denominator is not above 0' };
    if (previousCount > previousDenominator || latestCount > latestDenominator) {
      return { unusable: 'a numerator is larger than its denominator' };
    }
    const asPercent = (i: Interval): Interval => ({ lower: i.lower * 100, upper: i.upper * 100 });
    return {
      previous: asPercent(wilsonInterval(previousCount, previousDenominator)),
      latest: asPercent(wilsonInterval(latestCount, latestDenominator)),
    };
  }
  const previousScale = countScale(previous, previousCount, unit, previousDenominator);
  const latestScale = countScale(latest, latestCount, unit, latestDenominator);
  if (previousScale === null || latestScale === null) return { unusable: 'a zero count has no denominator to scale it' };
  const scaled = (i: Interval, scale: number): Interval => ({ lower: i.lower * scale, upper: i.upper * scale });
  return {
    previous: scaled(byarInterval(previousCount), previousScale),
    latest: scaled(byarInterval(latestCount), latestScale),
  };
}

export function directionOfTravel(input: DirectionInput): DirectionSuggestion {
  const { previous, latest, polarity, tolerancePercent, decimals, unit } = input;
  if (!known(previous) && !known(latest)) {
    return { direction: null, change: null, reason: 'No previous or latest value to compare', method: null };
  }
  if (!known(previous)) return { direction: null, change: null, reason: 'No previous value to compare with', method: null };
  if (!known(latest)) return { direction: null, change: null, reason: 'No latest value to compare with', method: null };
  if (tolerancePercent !== null && !(tolerancePercent >= 0)) {
    return { direction: null, change: null, reason: `The tolerance must be 0% or more, not ${tolerancePercent}%`, method: null };
  }

  const fmt = (v: number): string => valueText(v, unit, decimals);
  const change = percentVariance(latest, previous);
  const changeText =
    change !== null ? signedPercent(change) : latest === previous ? 'no change' : `${latest > previous ? 'up' : 'down'} from 0`;
  let head = `${fmt(latest)} vs ${fmt(previous)}: ${changeText}`;

  let significant: boolean;
  let detail: string;
  let method: DirectionMethod;
  const intervals = confidenceIntervals(input, previous, latest);
  if (intervals && 'latest' in intervals) {
    const overlap = intervalsOverlap(intervals.latest, intervals.previous);
    const range = (i: Interval): string => `${fmt(i.lower)} to ${fmt(i.upper)}`;
    significant = !overlap;
    detail = `95% confidence intervals ${overlap ? 'overlap' : 'do not overlap'} (${range(intervals.latest)} vs ${range(intervals.previous)})`;
    method = 'confidence_intervals';
  } else {
    if (intervals) head += ` (counts not used: ${intervals.unusable})`;
    if (tolerancePercent !== null) {
      significant = change === null ? latest !== previous : Math.abs(change) > tolerancePercent + TOLERANCE_SLACK;
      detail = `${significant ? 'beyond' : 'within'} the ${tolerancePercent}% tolerance`;
      method = 'tolerance';
    } else {
      // Without a band, judge what the reader sees: 5.714 vs 5.711 both print as 5.71.
      significant = roundHalfAwayFromZero(latest, decimals) !== roundHalfAwayFromZero(previous, decimals);
      detail = significant ? 'no tolerance set, so any change counts' : 'no change at the published decimals';
      method = 'any_change';
    }
  }

  if (!significant) {
    return { direction: 'no_change', change, reason: `${head}, ${detail}: ${DIRECTION_WORDS.no_change}`, method };
  }
  const rising = latest > previous;
  if (polarity === 'none') {
    return { direction: null, change, reason: `${head}, ${detail}; no judgement: ${rising ? 'higher' : 'lower'}`, method };
  }
  const improving = polarity === 'higher' ? rising : !rising;
  const direction: Direction = improving ? 'improving' : 'worsening';
  return { direction, change, reason: `${head}, ${detail}; ${polarity} is better: ${direction}`, method };
}
