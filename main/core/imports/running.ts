/**
 * The import running in a session, so the Import screen can show its progress and cancel it
 * (`import.progress`, `import.cancel`). One at a time per session: a second import while one
 * runs is refused rather than queued behind it.
 */
import type { ImportProgress } from '../../../shared/api/types';
import { AnalystError } from '../errors';
import type { ImportStep } from './importing';

interface Running {
  controller: AbortController;
  progress: ImportProgress;
}

const running = new WeakMap<object, Running>();
const watchers = new WeakMap<object, (progress: ImportProgress) => void>();

/** Tells `listener` every time the session's import moves on (the core process sends it to its host). */
export function watchImportProgress(session: object, listener: (progress: ImportProgress) => void): void {
  watchers.set(session, listener);
}

export class ImportBusyError extends AnalystError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'ImportBusyError';
  }
}

/** The session as seen here: a Cancel pressed in another process may be asked for with `cancelRequested`. */
export interface ImportSession {
  /**
   * True once the user pressed Cancel, asked without waiting for this process's event loop (the
   * core process answers it from a flag its host sets), so a long step that runs without a
   * break (storing a million values) still stops within a moment.
   */
  cancelRequested?: () => boolean;
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

export async function trackImport<T>(session: ImportSession, work: (controls: ImportControls) => Promise<T>): Promise<T> {
  if (running.has(session)) throw new ImportBusyError('Another import is running; wait for it to finish, or cancel it.');
  const entry: Running = { controller: new AbortController(), progress: { running: true, file: '', fraction: 0, cancelled: false, phase: 'reading' } };
  running.set(session, entry);
  const tell = () => watchers.get(session)?.(entry.progress);
  tell();
  const shouldStop = () => {
    if (!entry.controller.signal.aborted && session.cancelRequested?.()) cancelImport(session);
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
    running.delete(session);
  }
}

export function importProgress(session: object): ImportProgress {
  return running.get(session)?.progress ?? { running: false, file: '', fraction: 0, cancelled: false };
}

/** Cancels the running import (it ends with nothing changed); false when none is running. */
export function cancelImport(session: object): boolean {
  const entry = running.get(session);
  if (!entry) return false;
  entry.progress = { ...entry.progress, cancelled: true };
  watchers.get(session)?.(entry.progress);
  entry.controller.abort(new DOMException('The import was cancelled.', 'AbortError'));
  return true;
}
