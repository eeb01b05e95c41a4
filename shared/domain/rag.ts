/**
 * A suggested progress RAG for an indicator.
 *
 * With a target: G when the latest value meets or beats it (by polarity), A when it misses by
 * no more than the tolerance (a percentage of the target), else R. Without a target the
 * direction of travel decides: improving G, no significant change A, worsening R.
 *
 * The latest value is compared as published (rounded to the indicator's decimals): a value
 * printed as "40.0%" against a 40% target must not be called a miss.
 */
import type { Direction, Polarity, Rag } from './types';
import { formatNumber, roundHalfAwayFromZero } from './format';
import { DIRECTION_WORDS } from './vocabulary';

export interface ProgressRagInput {
  direction: Direction | null;
  latest: number | null;
  target: number | null;
  tolerancePercent: number | null;
  polarity: Polarity;
  decimals: number;
}

export interface RagSuggestion {
  rag: Rag | null;
  reason: string;
}

const SLACK = 1e-9;

const FROM_DIRECTION: Record<Direction, Rag> = { improving: 'G', no_change: 'A', worsening: 'R' };

export function suggestProgressRag(input: ProgressRagInput): RagSuggestion {
  const { direction, latest, target, tolerancePercent, polarity, decimals } = input;
  if (target === null || !Number.isFinite(target)) {
    if (direction === null) return { rag: null, reason: 'No target and no direction of travel to judge by' };
    const rag = FROM_DIRECTION[direction];
    return { rag, reason: `No target; direction of travel ${DIRECTION_WORDS[direction]}: ${rag}` };
  }
  const fmt = (v: number): string => formatNumber(v, decimals);
  if (latest === null || !Number.isFinite(latest)) {
    return { rag: null, reason: `No latest value to compare with the target of ${fmt(target)}` };
  }
  if (polarity === 'none') {
    return { rag: null, reason: `No judgement against the target of ${fmt(target)}: the indicator has no better direction` };
  }
  const shown = roundHalfAwayFromZero(latest, decimals);
  const shortfall = polarity === 'higher' ? target - shown : shown - target;
  const head = `${fmt(latest)} against a target of ${fmt(target)} (${polarity} is better)`;
  if (shortfall <= SLACK * Math.max(1, Math.abs(target))) {
    return { rag: 'G', reason: `${head}: meets or beats it: G` };
  }
  // A miss against a zero target has no percentage size, so no tolerance can cover it.
  const missPercent = target === 0 ? Infinity : (shortfall / Math.abs(target)) * 100;
  const missText = Number.isFinite(missPercent) ? `misses by ${formatNumber(missPercent, 1)}%` : 'misses it';
  if (tolerancePercent === null) {
    return { rag: 'R', reason: `${head}: ${missText}, no tolerance set: R` };
  }
  if (missPercent <= tolerancePercent + SLACK) {
    return { rag: 'A', reason: `${head}: ${missText}, within the ${tolerancePercent}% tolerance: A` };
  }
  return { rag: 'R', reason: `${head}: ${missText}, beyond the ${tolerancePercent}% tolerance: R` };
}
