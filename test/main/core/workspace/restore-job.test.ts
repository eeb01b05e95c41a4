/**
 * A backup restore as a long job (issue 12): it reports its progress, and Cancel at any point
 * before the restore is in place leaves the workspace file, its .bak and its backups folder
 * byte for byte as they were, with the workspace open again. The command line's way in (a
 * session with no workspace yet, the file named in the call) restores and opens the file.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, createSession, dispatch, type Session } from '../../../../main/core/app';
import { addOutcome, listOutcomes } from '../../../../main/core/indicators/repo';
import { watchJobs } from '../../../../main/core/jobs';
import { backupsDirOf } from '../../../../main/core/store/backups';
import { Workspace } from '../../../../main/core/store/workspace';
import { closeCommandSession, openCommandSession } from '../../../../main/core/workspace';
import type { JobProgress } from '../../../../shared/api/types';
import { env } from '../demo-support';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-restore-job-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A workspace with three saved versions: outcomes First, then Second, then Third. */
async function workspaceWithBackups(): Promise<string> {
  const file = path.join(dir, 'board.boardpack');
  const ws = await Workspace.create(file, env);
  for (const title of ['First', 'Second', 'Third']) {
    ws.mutate(() => addOutcome(ws.db, { title }));
    await ws.flush();
  }
  await ws.close();
  return file;
}

/** Every file of the workspace (itself, its .bak, each backup) and its bytes. */
async function filesOf(file: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const f of [file, `${file}.bak`]) files.set(path.basename(f), (await readFile(f)).toString('base64'));
  for (const name of await readdir(backupsDirOf(file))) files.set(`backups/${name}`, (await readFile(path.join(backupsDirOf(file), name))).toString('base64'));
  return files;
}

describe('restoring a backup as a job', () => {
  it('Cancel at any point leaves every file as it was and the workspace open as it was', async () => {
    const file = await workspaceWithBackups();
    const before = await filesOf(file);
    let checks = 0;
    let cancelAt = 1;
    const session: Session = createSession({ workspace: await Workspace.open(file, env), env, cancelRequested: () => ++checks >= cancelAt });
    const h = createHandlers(session);
    const [newest] = await h['workspace.backups']({});
    // Cancel at the first check, then the second... until the restore runs past every check.
    for (;; cancelAt++) {
      checks = 0;
      const r = await dispatch(h, 'workspace.restoreBackup', { name: newest!.name });
      if (r.ok) break;
      expect(r.error).toEqual({ code: 'conflict', message: 'The restore was cancelled: the workspace is exactly as it was.' });
      expect(await filesOf(file)).toEqual(before);
      expect(listOutcomes(session.workspace.db).map((o) => o.title)).toEqual(['First', 'Second', 'Third']);
      expect(cancelAt).toBeLessThan(50);
    }
    // More than one place to cancel: before reading, while copying, before the last step.
    expect(cancelAt).toBeGreaterThan(3);
    expect(listOutcomes(session.workspace.db).map((o) => o.title)).toEqual(['First', 'Second']);
    expect(await readFile(file)).toEqual(await readFile(path.join(backupsDirOf(file), newest!.name)));
    await session.workspace.close();
  });

  it('reports its progress, as a restore, up to the end', async () => {
    const file = await workspaceWithBackups();
    const session: Session = createSession({ workspace: await Workspace.open(file, env), env });
    const seen: JobProgress[] = [];
    watchJobs(session, (p) => seen.push(p));
    const h = createHandlers(session);
    const [newest] = await h['workspace.backups']({});
    await h['workspace.restoreBackup']({ name: newest!.name });
    const running = seen.filter((p) => p.running);
    expect(running.length).toBeGreaterThan(2);
    expect(running.every((p) => p.kind === 'restore' && p.phase === 'restoring' && !p.cancelled)).toBe(true);
    const fractions = running.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(seen.at(-1)).toMatchObject({ running: false });
    await session.workspace.close();
  });

  it('restores the workspace file named, from a session with none open (the command line), and opens it', async () => {
    const file = await workspaceWithBackups();
    const session = await openCommandSession(env);
    const h = createHandlers(session);
    const backups = await h['workspace.backups']({ path: file });
    expect(backups.length).toBe(3); // empty, First, First and Second
    const info = await h['workspace.restoreBackup']({ name: backups[1]!.name, path: file });
    expect(info.file).toBe(file);
    expect(listOutcomes(session.workspace.db).map((o) => o.title)).toEqual(['First']);
    await closeCommandSession(session);
    // Closed: the lock is released, so it opens again.
    const again = await Workspace.open(file, env);
    await again.close();
  });
});
