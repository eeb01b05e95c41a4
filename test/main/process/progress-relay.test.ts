import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressRelay } from '../../../main/process/progress-relay';
import type { JobProgress } from '../../../shared/api/types';

const reading = (fraction: number, file = 'ab.csv'): JobProgress => ({ running: true, kind: 'import', phase: 'reading', done: 0, total: 0, fraction, file, cancelled: false });

describe('progressRelay: the progress the core sends its host', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());
  const advance = (ms: number) => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };

  it('sends the first report at once, then at most one per interval, always the latest', () => {
    const sent: number[] = [];
    const relay = progressRelay((p) => sent.push(p.fraction), 50, now);
    relay.report(reading(0.01));
    for (let i = 2; i <= 20; i++) {
      advance(4);
      relay.report(reading(i / 100));
    }
    // 800 reports a second become 20: the first at once, then the latest at each 50 ms.
    expect(sent).toEqual([0.01, 0.13]);
    advance(50);
    expect(sent).toEqual([0.01, 0.13, 0.2]);
    advance(500);
    expect(sent).toHaveLength(3);
  });

  it('sends at once what changes the words beside the bar: another file, another phase, Cancel, the end', () => {
    const sent: JobProgress[] = [];
    const relay = progressRelay((p) => sent.push(p), 50, now);
    relay.report(reading(0.5, 'a.csv'));
    advance(1);
    relay.report(reading(0.6, 'b.csv'));
    advance(1);
    relay.report({ ...reading(0.6, 'b.csv'), phase: 'saving' });
    advance(1);
    relay.report({ ...reading(0.6, 'b.csv'), phase: 'saving', cancelled: true });
    advance(1);
    relay.report({ ...reading(1, 'b.csv'), phase: 'saving', cancelled: true });
    expect(sent.map((p) => [p.file, p.phase, p.cancelled, p.fraction])).toEqual([
      ['a.csv', 'reading', false, 0.5],
      ['b.csv', 'reading', false, 0.6],
      ['b.csv', 'saving', false, 0.6],
      ['b.csv', 'saving', true, 0.6],
      ['b.csv', 'saving', true, 1],
    ]);
  });

  it('sends nothing more once cleared (the job has ended)', () => {
    const sent: number[] = [];
    const relay = progressRelay((p) => sent.push(p.fraction), 50, now);
    relay.report(reading(0.1));
    advance(10);
    relay.report(reading(0.2));
    relay.clear();
    advance(100);
    expect(sent).toEqual([0.1]);
  });
});
