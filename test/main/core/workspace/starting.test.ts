/** The app opens the workspace used last next time, and falls back to the demo, saying why. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, createSession } from '../../../../main/core/app';
import { DEFAULT_WORKSPACE_NAME, openStartWorkspace, recentWorkspaces, RECENT_KEPT, rememberWorkspace } from '../../../../main/core/workspace/starting';
import { Workspace } from '../../../../main/core/store/workspace';
import { env } from '../demo-support';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-session-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('the workspace used last', () => {
  it('is remembered when the user creates one, and opened at the next start', async () => {
    const first = await openStartWorkspace(dataDir, env);
    expect(first.notice).toBeNull();
    expect(path.basename(first.workspace.file!)).toBe(DEFAULT_WORKSPACE_NAME);
    const session = createSession({ workspace: first.workspace, env, onWorkspaceChanged: (file) => rememberWorkspace(dataDir, file) });
    const board = path.join(dataDir, 'Safer Communities Board.boardpack');
    await createHandlers(session)['workspace.create']({ path: board });
    // The created workspace is the one used last, and heads File > Open recent.
    expect(JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8'))).toEqual({ lastWorkspace: board, recent: [board] });
    await session.workspace.close();

    const next = await openStartWorkspace(dataDir, env);
    expect(next).toMatchObject({ notice: null });
    expect(next.workspace.file).toBe(board);
    await next.workspace.close();
  });

  it('falls back to the demo when it has gone, and says so', async () => {
    const gone = path.join(dataDir, 'Moved away.boardpack');
    const created = await Workspace.create(gone, env);
    await created.close();
    await rememberWorkspace(dataDir, gone);
    await rm(gone);
    const started = await openStartWorkspace(dataDir, env);
    expect(started.notice).toMatch(/^The workspace used last \(".*Moved away\.boardpack"\) could not be opened, so the demo opened instead\./);
    expect(path.basename(started.workspace.file!)).toBe(DEFAULT_WORKSPACE_NAME);
    await started.workspace.close();
  });

  it('starts as on first run when the settings file is damaged', async () => {
    await writeFile(path.join(dataDir, 'settings.json'), '{"lastWorkspace": ');
    const started = await openStartWorkspace(dataDir, env);
    expect(started.notice).toBeNull();
    expect(path.basename(started.workspace.file!)).toBe(DEFAULT_WORKSPACE_NAME);
    await started.workspace.close();
  });
});

describe('File > Open recent', () => {
  it('lists the workspaces used, newest first, each once, at most eight, leaving out those that have gone', async () => {
    const files: string[] = [];
    for (let i = 1; i <= RECENT_KEPT + 2; i++) {
      const file = path.join(dataDir, `Board ${i}.boardpack`);
      await writeFile(file, '');
      files.push(file);
      await rememberWorkspace(dataDir, file);
    }
    await rememberWorkspace(dataDir, files[4]!); // used again: moves to the top, listed once
    await rm(files[8]!);
    const recent = await recentWorkspaces(dataDir);
    expect(recent).toEqual([files[4]!, files[9]!, files[7]!, files[6]!, files[5]!, files[3]!, files[2]!]);
    expect(RECENT_KEPT).toBe(8);
  });
});
