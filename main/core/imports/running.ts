/**
 * The import running in a session, so the Import screen can show its progress and cancel it
 * (`import.progress`, `import.cancel`). The session owns one (`session.running`). One import
 * at a time: a second one while one runs is refused rather than queued behind it.
 */
import type { ImportProgress } from '../../../shared/api/types';
import { AnalystError } from '../errors';
import type { ImportStep } from './importing';

export class ImportBusyError extends AnalystError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'ImportBusyError';
  }
}

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

const IDLE: ImportProgress = { running: false, file: '', fraction: 0, cancelled: false };

/** The session's running import (none, or one), its progress and the one who watches it. */
export class RunningImport {
  private current: { controller: AbortController; progress: ImportProgress } | null = null;
  private watcher: ((progress: ImportProgress) => void) | null = null;

  /**
   * `cancelRequested`: true once the user pressed Cancel, asked without waiting for this
   * process's event loop (the core process answers it from a flag its host sets), so a long
   * step that runs without a break (storing a million values) still stops within a moment.
   */
  constructor(private readonly cancelRequested: () => boolean = () => false) {}

  /** Tells `listener` every time the import moves on (the core process sends it to its host). */
  watch(listener: (progress: ImportProgress) => void): void {
    this.watcher = listener;
  }

  async track<T>(work: (controls: ImportControls) => Promise<T>): Promise<T> {
    if (this.current) throw new ImportBusyError('Another import is running; wait for it to finish, or cancel it.');
    const progress: ImportProgress = { running: true, file: '', fraction: 0, cancelled: false, phase: 'reading' };
    const entry = { controller: new AbortController(), progress };
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
        onProgress: (p) => {
          entry.progress = { ...entry.progress, file: p.file, fraction: p.fraction, phase: p.phase ?? entry.progress.phase };
          tell();
        },
        shouldStop,
        breathe: slicer(shouldStop, () => entry.controller.signal.reason),
      });
    } finally {
      this.current = null;
    }
  }

  progress(): ImportProgress {
    return this.current?.progress ?? IDLE;
  }

  /** Cancels the running import (it ends with nothing changed); false when none is running. */
  cancel(): boolean {
    const entry = this.current;
    if (!entry) return false;
    entry.progress = { ...entry.progress, cancelled: true };
    this.watcher?.(entry.progress);
    entry.controller.abort(new DOMException('The import was cancelled.', 'AbortError'));
    return true;
  }
}
