/**
 * Saving an export without ever leaving a half-written file: write a temporary file beside the
 * target (same folder, so same drive: the rename is atomic), flush it to disk, then rename it
 * over the target. If anything fails the temporary file is removed and the target is left as
 * it was. Failures come back as messages a user can act on; the commonest is the previous
 * export still open in Excel or a PDF viewer, which on Windows makes the rename fail with
 * EBUSY or EPERM.
 *
 * The file system is injectable (STYLE.md: platform hooks are injected), so tests can make
 * each step fail with the codes Windows gives.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Result } from '../../../shared/domain/types';

export interface ExportFileSystem {
  /** Create `path` (failing if it exists), write `data` and flush it to disk. */
  writeNew(path: string, data: Buffer | string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  isFolder(path: string): Promise<boolean>;
}

export const nodeExportFileSystem: ExportFileSystem = {
  async writeNew(path, data) {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  remove: (path) => unlink(path),
  async isFolder(path) {
    try {
      return (await stat(path)).isDirectory();
    } catch {
      return false;
    }
  },
};

export interface WrittenFile {
  path: string;
  bytes: number;
}

export type WriteStage = 'write' | 'replace';

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return '';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The message for a failed save, by error code and by the step that failed. */
export function describeWriteError(code: string, stage: WriteStage, target: string, detail = ''): string {
  const name = basename(target);
  const folder = dirname(target);
  switch (code) {
    case 'EBUSY':
    case 'EPERM':
    case 'EACCES':
      if (stage === 'replace') {
        return `"${name}" is open in another program (for example Excel or a PDF viewer): close it or choose another name.`;
      }
      return `Boardpack is not allowed to save in "${folder}": choose another folder.`;
    case 'ENOENT':
    case 'ENOTDIR':
      return `The folder "${folder}" does not exist (it may have been moved or renamed, or a network drive disconnected): choose another folder.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `There is not enough space on the disk to save "${name}": free some space or save it somewhere else.`;
    case 'EROFS':
      return `"${folder}" is read-only: choose another folder.`;
    case 'EISDIR':
      return `"${target}" is a folder: choose another name.`;
    case 'ENAMETOOLONG':
      return `The name or folder path of "${name}" is too long: choose a shorter name or a folder nearer the top of the drive.`;
    default:
      return `Could not save "${name}"${detail ? `: ${detail}` : ''}.`;
  }
}

function temporaryPathBeside(target: string): string {
  return join(dirname(target), `${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Write `data` to `path` atomically: the target is either the old file or the whole new one.
 * `beforeReplace` runs once the temporary file is written, before it replaces the target: if it
 * throws (Cancel was pressed), the temporary file is removed, the target is left as it was, and
 * the error goes on to the caller.
 */
export async function writeExportFile(
  path: string,
  data: Buffer | string,
  fs: ExportFileSystem = nodeExportFileSystem,
  beforeReplace?: () => void,
): Promise<Result<WrittenFile>> {
  if (await fs.isFolder(path)) return { ok: false, error: describeWriteError('EISDIR', 'replace', path) };
  // An export must never replace a workspace (perhaps the one open): that would lose its data.
  if (/\.boardpack(\.(bak|lock))?$/i.test(path) || /\.boardpack\.backups[\\/]/i.test(path)) {
    return { ok: false, error: `"${basename(path)}" is a Boardpack workspace file; an export cannot be saved over it. Choose a name ending in .xlsx, .pdf or .csv.` };
  }
  const temporary = temporaryPathBeside(path);
  try {
    await fs.writeNew(temporary, data);
  } catch (error) {
    await fs.remove(temporary).catch(() => undefined);
    return { ok: false, error: describeWriteError(errorCode(error), 'write', path, errorText(error)) };
  }
  try {
    beforeReplace?.();
  } catch (error) {
    await fs.remove(temporary).catch(() => undefined);
    throw error;
  }
  try {
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.remove(temporary).catch(() => undefined);
    return { ok: false, error: describeWriteError(errorCode(error), 'replace', path, errorText(error)) };
  }
  const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length;
  return { ok: true, value: { path, bytes } };
}
