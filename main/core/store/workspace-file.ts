/**
 * Reading and writing a workspace file (.boardpack = one SQLite database) so that a crash
 * mid-save never corrupts it: the new bytes go to a temporary file beside the workspace,
 * are flushed to disk, the previous version is kept as `<name>.bak`, then the temporary file
 * is renamed over the workspace (an atomic step on every local file system).
 */
import { promises as fs, constants } from 'node:fs';
import path from 'node:path';
import { WorkspaceError, describeFileError } from './errors';

const SQLITE_HEADER = 'SQLite format 3\0';

export const WORKSPACE_EXTENSION = '.boardpack';

export function backupPathOf(file: string): string {
  return `${file}.bak`;
}

function tempPathOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.saving`);
}

/** Size and modification time: enough to notice another program changed the file. */
export interface FileFingerprint {
  size: number;
  mtimeMs: number;
}

/** The file's fingerprint, or null if it does not exist. */
export async function fileFingerprint(file: string): Promise<FileFingerprint | null> {
  try {
    const info = await fs.stat(file);
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return null;
  }
}

/**
 * Removes temporary files that saves killed mid-way left beside `file`. Only call this while
 * holding the workspace's lock: then no other Boardpack can be saving it.
 */
export async function removeLeftoverTempFiles(file: string): Promise<number> {
  const prefix = `.${path.basename(file)}.`;
  let removed = 0;
  const names = await fs.readdir(path.dirname(file)).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(prefix) && /^\d+\.saving(\.bak)?$/.test(name.slice(prefix.length)) && !name.startsWith(path.basename(tempPathOf(file)))) {
      await fs.rm(path.join(path.dirname(file), name), { force: true }).then(() => removed++, () => undefined);
    }
  }
  return removed;
}

export async function readWorkspaceBytes(file: string): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WorkspaceError(code === 'ENOENT' ? 'not_found' : 'invalid', describeFileError(error, file, 'open'));
  }
  if (bytes.length < 100 || bytes.subarray(0, 16).toString('latin1') !== SQLITE_HEADER) {
    throw new WorkspaceError(
      'not_a_workspace',
      `"${path.basename(file)}" is not a Boardpack workspace (it is not a SQLite database). Choose a .boardpack file.`,
    );
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Writes `bytes` to `file` atomically, keeping the previous version as a backup.
 * On failure the target is untouched and the temporary file is removed.
 */
export async function writeWorkspaceBytes(file: string, bytes: Uint8Array): Promise<void> {
  const temp = tempPathOf(file);
  try {
    const handle = await fs.open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (await exists(file)) {
      // Copied then renamed, so a crash mid-copy never leaves a truncated .bak.
      const backupTemp = `${temp}.bak`;
      await fs.copyFile(file, backupTemp);
      await fs.rename(backupTemp, backupPathOf(file));
    }
    await fs.rename(temp, file);
    await syncFolder(path.dirname(file));
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    await fs.rm(`${temp}.bak`, { force: true }).catch(() => undefined);
    throw new WorkspaceError('save_failed', describeFileError(error, file, 'save'));
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** Makes the rename itself durable (POSIX); folders cannot be opened this way on Windows. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
