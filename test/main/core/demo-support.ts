/** Shared by tests: a demo workspace in memory, built from the committed assets. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { createHandlers, createSession, type Session } from '../../../main/core/app';
import { fillDemoWorkspace } from '../../../main/core/workspace/demo';
import { Workspace } from '../../../main/core/store/workspace';
import { appendixTsv } from '../../shared-folder';

export const REPO = path.resolve(import.meta.dirname, '../../..');
export const env = { now: () => new Date('2025-01-31T12:00:00Z'), osUser: 'tester', saveDelayMs: 0 };

export async function demoSession(): Promise<Session> {
  const workspace = await Workspace.inMemory(env);
  await fillDemoWorkspace(workspace, path.join(REPO, 'assets'));
  return createSession({ workspace, env });
}

export async function demoHandlers() {
  const session = await demoSession();
  return { session, handlers: createHandlers(session) };
}

/** The published table's rows (header first), as tab-separated cells. */
export function publishedAppendix(): string[][] {
  return readFileSync(appendixTsv(), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.length > 0)
    .map((l) => l.split('\t'));
}

const run = promisify(execFile);

/** Runs the `boardpack` command line as a user would, returning its exit code and output. */
export async function boardpack(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO, 'bin/boardpack.mjs'), ...args], { cwd: REPO, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
