/**
 * A workspace among other programs: another program changing the file since Boardpack read
 * it, another Boardpack process holding it open (a real second process), and automatic
 * backups with restore.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addOutcome, listOutcomes } from '../../main/core/indicators/repo';
import { Workspace } from '../../main/core/store/workspace';
import { listBackups, restoreBackup, backupsDirOf } from '../../main/core/store/backups';
import { lockPathOf, readLock } from '../../main/core/store/lock';
import { WorkspaceError } from '../../main/core/store/errors';

const REPO = path.resolve(import.meta.dirname, '../..');
const HOLDER = path.join(import.meta.dirname, 'fixtures/hold-open.ts');
const env = { now: () => new Date('2025-01-31T12:00:00Z'), osUser: 'tester', saveDelayMs: 0 };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-guards-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function workspaceWith(file: string, titles: string[]): Promise<void> {
  const ws = await Workspace.create(file, env);
  for (const title of titles) ws.mutate(() => addOutcome(ws.db, { title }));
  await ws.close();
}

async function titlesIn(file: string): Promise<string[]> {
  const ws = await Workspace.open(file, env);
  try {
    return listOutcomes(ws.db).map((o) => o.title);
  } finally {
    await ws.close();
  }
}

/** Another Boardpack process holding `file` open; resolves once it has it (or was refused). */
function holdOpen(file: string): Promise<{ child: ChildProcessWithoutNullStreams; first: string; lines: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, file], { cwd: REPO, stdio: 'pipe' });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      lines.push(...c.toString().split('\n').filter(Boolean));
      if (lines.length === 1) resolve({ child, first: lines[0]!, lines });
    });
    child.on('exit', (code) => {
      if (lines.length === 0) reject(new Error(`holder exited ${code}: ${stderr}`));
    });
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.on('exit', () => resolve())));
}

describe('a workspace changed by another program since it was opened', () => {
  it('is not overwritten: a clear error, the work kept in memory and saveable as a copy', async () => {
    const file = path.join(dir, 'Board.boardpack');
    await workspaceWith(file, ['Mine']);
    const ws = await Workspace.open(file, env);
    ws.mutate(() => addOutcome(ws.db, { title: 'Unsaved work' })); // saved at once (saveDelayMs 0)
    await ws.flush();

    // Another program (a sync client, a second copy of the file restored by a colleague) rewrites it.
    const theirs = path.join(dir, 'theirs.boardpack');
    await workspaceWith(theirs, ['Theirs']);
    const theirBytes = await readFile(theirs);
    await writeFile(file, theirBytes);

    ws.mutate(() => addOutcome(ws.db, { title: 'More work' }));
    const error = await ws.save().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as WorkspaceError).code).toBe('changed_on_disk');
    expect((error as Error).message).toMatch(/changed by another program since Boardpack opened it.*has not saved over it.*Save a copy/);
    expect(ws.saveState).toMatchObject({ dirty: true, error: expect.stringMatching(/changed by another program/) });
    // Their file is untouched, and so is the work in memory.
    expect(Buffer.compare(await readFile(file), theirBytes)).toBe(0);
    expect(listOutcomes(ws.db).map((o) => o.title)).toEqual(['Mine', 'Unsaved work', 'More work']);

    // Save a copy keeps the work elsewhere.
    const copy = await ws.saveCopy(path.join(dir, 'Board (my copy)'));
    expect(await titlesIn(copy)).toEqual(['Mine', 'Unsaved work', 'More work']);
    // Still refused on the next try (automatic saves too)...
    await expect(ws.save()).rejects.toThrow(/changed by another program/);
    expect(Buffer.compare(await readFile(file), theirBytes)).toBe(0);
    // ...until the user says to replace it.
    await ws.save({ overwriteExternalChanges: true });
    expect(ws.saveState).toMatchObject({ dirty: false, error: null });
    await ws.close();
    expect(await titlesIn(file)).toEqual(['Mine', 'Unsaved work', 'More work']);
  });

  it('stays open when closing cannot save, and closes without saving only when told to', async () => {
    const file = path.join(dir, 'Board.boardpack');
    await workspaceWith(file, ['Mine']);
    const ws = await Workspace.open(file, env);
    await utimes(file, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    const before = await readFile(file);
    ws.mutate(() => addOutcome(ws.db, { title: 'Unsaved' }));
    await expect(ws.close()).rejects.toMatchObject({ code: 'changed_on_disk' });
    // Still open: the work is there, the lock still held.
    expect(listOutcomes(ws.db).map((o) => o.title)).toEqual(['Mine', 'Unsaved']);
    expect(await readLock(file)).toMatchObject({ pid: process.pid });
    await ws.close({ discardUnsaved: true });
    expect(await readLock(file)).toBeUndefined();
    expect(Buffer.compare(await readFile(file), before)).toBe(0);
  });

  it('notices a change that keeps the size (only the modification time differs)', async () => {
    const file = path.join(dir, 'Board.boardpack');
    await workspaceWith(file, ['Mine']);
    const ws = await Workspace.open(file, env);
    await utimes(file, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    ws.mutate(() => addOutcome(ws.db, { title: 'x' }));
    await expect(ws.save()).rejects.toMatchObject({ code: 'changed_on_disk' });
    await ws.save({ overwriteExternalChanges: true });
    await ws.close();
  });

  it('does not complain about its own saves, however many', async () => {
    const file = path.join(dir, 'Board.boardpack');
    await workspaceWith(file, []);
    const ws = await Workspace.open(file, env);
    for (let i = 0; i < 20; i++) {
      ws.mutate(() => addOutcome(ws.db, { title: `Outcome ${i}` }));
      await ws.save();
    }
    expect(ws.saveState.error).toBeNull();
    await ws.close();
  });
});

describe('a workspace open in another Boardpack process', () => {
  it('is refused while the other process has it, and opens once that one closes it', async () => {
    const file = path.join(dir, 'Shared.boardpack');
    await workspaceWith(file, ['Shared']);
    const holder = await holdOpen(file);
    expect(holder.first).toBe('open');
    const owner = await readLock(file);
    expect(owner).toMatchObject({ pid: holder.child.pid, hostname: os.hostname() });

    const refused = await Workspace.open(file, env).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: 'locked' });
    expect((refused as Error).message).toMatch(new RegExp(`already open in another Boardpack window on this computer \\(process ${holder.child.pid}\\)`));
    // Refusing touched nothing: the holder's lock is still there.
    expect(await readLock(file)).toMatchObject({ pid: holder.child.pid });

    holder.child.stdin.end();
    await exited(holder.child);
    expect(holder.lines).toContain('closed');
    expect(await readdir(dir)).not.toContain(path.basename(lockPathOf(file)));
    expect(await titlesIn(file)).toEqual(['Shared']);
  });

  it('a second process is refused while this one has it open', async () => {
    const file = path.join(dir, 'Mine.boardpack');
    await workspaceWith(file, ['Mine']);
    const ws = await Workspace.open(file, env);
    const other = await holdOpen(file);
    expect(other.first).toMatch(/^refused .*already open in another Boardpack window/);
    await exited(other.child);
    expect(other.child.exitCode).toBe(3);
    await ws.close();
  });

  it('takes over a stale lock left by a process that was killed', async () => {
    const file = path.join(dir, 'Crashed.boardpack');
    await workspaceWith(file, ['Survives']);
    const holder = await holdOpen(file);
    expect(holder.first).toBe('open');
    holder.child.kill('SIGKILL');
    await exited(holder.child);
    expect(await readLock(file)).toMatchObject({ pid: holder.child.pid }); // left behind
    const ws = await Workspace.open(file, env);
    expect(await readLock(file)).toMatchObject({ pid: process.pid });
    expect(listOutcomes(ws.db).map((o) => o.title)).toEqual(['Survives']);
    await ws.close();
    expect(await readdir(dir)).not.toContain(path.basename(lockPathOf(file)));
  });

  it('respects a lock from another computer, takes over an unreadable one, and shares its own', async () => {
    const file = path.join(dir, 'Share.boardpack');
    await workspaceWith(file, ['x']);
    await writeFile(lockPathOf(file), JSON.stringify({ pid: 4242, hostname: 'FINANCE-PC-07', openedAt: '2025-01-31T09:00:00Z' }));
    await expect(Workspace.open(file, env)).rejects.toThrow(/already open in another Boardpack window on the computer "FINANCE-PC-07" \(process 4242\).*delete "Share.boardpack.lock"/);

    await writeFile(lockPathOf(file), '\u0000\u0000 half written');
    const first = await Workspace.open(file, env);
    const second = await Workspace.open(file, env); // the same process (e.g. reopened from the menu)
    await first.close();
    expect(await readLock(file)).toMatchObject({ pid: process.pid });
    await second.close();
    expect(await readdir(dir)).not.toContain(path.basename(lockPathOf(file)));
  });

  it('Workspace.close removes the lock; create and saveAs take one', async () => {
    const file = path.join(dir, 'New.boardpack');
    const ws = await Workspace.create(file, env);
    expect(await readLock(file)).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    const moved = path.join(dir, 'Moved.boardpack');
    await ws.saveAs(moved);
    expect(await readLock(file)).toBeUndefined();
    expect(await readLock(moved)).toMatchObject({ pid: process.pid });
    await ws.close();
    expect((await readdir(dir)).filter((n) => n.endsWith('.lock'))).toEqual([]);
  });
});

describe('automatic backups', () => {
  it('keeps the last 5 versions beside the workspace, newest first, each a whole workspace', async () => {
    const file = path.join(dir, 'Board.boardpack');
    const ws = await Workspace.create(file, env);
    for (let i = 1; i <= 8; i++) {
      ws.mutate(() => addOutcome(ws.db, { title: `Outcome ${i}` }));
      await ws.flush();
    }
    await ws.close();
    const backups = await listBackups(file);
    expect(backups).toHaveLength(5);
    expect(backups.map((b) => b.sequence)).toEqual([8, 7, 6, 5, 4]);
    expect(backups.every((b) => path.dirname(b.path) === backupsDirOf(file) && /^\d{6} \d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.boardpack$/.test(b.name))).toBe(true);
    // Backup 8 is the version before the 8th save: outcomes 1..7.
    for (const [i, backup] of backups.entries()) {
      const titles = await titlesIn(backup.path);
      expect(titles).toEqual(Array.from({ length: 7 - i }, (_, k) => `Outcome ${k + 1}`));
    }
    expect(await readdir(backupsDirOf(file))).toHaveLength(5);
  });

  it('restores a backup (the replaced version becomes a backup), and an open workspace notices', async () => {
    const file = path.join(dir, 'Board.boardpack');
    const ws = await Workspace.create(file, env);
    for (let i = 1; i <= 3; i++) {
      ws.mutate(() => addOutcome(ws.db, { title: `Outcome ${i}` }));
      await ws.flush();
    }
    const [newest, older] = await listBackups(file);
    const restored = await restoreBackup(file, older!.name);
    expect(restored.sequence).toBe(older!.sequence);
    expect(await titlesIn(file)).toEqual(['Outcome 1']);
    // Undoable: what was there before the restore is now the newest backup.
    const after = await listBackups(file);
    expect(after[0]!.sequence).toBe(newest!.sequence + 1);
    expect(await titlesIn(after[0]!.path)).toEqual(['Outcome 1', 'Outcome 2', 'Outcome 3']);
    // The workspace still open in this process does not silently undo the restore.
    ws.mutate(() => addOutcome(ws.db, { title: 'Outcome 4' }));
    await expect(ws.save()).rejects.toMatchObject({ code: 'changed_on_disk' });
    expect(await titlesIn(file)).toEqual(['Outcome 1']);
    await ws.saveCopy(path.join(dir, 'kept.boardpack'));
    await ws.close().catch(() => undefined);
  });

  it('refuses a backup from elsewhere, and a restore while another process has the workspace open', async () => {
    const file = path.join(dir, 'Board.boardpack');
    await workspaceWith(file, ['a', 'b']);
    await expect(restoreBackup(file, '../../etc/passwd')).rejects.toMatchObject({ code: 'not_found' });
    await expect(restoreBackup(file, path.join(dir, 'Board.boardpack'))).rejects.toMatchObject({ code: 'not_found' });
    await expect(restoreBackup(file, '000099 2025-01-01T00-00-00Z.boardpack')).rejects.toMatchObject({ code: 'not_found' });
    const [backup] = await listBackups(file);
    const holder = await holdOpen(file);
    expect(holder.first).toBe('open');
    await expect(restoreBackup(file, backup!.name)).rejects.toMatchObject({ code: 'locked' });
    holder.child.stdin.end();
    await exited(holder.child);
    await restoreBackup(file, backup!.path);
    // The only backup is the version saved by create, before 'a' and 'b' (saved together on close).
    expect(await titlesIn(file)).toEqual([]);
  });

  it('keeps none when asked to, and a workspace without backups lists none', async () => {
    const file = path.join(dir, 'Board.boardpack');
    const ws = await Workspace.create(file, { ...env, backupsKept: 0 });
    ws.mutate(() => addOutcome(ws.db, { title: 'x' }));
    await ws.close();
    expect(await listBackups(file)).toEqual([]);
    expect(await readdir(dir)).not.toContain('Board.boardpack.backups');
  });
});
