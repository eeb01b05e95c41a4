/**
 * Statistical process control: the XmR chart of NHS England's "Making Data Count", computed as
 * the NHS-R Community's NHSRplotthedots R package does (with outlier screening off), so a chart
 * drawn here matches one drawn there.
 *
 * Per segment (a rebase starts a new one): the centre line is the mean; the moving range is
 * |x_i - x_(i-1)| within the segment; process limits are mean +/- 2.66 x mean(MR) and the
 * "2 sigma" lines mean +/- (2 x 2.66 / 3) x mean(MR) (NHSRplotthedots' exact constants).
 *
 * Special cause rules, each applied within one segment:
 *  - outside_limits: a point strictly beyond a process limit;
 *  - run: 7 or more points in a row on the same side of the mean. A point exactly on the mean
 *    is on neither side, so it breaks the run; every point of the run is flagged;
 *  - trend: 7 or more points in a row each strictly higher (or each strictly lower) than the one
 *    before. Following NHSRplotthedots, the 7 points include the first one, the point the rise
 *    starts from: 7 points means 6 consecutive rises, and all 7 are flagged. An equal neighbour
 *    is neither a rise nor a fall, so it breaks the trend;
 *  - two_of_three: in 3 consecutive points all on the same side of the mean, at least 2 beyond
 *    the 2 sigma line on that side; the points beyond 2 sigma are flagged (the third point is not).
 *    By default a point beyond the process limit counts as beyond 2 sigma, as Making Data
 *    Count's tools do since 2023; NHSRplotthedots (0.2.x) counts only points between 2 sigma and
 *    the limit: pass twoOfThree: 'between_limits' to match it exactly.
 *
 * A flagged point's type follows NHSRplotthedots' order of precedence: beyond a limit (its side),
 * then trend (its direction), then two of three (side), then run (side); high is improvement
 * when higher is better, concern when lower is better, neutral with no polarity.
 */
import type { Polarity } from './types';

/** Process limits: mean +/- 2.66 x mean moving range (3 sigma, as 2.66 = 3 / 1.128). */
export const SPC_LIMIT = 2.66;
/** The 2 sigma lines, exactly as NHSRplotthedots computes them: 2 x (2.66 / 3). */
export const SPC_TWO_SIGMA = 2 * (SPC_LIMIT / 3);
/** Runs and trends need this many points. */
export const SPC_RULE_POINTS = 7;
/** Below this many points in the latest segment the limits are provisional. */
export const SPC_MIN_POINTS = 12;

export type SpcRule = 'outside_limits' | 'run' | 'trend' | 'two_of_three';
export type SpecialCause = 'improvement' | 'concern' | 'neutral' | 'none';
export type Variation = 'common_cause' | 'special_cause_improvement' | 'special_cause_concern' | 'special_cause_neutral';
export type Assurance = 'consistently_pass' | 'consistently_fail' | 'hit_and_miss' | 'none';

export interface SpcPoint {
  value: number;
  mean: number;
  lpl: number;
  upl: number;
  lower2Sigma: number;
  upper2Sigma: number;
  specialCause: SpecialCause;
  /** The rules that flag this point, in the order outside_limits, run, trend, two_of_three. */
  rules: SpcRule[];
  /** Which way the special cause points: above the mean or rising is 'high'; null when none. */
  side: 'high' | 'low' | null;
  /** 0 for the first segment, 1 after the first rebase, and so on. */
  segment: number;
}

export interface SpcOptions {
  polarity: Polarity;
  target?: number | null;
  /** Indices where a new segment starts (0 and out-of-range indices are ignored). */
  rebaseAt?: number[];
  /** See the module comment: which points count as beyond 2 sigma for the two of three rule. */
  twoOfThree?: 'beyond_two_sigma' | 'between_limits';
}

export interface SpcResult {
  points: SpcPoint[];
  /** Judged on the last point, as the Making Data Count variation icon is. */
  variation: Variation;
  /** Judged on the latest segment's limits. */
  assurance: Assurance;
  /** Fewer than 12 points in the latest segment: limits may move as data arrive. */
  provisional: boolean;
}

type Sign = -1 | 0 | 1;

function sign(n: number): Sign {
  return n > 0 ? 1 : n < 0 ? -1 : 0;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Start indices of the segments: always 0, then each valid rebase index once, in order. */
function segmentStarts(length: number, rebaseAt: readonly number[] = []): number[] {
  const valid = rebaseAt.filter((i) => Number.isInteger(i) && i > 0 && i < length);
  return [0, ...new Set(valid)].sort((a, b) => a - b);
}

interface Flags {
  rules: Array<Set<SpcRule>>;
  /** Direction of the trend a point belongs to (the later trend wins at a turning point). */
  trend: Sign[];
}

function flagRuns(relative: readonly Sign[], flags: Flags): void {
  let start = 0;
  for (let i = 1; i <= relative.length; i++) {
    if (i < relative.length && relative[i] === relative[start]) continue;
    if (relative[start] !== 0 && i - start >= SPC_RULE_POINTS) {
      for (let j = start; j < i; j++) flags.rules[j]?.add('run');
    }
    start = i;
  }
}

function flagTrends(values: readonly number[], flags: Flags): void {
  // steps[i] is the step into point i + 1; a trend of 7 points is 6 equal, non-zero steps.
  const steps = values.slice(1).map((v, i) => sign(v - (values[i] ?? v)));
  let start = 0;
  for (let i = 1; i <= steps.length; i++) {
    if (i < steps.length && steps[i] === steps[start]) continue;
    const direction = steps[start] ?? 0;
    if (direction !== 0 && i - start >= SPC_RULE_POINTS - 1) {
      // Steps start..i-1 join points start..i: the first point of the trend is included. At a
      // turning point shared by two trends the later one's direction wins, as NHSRplotthedots'
      // "use the step to the right" rule gives.
      for (let j = start; j <= i; j++) {
        flags.rules[j]?.add('trend');
        flags.trend[j] = direction;
      }
    }
    start = i;
  }
}

function flagTwoOfThree(relative: readonly Sign[], beyond: readonly boolean[], flags: Flags): void {
  for (let w = 0; w + 2 < relative.length; w++) {
    const side = relative[w];
    if (side === 0 || relative[w + 1] !== side || relative[w + 2] !== side) continue;
    const beyondInWindow = [w, w + 1, w + 2].filter((i) => beyond[i]);
    if (beyondInWindow.length >= 2) for (const i of beyondInWindow) flags.rules[i]?.add('two_of_three');
  }
}

const RULE_ORDER: readonly SpcRule[] = ['outside_limits', 'run', 'trend', 'two_of_three'];

function orient(direction: Sign, polarity: Polarity): SpecialCause {
  if (direction === 0) return 'none';
  if (polarity === 'none') return 'neutral';
  return (direction > 0) === (polarity === 'higher') ? 'improvement' : 'concern';
}

function segment(values: readonly number[], index: number, options: SpcOptions): SpcPoint[] {
  const centre = mean(values);
  const movingRanges = values.slice(1).map((v, i) => Math.abs(v - (values[i] ?? v)));
  // A one-point segment has no moving range: its limits collapse onto the mean.
  const averageRange = movingRanges.length > 0 ? mean(movingRanges) : 0;
  const lpl = centre - SPC_LIMIT * averageRange;
  const upl = centre + SPC_LIMIT * averageRange;
  const lower2Sigma = centre - SPC_TWO_SIGMA * averageRange;
  const upper2Sigma = centre + SPC_TWO_SIGMA * averageRange;

  const relative = values.map((v) => sign(v - centre));
  const outside = values.map((v) => v > upl || v < lpl);
  const beyondTwoSigma = values.map(
    (v, i) => (v > upper2Sigma || v < lower2Sigma) && (options.twoOfThree !== 'between_limits' || !outside[i]),
  );
  const flags: Flags = { rules: values.map(() => new Set<SpcRule>()), trend: values.map(() => 0) };
  outside.forEach((o, i) => {
    if (o) flags.rules[i]?.add('outside_limits');
  });
  flagRuns(relative, flags);
  flagTrends(values, flags);
  flagTwoOfThree(relative, beyondTwoSigma, flags);

  return values.map((value, i) => {
    const rules = flags.rules[i] ?? new Set<SpcRule>();
    const side = relative[i] ?? 0;
    // Precedence as NHSRplotthedots: limits, then trend, then two of three, then run.
    const direction: Sign = rules.has('outside_limits')
      ? side
      : rules.has('trend')
        ? (flags.trend[i] ?? 0)
        : rules.has('two_of_three') || rules.has('run')
          ? side
          : 0;
    return {
      value,
      mean: centre,
      lpl,
      upl,
      lower2Sigma,
      upper2Sigma,
      specialCause: orient(direction, options.polarity),
      rules: RULE_ORDER.filter((r) => rules.has(r)),
      side: direction > 0 ? 'high' : direction < 0 ? 'low' : null,
      segment: index,
    };
  });
}

const VARIATION: Record<SpecialCause, Variation> = {
  none: 'common_cause',
  improvement: 'special_cause_improvement',
  concern: 'special_cause_concern',
  neutral: 'special_cause_neutral',
};

function assurance(last: SpcPoint | undefined, options: SpcOptions): Assurance {
  const { target, polarity } = options;
  if (!last || target === null || target === undefined || !Number.isFinite(target) || polarity === 'none') return 'none';
  // As NHSRplotthedots: strictly beyond a limit; a target on a limit is hit and miss.
  if (target > last.upl) return polarity === 'higher' ? 'consistently_fail' : 'consistently_pass';
  if (target < last.lpl) return polarity === 'higher' ? 'consistently_pass' : 'consistently_fail';
  return 'hit_and_miss';
}

/**
 * The XmR chart of a series in time order. Every value must be a finite number: a gap in the
 * series would silently join two moving ranges, so it is refused.
 */
export function spc(points: ReadonlyArray<{ value: number }>, options: SpcOptions): SpcResult {
  const values = points.map((p, i) => {
    if (!Number.isFinite(p.value)) throw new RangeError(`SPC point ${i + 1} has no value; the series must have no gaps`);
    return p.value;
  });
  const starts = segmentStarts(values.length, options.rebaseAt);
  const charted = starts.flatMap((start, s) =>
    values.length === 0 ? [] : segment(values.slice(start, starts[s + 1] ?? values.length), s, options),
  );
  const last = charted[charted.length - 1];
  const lastSegmentLength = values.length - (starts[starts.length - 1] ?? 0);
  return {
    points: charted,
    variation: last ? VARIATION[last.specialCause] : 'common_cause',
    assurance: assurance(last, options),
    provisional: lastSegmentLength < SPC_MIN_POINTS,
  };
}
