/**
 * The import running in a session, so the Import screen can show its progress and cancel it
 * (`import.progress`, `import.cancel`). One at a time per session: a second import while one
 * runs is refused rather than queued behind it.
 */
import type { ImportProgress } from '../../../shared/api/types';
import { AnalystError } from '../errors';

interface Running {
  controller: AbortController;
  progress: ImportProgress;
}

const running = new WeakMap<object, Running>();

export class ImportBusyError extends AnalystError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'ImportBusyError';
  }
}

export async function trackImport<T>(session: object, work: (signal: AbortSignal, onProgress: (p: { file: string; fraction: number }) => void) => Promise<T>): Promise<T> {
  if (running.has(session)) throw new ImportBusyError('Another import is running; wait for it to finish, or cancel it.');
  const entry: Running = { controller: new AbortController(), progress: { running: true, file: '', fraction: 0, cancelled: false } };
  running.set(session, entry);
  try {
    return await work(entry.controller.signal, (p) => {
      entry.progress = { ...entry.progress, file: p.file, fraction: p.fraction };
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
  entry.controller.abort(new DOMException('The import was cancelled.', 'AbortError'));
  return true;
}
