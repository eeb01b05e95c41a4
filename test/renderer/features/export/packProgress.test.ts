import { describe, expect, it } from 'vitest';
import { drawingProgress, jobStepProgress } from '../../../../renderer/src/features/export/packProgress';
import { NO_JOB } from '../../../../shared/api/jobs';

describe('the agenda pack progress in words', () => {
  it('counts the charts drawn, then the core job\'s phase and parts', () => {
    expect(drawingProgress(0, 0, false)).toEqual({ text: 'Drawing the charts', fraction: undefined, cancelled: false });
    expect(drawingProgress(3, 12, false)).toEqual({ text: 'Drawing the charts: 3 of 12 indicators', fraction: 0.25, cancelled: false });
    const job = { ...NO_JOB, running: true, kind: 'export' as const };
    expect(jobStepProgress({ ...job, phase: 'preparing', done: 4, total: 6, fraction: 4 / 6 }, false)).toMatchObject({ text: "Preparing the indicators' pages: 4 of 6", fraction: 4 / 6 });
    expect(jobStepProgress({ ...job, phase: 'laying-out', done: 0, total: 0, fraction: 0 }, false)).toEqual({ text: 'Laying out the pages', fraction: undefined, cancelled: false });
    expect(jobStepProgress({ ...job, phase: 'writing', done: 0, total: 0, fraction: 0.456 }, false).text).toBe('Writing the file: 46%');
  });

  it('is cancelled when the window or the core says so', () => {
    const job = { ...NO_JOB, running: true, kind: 'export' as const, phase: 'preparing' as const };
    expect(jobStepProgress(job, true).cancelled).toBe(true);
    expect(jobStepProgress({ ...job, cancelled: true }, false).cancelled).toBe(true);
    expect(drawingProgress(1, 2, true).cancelled).toBe(true);
  });
});
