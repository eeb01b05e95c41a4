import { describe, expect, it } from 'vitest';
import type { ProgressRagInput } from '../../shared/domain/rag';
import { suggestProgressRag } from '../../shared/domain/rag';

const base: ProgressRagInput = {
  direction: null,
  latest: 45,
  target: 40,
  tolerancePercent: 10,
  polarity: 'lower',
  decimals: 0,
};

describe('suggestProgressRag with a target', () => {
  it('is G when the value meets or beats the target, by polarity', () => {
    expect(suggestProgressRag({ ...base, latest: 38 })).toEqual({
      rag: 'G',
      reason: '38 against a target of 40 (lower is better): meets or beats it: G',
    });
    expect(suggestProgressRag({ ...base, latest: 40 }).rag).toBe('G');
    expect(suggestProgressRag({ ...base, polarity: 'higher', latest: 42 }).rag).toBe('G');
    expect(suggestProgressRag({ ...base, polarity: 'higher', latest: 40 }).rag).toBe('G');
  });

  it('is A when it misses by no more than the tolerance (a percentage of the target)', () => {
    expect(suggestProgressRag({ ...base, latest: 44 })).toEqual({
      rag: 'A',
      reason: '44 against a target of 40 (lower is better): misses by 10.0%, within the 10% tolerance: A',
    });
    expect(suggestProgressRag({ ...base, polarity: 'higher', latest: 36 }).rag).toBe('A');
  });

  it('is R when it misses by more than the tolerance', () => {
    expect(suggestProgressRag({ ...base, latest: 45 })).toEqual({
      rag: 'R',
      reason: '45 against a target of 40 (lower is better): misses by 12.5%, beyond the 10% tolerance: R',
    });
    expect(suggestProgressRag({ ...base, polarity: 'higher', latest: 35 }).rag).toBe('R');
  });

  it('is R for any miss when no tolerance is set', () => {
    expect(suggestProgressRag({ ...base, latest: 41, tolerancePercent: null })).toEqual({
      rag: 'R',
      reason: '41 against a target of 40 (lower is better): misses by 2.5%, no tolerance set: R',
    });
  });

  it('compares the value as published: 40.04 printed as 40.0 meets a target of 40', () => {
    expect(suggestProgressRag({ ...base, decimals: 1, latest: 40.04, tolerancePercent: null }).rag).toBe('G');
    expect(suggestProgressRag({ ...base, decimals: 1, latest: 40.05, tolerancePercent: null }).rag).toBe('R');
  });

  it('ignores the direction of travel when there is a target', () => {
    expect(suggestProgressRag({ ...base, latest: 38, direction: 'worsening' }).rag).toBe('G');
    expect(suggestProgressRag({ ...base, latest: 60, direction: 'improving' }).rag).toBe('R');
  });

  it('treats any miss of a zero target as beyond the tolerance', () => {
    expect(suggestProgressRag({ ...base, target: 0, latest: 1 })).toEqual({
      rag: 'R',
      reason: '1 against a target of 0 (lower is better): misses it, beyond the 10% tolerance: R',
    });
    expect(suggestProgressRag({ ...base, target: 0, latest: 0 }).rag).toBe('G');
  });

  it('handles negative targets by the size of the target', () => {
    expect(suggestProgressRag({ ...base, polarity: 'higher', target: -10, latest: -10.5 }).rag).toBe('A');
  });

  it('makes no judgement without a latest value or a polarity', () => {
    expect(suggestProgressRag({ ...base, latest: null })).toEqual({
      rag: null,
      reason: 'No latest value to compare with the target of 40',
    });
    expect(suggestProgressRag({ ...base, polarity: 'none' })).toEqual({
      rag: null,
      reason: 'No judgement against the target of 40: the indicator has no better direction',
    });
  });
});

describe('suggestProgressRag without a target', () => {
  it('follows the direction of travel', () => {
    const noTarget = { ...base, target: null };
    expect(suggestProgressRag({ ...noTarget, direction: 'improving' })).toEqual({
      rag: 'G',
      reason: 'No target; direction of travel improving: G',
    });
    expect(suggestProgressRag({ ...noTarget, direction: 'no_change' })).toEqual({
      rag: 'A',
      reason: 'No target; direction of travel no significant change: A',
    });
    expect(suggestProgressRag({ ...noTarget, direction: 'worsening' })).toEqual({
      rag: 'R',
      reason: 'No target; direction of travel worsening: R',
    });
    expect(suggestProgressRag({ ...noTarget, direction: null })).toEqual({
      rag: null,
      reason: 'No target and no direction of travel to judge by',
    });
  });
});
