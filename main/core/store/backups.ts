/**
 * Automatic backups: before each save replaces a workspace, the version on disk is copied
 * into `<name>.boardpack.backups/` beside it, and only the newest N are kept.
 *
 * Backups are named `NNNNNN YYYY-MM-DDTHH-MM-SSZ.boardpack`: a sequence number (so order never
 * depends on clocks) and when that version was saved (its modification time). Each copy is
 * written to a `.partial` file and renamed, so a crash never leaves a half backup that looks
 * like a whole one.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { WorkspaceError, describeFileError } from './errors';
import { acquireLock } from './lock';
import { readWorkspaceBytes, writeWorkspaceBytes } from './workspace-file';

export const DEFAULT_BACKUPS_KEPT = 5;

const BACKUP_NAME = /^(\d{6,}) (\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)\.boardpack$/;

export interface BackupInfo {
  /** The backup's file name inside the backups folder. */
  name: string;
  /** Its full path. */
  path: string;
  /** The sequence number: higher is newer. */
  sequence: number;
  /** When that version of the workspace was saved (ISO time). */
  savedAt: string;
  size: number;
}

export function backupsDirOf(file: string): string {
  return `${file}.backups`;
}

/** The workspace's backups, newest first. A missing folder is no backups. */
export async function listBackups(file: string): Promise<BackupInfo[]> {
  const dir = backupsDirOf(file);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new WorkspaceError('invalid', describeFileError(error, dir, 'read the backups in'));
  }
  const backups: BackupInfo[] = [];
  for (const name of names) {
    const m = BACKUP_NAME.exec(name);
    if (!m) continue;
    const full = path.join(dir, name);
    const info = await fs.stat(full).catch(() => null);
    if (!info?.isFile()) continue;
    const stamp = m[2]!.replace(/T(\d{2})-(\d{2})-(\d{2})Z$/, 'T$1:$2:$3Z');
    backups.push({ name, path: full, sequence: Number(m[1]), savedAt: stamp, size: info.size });
  }
  return backups.sort((a, b) => b.sequence - a.sequence);
}

/**
 * Copies the version of `file` now on disk into its backups folder and keeps the newest
 * `keep`. Nothing to do when the file does not exist yet or `keep` is 0.
 */
export async function backUpCurrentVersion(file: string, keep: number = DEFAULT_BACKUPS_KEPT): Promise<BackupInfo | null> {
  if (keep <= 0) return null;
  const current = await fs.stat(file).catch(() => null);
  if (!current?.isFile()) return null;
  const dir = backupsDirOf(file);
  await fs.mkdir(dir, { recursive: true });
  const existing = await listBackups(file);
  const sequence = (existing[0]?.sequence ?? 0) + 1;
  const stamp = current.mtime.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  const name = `${String(sequence).padStart(6, '0')} ${stamp}.boardpack`;
  const target = path.join(dir, name);
  const partial = path.join(dir, `.${name}.${process.pid}.partial`);
  try {
    await fs.copyFile(file, partial);
    await fs.rename(partial, target);
  } catch (error) {
    await fs.rm(partial, { force: true }).catch(() => undefined);
    throw error;
  }
  // Rotate: drop the oldest beyond `keep`, and any partial copies a crash left behind.
  for (const old of existing.slice(Math.max(0, keep - 1))) await fs.rm(old.path, { force: true });
  for (const leftover of await fs.readdir(dir)) {
    if (leftover.endsWith('.partial') && !leftover.includes(`.${process.pid}.partial`)) {
      await fs.rm(path.join(dir, leftover), { force: true }).catch(() => undefined);
    }
  }
  return { name, path: target, sequence, savedAt: stamp.replace(/T(\d{2})-(\d{2})-(\d{2})Z$/, 'T$1:$2:$3Z'), size: current.size };
}

/** How a restore reports how far it has got, and asks whether Cancel was pressed. */
export interface RestoreControls {
  /** 0 to 1. */
  report(fraction: number): void;
  /** Throws (the restore stops, leaving everything as it was) once Cancel was pressed. */
  throwIfCancelled(): void;
}

/** Copied in parts this big, so progress moves and Cancel is seen between them. */
const COPY_CHUNK = 4 * 1024 * 1024;

/** Copies `from` to `to` in parts, reporting 0 to 1 and stopping when cancelled (the caller removes `to`). */
async function copyInParts(from: string, to: string, controls: RestoreControls): Promise<void> {
  const source = await fs.open(from, 'r');
  try {
    const target = await fs.open(to, 'w');
    try {
      const size = (await source.stat()).size;
      const buffer = Buffer.allocUnsafe(Math.min(COPY_CHUNK, Math.max(1, size)));
      let done = 0;
      for (;;) {
        controls.throwIfCancelled();
        const { bytesRead } = await source.read(buffer, 0, buffer.length, done);
        if (bytesRead === 0) break;
        await target.write(buffer, 0, bytesRead);
        done += bytesRead;
        controls.report(size > 0 ? Math.min(1, done / size) : 1);
      }
      await target.sync();
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

const NO_CONTROLS: RestoreControls = { report: () => undefined, throwIfCancelled: () => undefined };

/**
 * Puts a backup back as the workspace. The version it replaces becomes a backup itself (so a
 * restore can be undone), and the write is atomic. `backup` is a name from `listBackups` or
 * its path; only files inside this workspace's backups folder are accepted.
 *
 * Refused while another Boardpack has the workspace open. A workspace open in this process
 * notices the change on its next save and refuses to overwrite it: reopen it after restoring.
 *
 * `controls` (a restore run as a job) hear how far it has got, and may stop it: until the
 * last step, which replaces the workspace in one rename, Cancel leaves the workspace, its
 * `.bak` and its backups folder exactly as they were (the copy of the current version made so
 * far is removed, and the oldest backup is only dropped once the restore is in place).
 */
export async function restoreBackup(file: string, backup: string, keep: number = DEFAULT_BACKUPS_KEPT, controls: RestoreControls = NO_CONTROLS): Promise<BackupInfo> {
  const dir = path.resolve(backupsDirOf(file));
  const chosen = path.resolve(dir, backup);
  const existing = await listBackups(file);
  const found = existing.find((b) => path.resolve(b.path) === chosen);
  if (path.dirname(chosen) !== dir || !found) {
    throw new WorkspaceError('not_found', `There is no backup called "${path.basename(backup)}" for "${path.basename(file)}".`);
  }
  const lock = await acquireLock(file);
  let partial: string | null = null;
  let kept: string | null = null;
  try {
    controls.report(0);
    const bytes = await readWorkspaceBytes(found.path);
    controls.report(0.1);
    // The version being replaced, kept as the newest backup (copied in parts: it may be large).
    const current = await fs.stat(file).catch(() => null);
    if (current?.isFile()) {
      const sequence = (existing[0]?.sequence ?? 0) + 1;
      const stamp = current.mtime.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
      const name = `${String(sequence).padStart(6, '0')} ${stamp}.boardpack`;
      partial = path.join(dir, `.${name}.${process.pid}.partial`);
      await copyInParts(file, partial, { report: (f) => controls.report(0.1 + 0.8 * f), throwIfCancelled: () => controls.throwIfCancelled() });
      controls.throwIfCancelled();
      kept = path.join(dir, name);
      await fs.rename(partial, kept);
      partial = null;
    }
    controls.throwIfCancelled();
    // The last step: from here the restore is in place.
    await writeWorkspaceBytes(file, bytes);
    kept = null;
    // Rotate now, keeping `keep` with the copy just made (never fewer than the one made).
    const all = await listBackups(file);
    for (const old of all.slice(Math.max(keep, 1))) await fs.rm(old.path, { force: true });
    controls.report(1);
  } catch (error) {
    if (partial) await fs.rm(partial, { force: true }).catch(() => undefined);
    if (kept) await fs.rm(kept, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    await lock?.release();
  }
  return found;
}
