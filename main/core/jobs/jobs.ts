/**
 * The long job running in a session (an import, the agenda pack export, a backup restore), so
 * the screen can show how far it has got (`jobs.progress`) and the user can cancel it
 * (`jobs.cancel`). One at a time per session: a second long job while one runs is refused
 * rather than queued behind it.
 *
 * A job reports its phase and the parts done of the parts in all; the core process passes each
 * report to its host at once (`watch`), so the host can answer a progress request even while
 * the core is busy. Cancel reaches a job two ways: `cancel` (a message the core's event loop
 * read), or `cancelRequested`, which the core process answers from a flag file its host writes,
 * so a step that runs without a break still notices within a moment.
 */
import type { JobKind, JobPhase, JobProgress } from '../../../shared/api/types';
import { NO_JOB, startingJob } from '../../../shared/api/jobs';
import { AnalystError } from '../errors';

interface Running {
  controller: AbortController;
  progress: JobProgress;
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
 * The session's long job (none, or one), its progress and the one who watches it. The session
 * owns one (`session.running`, made by createSession).
 */
export class RunningJob {
  private current: Running | null = null;
  private watcher: ((progress: JobProgress) => void) | null = null;

  /**
   * `cancelRequested`: true once the user pressed Cancel in the host, asked without waiting for
   * this process's event loop (the core process answers it from a flag file its host writes).
   */
  constructor(private readonly cancelRequested: () => boolean = () => false) {}

  /** Tells `listener` every time the job moves on (the core process sends it to its host). */
  watch(listener: (progress: JobProgress) => void): void {
    this.watcher = listener;
  }

  /**
   * Runs `work` as the long job. When Cancel is pressed the job stops at its next check and the
   * call fails with `options.cancelled`; the work must leave everything as it was (it writes
   * nothing until its last step, or undoes what it wrote).
   */
  async run<T>(kind: JobKind, work: (controls: JobControls) => Promise<T>, options: JobOptions): Promise<T> {
    const busy = this.current;
    if (busy) {
      const other = busy.progress.kind ?? kind;
      throw new JobBusyError(`${other === kind ? JOB_NOUNS[other].another : JOB_NOUNS[other].a} is running; wait for it to finish, or cancel it.`);
    }
    const entry: Running = { controller: new AbortController(), progress: startingJob(kind) };
    this.current = entry;
    const tell = () => this.watcher?.(entry.progress);
    tell();
    const shouldStop = () => {
      if (!entry.controller.signal.aborted && this.cancelRequested()) this.cancel();
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
      this.current = null;
      this.watcher?.(NO_JOB);
    }
  }

  /** How far the job has got; "nothing running" when none is. */
  progress(): JobProgress {
    return this.current?.progress ?? NO_JOB;
  }

  /** Cancels the running job (it ends with everything as it was); false when none is running. */
  cancel(): boolean {
    const entry = this.current;
    if (!entry) return false;
    if (!entry.progress.cancelled) {
      entry.progress = { ...entry.progress, cancelled: true };
      this.watcher?.(entry.progress);
    }
    if (!entry.controller.signal.aborted) entry.controller.abort(new DOMException('The job was cancelled.', 'AbortError'));
    return true;
  }
}

/** A session, as far as long jobs are concerned. */
export interface JobSession {
  readonly running: RunningJob;
}

export const runJob = <T>(session: JobSession, kind: JobKind, work: (controls: JobControls) => Promise<T>, options: JobOptions): Promise<T> => session.running.run(kind, work, options);
export const jobProgress = (session: JobSession): JobProgress => session.running.progress();
export const cancelJob = (session: JobSession): boolean => session.running.cancel();
export const watchJobs = (session: JobSession, listener: (progress: JobProgress) => void): void => session.running.watch(listener);
