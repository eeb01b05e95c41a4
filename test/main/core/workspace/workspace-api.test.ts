import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, createSession, dispatch } from '../../../../main/core/app';
import { addOutcome, listOutcomes } from '../../../../main/core/indicators/repo';
import { Workspace } from '../../../../main/core/store/workspace';
import { env } from '../demo-support';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-wsapi-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('workspace backups through the API', () => {
  it('lists earlier versions and restores one, keeping the current version as a backup', async () => {
    const file = path.join(dir, 'board.boardpack');
    const session = createSession({ workspace: await Workspace.create(file, env), env });
    const h = createHandlers(session);
    for (const title of ['First', 'Second', 'Third']) {
      session.workspace.mutate(() => addOutcome(session.workspace.db, { title }));
      await session.workspace.flush();
    }
    const backups = await h['workspace.backups']({});
    expect(backups.length).toBeGreaterThanOrEqual(2);
    // Backups are newest first; the newest holds the version before "Third" was added.
    await h['workspace.restoreBackup']({ name: backups[0]!.name });
    expect(listOutcomes(session.workspace.db).map((o) => o.title)).toEqual(['First', 'Second']);
    const after = await h['workspace.backups']({});
    expect(after.length).toBeGreaterThan(backups.length - 1);
    expect(await dispatch(h, 'workspace.restoreBackup', { name: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await session.workspace.close();
  });

  it('switching workspace closes the previous one, so it can be opened again elsewhere', async () => {
    const a = path.join(dir, 'a.boardpack');
    const session = createSession({ workspace: await Workspace.create(a, env), env });
    const h = createHandlers(session);
    await h['workspace.create']({ path: path.join(dir, 'b.boardpack') });
    const again = await Workspace.open(a, env);
    await again.close();
    await session.workspace.close();
  });
});
