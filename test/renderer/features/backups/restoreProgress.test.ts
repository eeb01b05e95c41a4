import { describe, expect, it } from 'vitest';
import { NO_JOB, startingJob } from '../../../../shared/api/jobs';
import { restoreLabel, restoreProgressText, savedAtText, sizeText } from '../../../../renderer/src/features/backups/restoreProgress';

describe('the Backups dialog in words', () => {
  it("says when each version was saved to the second, in the computer's time, and names each Restore button by it", () => {
    const at = new Date(2026, 11, 2, 14, 7, 5).toISOString();
    expect(savedAtText(at)).toBe('2 Dec 2026, 14:07:05');
    expect(restoreLabel({ name: '000002 x.boardpack', savedAt: at, size: 1 })).toBe('Restore the version saved 2 Dec 2026, 14:07:05');
    expect(savedAtText('not a time')).toBe('not a time');
  });

  it('gives sizes in KB and MB', () => {
    expect(sizeText(323_584)).toBe('316 KB');
    expect(sizeText(10)).toBe('1 KB');
    expect(sizeText(5 * 1024 * 1024 + 300_000)).toBe('5.3 MB');
  });

  it("shows the restore's phase and percentage, 0% before the core has said anything, and Cancelling once cancelled", () => {
    expect(restoreProgressText(null)).toBe('Restoring the backup: 0%');
    expect(restoreProgressText(NO_JOB)).toBe('Restoring the backup: 0%');
    expect(restoreProgressText({ ...startingJob('restore'), fraction: 0.456 })).toBe('Restoring the backup: 46%');
    expect(restoreProgressText({ ...startingJob('restore'), fraction: 0.5, cancelled: true })).toBe('Cancelling...');
    // Another kind of job's progress is not the restore's.
    expect(restoreProgressText({ ...startingJob('import'), fraction: 0.7 })).toBe('Restoring the backup: 0%');
  });
});
