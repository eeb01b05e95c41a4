/**
 * The command line beside an open app (moved from test/main/core/workspace/workspace-api.test.ts:
 * it runs the real `boardpack` command, so it belongs with the CLI tests in the slow project).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../main/core/store/workspace';
import { env, REPO } from '../core/demo-support';
import { appendixTsv } from '../../shared-folder';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-cli-open-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the CLI reads a workspace the app has open', () => {
  it('info works while the workspace is locked by an open session; import is refused', async () => {
    const file = path.join(dir, 'open.boardpack');
    const held = await Workspace.create(file, env);
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [path.join(REPO, 'bin/boardpack.mjs'), 'info', '--workspace', file, '--json'], { cwd: REPO });
    expect(JSON.parse(stdout).counts.outcomes).toBe(0);
    const tsv = appendixTsv();
    const refused = await run(process.execPath, [path.join(REPO, 'bin/boardpack.mjs'), 'import', tsv, '--workspace', file], { cwd: REPO }).catch((e: { code: number; stderr: string }) => e);
    expect((refused as { code: number }).code).toBe(1);
    expect((refused as { stderr: string }).stderr).toMatch(/open/i);
    await held.close();
  });
});
