/**
 * Files the browser version uploaded once to its host (main/host/server.ts, POST /upload): each
 * in a folder of its own named by a random handle, `<uploadDir>/<handle>/<file name>`. The plan,
 * every change of mapping and the import read the same upload by its handle.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AnalystError } from '../errors';

/** An upload handle that names no file; shown to the analyst as it is. */
export class UploadError extends AnalystError {
  constructor(message: string) {
    super('not_found', message);
    this.name = 'UploadError';
  }
}

export const UPLOAD_HANDLE = /^[0-9a-f]{32}$/;

/** The files behind `handles`, in order; a clear message when one has gone (the host restarted). */
export async function uploadedFiles(uploadDir: string | undefined, handles: readonly string[]): Promise<string[]> {
  if (!uploadDir) throw new UploadError('This version of Boardpack takes files by path, not by upload.');
  const files: string[] = [];
  for (const handle of handles) {
    if (!UPLOAD_HANDLE.test(handle)) throw new UploadError('That is not a file Boardpack was sent.');
    const folder = path.join(uploadDir, handle);
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    if (names.length !== 1) throw new UploadError('A file sent for import is no longer here (Boardpack was restarted?). Choose the files again.');
    files.push(path.join(folder, names[0]!));
  }
  return files;
}

export async function discardUploads(uploadDir: string, handles: readonly string[]): Promise<void> {
  for (const handle of handles) if (UPLOAD_HANDLE.test(handle)) await fs.rm(path.join(uploadDir, handle), { recursive: true, force: true });
}
