/**
 * The import as a long job of the session (jobs/, `session.running`): its progress
 * (`import.progress`, and `jobs.progress` for any job) and Cancel (`import.cancel`,
 * `jobs.cancel`). One long job at a time per session: an import while another import or an
 * export runs is refused.
 */
import type { ImportProgress } from '../../../shared/api/types';
import { importProgressOf } from '../../../shared/api/jobs';
import { cancelJob, jobProgress, runJob, type JobSession } from '../jobs';
import type { ImportStep } from './importing';

export interface ImportControls {
  signal: AbortSignal;
  onProgress: (p: ImportStep) => void;
  /** True when the import must stop: Cancel was pressed here or in the host. */
  shouldStop: () => boolean;
  /** See `slicer`: called often in long loops, it pauses once a slice's time is up. */
  breathe: () => Promise<void>;
}

/** How long a long step runs before it lets the process answer other calls. */
export const SLICE_MS = 40;

/**
 * Time-slices a long synchronous loop: `breathe()` costs nothing until `sliceMs` have passed
 * since the last pause, then waits one turn of the event loop (messages from the host, other
 * API calls and progress go out), and throws the reason if `stop()` says the work must end.
 */
export function slicer(stop: () => boolean, reason: () => unknown, sliceMs = SLICE_MS, now: () => number = () => performance.now()): () => Promise<void> {
  let last = now();
  return async () => {
    if (now() - last < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = now();
    if (stop()) throw reason();
  };
}

export async function trackImport<T>(session: JobSession, work: (controls: ImportControls) => Promise<T>): Promise<T> {
  return runJob(
    session,
    'import',
    (job) =>
      work({
        signal: job.signal,
        onProgress: (p) => job.report({ file: p.file, fraction: p.fraction, ...(p.phase ? { phase: p.phase } : {}) }),
        shouldStop: job.shouldStop,
        breathe: slicer(job.shouldStop, () => job.signal.reason),
      }),
    { cancelled: 'The import was cancelled: nothing was changed.' },
  );
}

export function importProgress(session: JobSession): ImportProgress {
  return importProgressOf(jobProgress(session));
}

/** Cancels the running import (it ends with nothing changed); false when none is running. */
export function cancelImport(session: JobSession): boolean {
  return jobProgress(session).kind === 'import' && cancelJob(session);
}
