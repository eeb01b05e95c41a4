/**
 * The long job running in a session (an import, the agenda pack export, a backup restore), so
 * the screen can show how far it has got (`jobs.progress`) and the user can cancel it
 * (`jobs.cancel`). One at a time per session: a second long job while one runs is refused
 * rather than queued behind it.
 *
 * A job reports its phase and the parts done of the parts in all; the core process passes each
 * report to its host at once (watchJobs), so the host can answer a progress request even while
 * the core is busy. Cancel reaches a job two ways: `cancelJob` (a message the core's event loop
 * read), or `cancelRequested` on the session, which the core process answers from a flag file
 * its host writes, so a step that runs without a break still notices within a moment.
 */
import type { JobKind, JobPhase, JobProgress } from '../../../shared/api/types';
import { NO_JOB, startingJob } from '../../../shared/api/jobs';
import { AnalystError } from '../errors';

/** The session as seen here: a Cancel pressed in another process may be asked for with `cancelRequested`. */
export interface JobSession {
  /** True once the user pressed Cancel in the host (see above); asked without waiting for this process's event loop. */
  cancelRequested?: () => boolean;
}

interface Running {
  controller: AbortController;
  progress: JobProgress;
}

const running = new WeakMap<object, Running>();
const watchers = new WeakMap<object, (progress: JobProgress) => void>();

/** Tells `listener` every time the session's job moves on (the core process sends it to its host). */
export function watchJobs(session: object, listener: (progress: JobProgress) => void): void {
  watchers.set(session, listener);
}

const JOB_NOUNS: Record<JobKind, { a: string; another: string }> = {
  import: { a: 'An import', another: 'Another import' },
  export: { a: 'An export', another: 'Another export' },
  restore: { a: 'A backup restore', another: 'Another backup restore' },
};

/** Refused: another long job is running. */
export class JobBusyError extends AnalystError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'JobBusyError';
  }
}

/** The job stopped because the user pressed Cancel; its message says what was left as it was. */
export class JobCancelledError extends AnalystError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'JobCancelledError';
  }
}

/** What a job reports: its phase, and how far it has got in it. */
export interface JobStep {
  phase?: JobPhase;
  /** Parts done and in all in this phase; `fraction` is done / total unless given. */
  done?: number;
  total?: number;
  fraction?: number;
  file?: string;
}

export interface JobControls {
  /** Aborted when Cancel is pressed here (for streams and other work that takes a signal). */
  signal: AbortSignal;
  report(step: JobStep): void;
  /** True when the job must stop: Cancel was pressed here or in the host. */
  shouldStop(): boolean;
  /** Stops the job (throws its cancelled error) when Cancel was pressed. */
  throwIfCancelled(): void;
}

export interface JobOptions {
  /** What the user is told when they cancel: what was left as it was ("No file was written."). */
  cancelled: string;
}

/**
 * Runs `work` as the session's long job. When Cancel is pressed the job stops at its next check
 * and the call fails with `options.cancelled`; the work must leave everything as it was (it
 * writes nothing until its last step, or undoes what it wrote).
 */
export async function runJob<T>(session: JobSession & object, kind: JobKind, work: (controls: JobControls) => Promise<T>, options: JobOptions): Promise<T> {
  const busy = running.get(session);
  if (busy) {
    const other = busy.progress.kind ?? kind;
    throw new JobBusyError(`${other === kind ? JOB_NOUNS[other].another : JOB_NOUNS[other].a} is running; wait for it to finish, or cancel it.`);
  }
  const entry: Running = { controller: new AbortController(), progress: startingJob(kind) };
  running.set(session, entry);
  const tell = () => watchers.get(session)?.(entry.progress);
  tell();
  const shouldStop = () => {
    if (!entry.controller.signal.aborted && session.cancelRequested?.()) cancelJob(session);
    return entry.controller.signal.aborted;
  };
  try {
    return await work({
      signal: entry.controller.signal,
      report: (step) => {
        const previous = entry.progress;
        const phase = step.phase ?? previous.phase;
        // A new phase starts its count again.
        const samePhase = phase === previous.phase;
        const done = step.done ?? (samePhase ? previous.done : 0);
        const total = step.total ?? (samePhase ? previous.total : 0);
        const fraction = step.fraction ?? (total > 0 ? Math.min(1, done / total) : samePhase ? previous.fraction : 0);
        entry.progress = { ...previous, phase, done, total, fraction, file: step.file ?? previous.file };
        tell();
      },
      shouldStop,
      throwIfCancelled: () => {
        if (shouldStop()) throw new JobCancelledError(options.cancelled);
      },
    });
  } catch (error) {
    // Work that took the signal (a stream) stops with an AbortError: say it in the user's words.
    if (entry.controller.signal.aborted && !(error instanceof AnalystError)) throw new JobCancelledError(options.cancelled);
    throw error;
  } finally {
    running.delete(session);
    watchers.get(session)?.(NO_JOB);
  }
}

/** How far the session's job has got; "nothing running" when none is. */
export function jobProgress(session: object): JobProgress {
  return running.get(session)?.progress ?? NO_JOB;
}

/** Cancels the running job (it ends with everything as it was); false when none is running. */
export function cancelJob(session: object): boolean {
  const entry = running.get(session);
  if (!entry) return false;
  if (!entry.progress.cancelled) {
    entry.progress = { ...entry.progress, cancelled: true };
    watchers.get(session)?.(entry.progress);
  }
  if (!entry.controller.signal.aborted) entry.controller.abort(new DOMException('The job was cancelled.', 'AbortError'));
  return true;
}
