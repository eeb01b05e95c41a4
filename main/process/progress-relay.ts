/**
 * How the core tells its host how far a long job has got: at most one progress message per
 * `intervalMs`, the latest always kept. A police.uk import reports every 64 KB it reads, about
 * 800 reports a second; one IPC message each cost a tenth of the import. A progress bar redrawn
 * every 50 ms looks the same, and a change of phase, file or running state, or Cancel, goes out
 * at once so the words beside the bar never lag.
 */
import type { JobProgress } from '../../shared/api/types';

export const PROGRESS_INTERVAL_MS = 50;

export interface ProgressRelay {
  /** The job's latest progress: sent now, or within `intervalMs` if one was sent just before. */
  report(progress: JobProgress): void;
  /** Drops a report still waiting (the job has ended; its result says the rest). */
  clear(): void;
}

export function progressRelay(send: (progress: JobProgress) => void, intervalMs = PROGRESS_INTERVAL_MS, now: () => number = () => performance.now()): ProgressRelay {
  let lastSent: JobProgress | null = null;
  let lastAt = -Infinity;
  let waiting: JobProgress | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const sendNow = (progress: JobProgress) => {
    lastSent = progress;
    lastAt = now();
    waiting = null;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    send(progress);
  };
  /** What the analyst reads beside the bar changed (not just how far it has got). */
  const newsFor = (progress: JobProgress) =>
    lastSent === null ||
    progress.running !== lastSent.running ||
    progress.kind !== lastSent.kind ||
    progress.phase !== lastSent.phase ||
    progress.file !== lastSent.file ||
    progress.cancelled !== lastSent.cancelled ||
    (progress.fraction >= 1 && lastSent.fraction < 1);

  return {
    report(progress) {
      if (newsFor(progress) || now() - lastAt >= intervalMs) {
        sendNow(progress);
        return;
      }
      waiting = progress;
      // Sent when the core's event loop next turns after the interval: a long step breathes every
      // 40 ms (running.ts), so the bar still moves while it runs.
      timer ??= setTimeout(() => {
        timer = null;
        if (waiting) sendNow(waiting);
      }, Math.max(0, intervalMs - (now() - lastAt)));
    },
    clear() {
      waiting = null;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
