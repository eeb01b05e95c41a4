/**
 * The import as a long job of the session (jobs/): its progress (`import.progress`, and
 * `jobs.progress` for any job) and Cancel (`import.cancel`, `jobs.cancel`). One long job at a
 * time per session: an import while another import or an export runs is refused.
 */
import type { ImportProgress } from '../../../shared/api/types';
import { importProgressOf } from '../../../shared/api/jobs';
import { cancelJob, jobProgress, runJob, type JobSession } from '../jobs';
import type { ImportStep } from './importing';

/** The session as seen here: a Cancel pressed in another process may be asked for with `cancelRequested`. */
export type ImportSession = JobSession;

export interface ImportControls {
  signal: AbortSignal;
  onProgress: (p: ImportStep) => void;
  /** True when the import must stop: Cancel was pressed here or in the host. */
  shouldStop: () => boolean;
}

export async function trackImport<T>(session: ImportSession, work: (controls: ImportControls) => Promise<T>): Promise<T> {
  return runJob(
    session,
    'import',
    (job) =>
      work({
        signal: job.signal,
        onProgress: (p) => job.report({ file: p.file, fraction: p.fraction, ...(p.phase ? { phase: p.phase } : {}) }),
        shouldStop: job.shouldStop,
      }),
    { cancelled: 'The import was cancelled: nothing was changed.' },
  );
}

export function importProgress(session: object): ImportProgress {
  return importProgressOf(jobProgress(session));
}

/** Cancels the running import (it ends with nothing changed); false when none is running. */
export function cancelImport(session: object): boolean {
  return jobProgress(session).kind === 'import' && cancelJob(session);
}
