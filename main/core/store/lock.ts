/**
 * "Is this workspace already open in another Boardpack?" A lock file beside the workspace,
 * `<name>.boardpack.lock`, holds the owner's pid and host name.
 *
 * - Created atomically (a fully written temporary file hard-linked into place, so nobody ever
 *   reads a half-written lock; plain exclusive create where the drive has no hard links).
 * - A lock left by a process that no longer runs on this computer is stale and taken over.
 * - A lock held by this process is shared (counted), so opening the same file twice in one
 *   process works, and the file goes when the last holder releases it.
 * - A lock from another computer (a network share) cannot be checked, so it is respected.
 * - A folder where no lock can be written (read-only, a CD) opens without one: saving there
 *   fails anyway, with its own clear message.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkspaceError } from './errors';

export interface LockOwner {
  pid: number;
  hostname: string;
  openedAt: string;
}

export function lockPathOf(file: string): string {
  return `${file}.lock`;
}

/** Locks this process holds, by lock path, with how many times each is held. */
const held = new Map<string, number>();

/** A held lock; `release` is idempotent. `null` when the folder does not allow one. */
export interface WorkspaceLock {
  readonly path: string;
  release(): Promise<void>;
}

/** Reads a lock file: its owner, `undefined` if absent, `null` if unreadable (half-written, garbage). */
export async function readLock(file: string): Promise<LockOwner | null | undefined> {
  let text: string;
  try {
    text = await fs.readFile(lockPathOf(file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return null;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && Number.isInteger(parsed.pid) && parsed.pid > 0 && typeof parsed.hostname === 'string') {
      return { pid: parsed.pid, hostname: parsed.hostname, openedAt: String(parsed.openedAt ?? '') };
    }
  } catch {
    // fall through: not a lock we can read
  }
  return null;
}

/** Is `pid` a running process on this computer? */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeOwner(owner: LockOwner, file: string): string {
  const name = path.basename(file);
  const where = owner.hostname === os.hostname() ? 'on this computer' : `on the computer "${owner.hostname}"`;
  return (
    `"${name}" is already open in another Boardpack window ${where} (process ${owner.pid}). ` +
    'Switch to that window, or close it and try again. If Boardpack is not running there, ' +
    `delete "${path.basename(lockPathOf(file))}" beside the workspace.`
  );
}

async function tryCreate(lock: string, content: string): Promise<'created' | 'exists' | 'unavailable'> {
  const temp = `${lock}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temp, content, { flag: 'w' });
  } catch {
    return 'unavailable';
  }
  try {
    await fs.link(temp, lock);
    return 'created';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'exists';
    // No hard links on this drive (FAT, some shares): exclusive create instead.
    try {
      await fs.writeFile(lock, content, { flag: 'wx' });
      return 'created';
    } catch (inner) {
      return (inner as NodeJS.ErrnoException).code === 'EEXIST' ? 'exists' : 'unavailable';
    }
  } finally {
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}

/**
 * Takes the lock for `file` (an absolute or relative workspace path), or throws a
 * WorkspaceError('locked') naming who holds it.
 */
export async function acquireLock(file: string): Promise<WorkspaceLock | null> {
  const lock = lockPathOf(path.resolve(file));
  const count = held.get(lock);
  if (count !== undefined) {
    held.set(lock, count + 1);
    return handle(lock);
  }
  const me: LockOwner = { pid: process.pid, hostname: os.hostname(), openedAt: new Date().toISOString() };
  const content = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await tryCreate(lock, content);
    if (result === 'created') {
      held.set(lock, 1);
      return handle(lock);
    }
    if (result === 'unavailable') return null;
    const owner = await readLock(file);
    if (owner === undefined) continue; // released meanwhile: try again
    const stale =
      owner === null || (owner.hostname === me.hostname && (owner.pid === process.pid || !processIsAlive(owner.pid)));
    if (!stale) throw new WorkspaceError('locked', describeOwner(owner, file));
    // Stale: the process that wrote it has gone (crashed, killed, power cut). Take it over.
    await fs.rm(lock, { force: true }).catch(() => undefined);
  }
  throw new WorkspaceError('locked', `"${path.basename(file)}" is being opened by another Boardpack at the same moment. Try again.`);
}

function handle(lock: string): WorkspaceLock {
  let released = false;
  return {
    path: lock,
    async release() {
      if (released) return;
      released = true;
      const count = held.get(lock) ?? 0;
      if (count > 1) {
        held.set(lock, count - 1);
        return;
      }
      held.delete(lock);
      // Remove it only if it is still ours (never someone else's after a takeover).
      const owner = await readLock(lock.slice(0, -'.lock'.length));
      if (owner && owner.pid === process.pid && owner.hostname === os.hostname()) {
        await fs.rm(lock, { force: true }).catch(() => undefined);
      }
    },
  };
}
