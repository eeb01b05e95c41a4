/**
 * What every `boardpack` command shares: its shape, its options' checks, and the one way it
 * reaches the core: a session (cli-core.ts) and the handler table, exactly as the app's hosts
 * call it. No command opens, creates or restores a workspace itself.
 */
import { setFlagsFromString } from 'node:v8';
import type { ApiArgs, ApiResult, MethodName } from '../../shared/api/contract';
import type { Session } from '../core/app';
import { osUserName } from '../core/paths';
import type { WorkspaceEnv } from '../core/store/workspace';

/**
 * The core (sql.js, exceljs, zod schemas...) loads only when a command needs it, so
 * `boardpack --help` starts as fast as Node itself (the build step bundles the entry, and the
 * core becomes a chunk of its own). The words (shared/domain, a few kB) load with the entry.
 */
export const core = () => import('../cli-core');

/**
 * For `info` and `import`, commands that end within seconds: V8 compiles sql.js's WebAssembly
 * with its baseline compiler only. By default it also optimises the module on background
 * threads, and the process waits for that work: 0.5-1 s of a two-core machine for `info`, and
 * a 0.3-0.5 s stall early in an import (its main thread waiting on the optimising threads),
 * more than a run of seconds gains from the optimised code. Measured alternately: the 24
 * police.uk months 1.86-2.19 s against 2.36-2.56 s; a 300,000-row tidy CSV 3.2 s against
 * 3.3-3.5 s. Only in a `boardpack` process of its own (bin/boardpack.mjs sets BOARDPACK_CLI),
 * never in a host or a test that runs commands in its process, and before the core first
 * loads sql.js. The app's core process keeps the optimised code.
 */
export function quickWasm(): void {
  if (process.env.BOARDPACK_CLI === '1') setFlagsFromString('--liftoff-only');
}

/** A mistake in how the command was typed: exit status 2. */
export class UsageError extends Error {}

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; help: string; multiple?: boolean }>;
  run(values: Values, positionals: string[]): Promise<number>;
}

export const env = (): WorkspaceEnv => ({ now: () => new Date(), osUser: osUserName(), saveDelayMs: 0 });

export function required(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.length === 0) throw new UsageError(`--${name} is required.`);
  return v;
}

/**
 * Runs `work` on a session. `file`: the workspace the command works on; reports and exports only
 * read it (so they work while the app has it open), imports and changes write. Without a file
 * (creating or restoring a workspace) the handler called opens one.
 */
export async function withSession<T>(file: string | null, work: (session: Session) => Promise<T>, mode: 'read' | 'write' = 'read'): Promise<T> {
  const c = await core();
  const session = await c.openCommandSession(env(), file === null ? undefined : { file, mode });
  try {
    return await work(session);
  } finally {
    await c.closeCommandSession(session);
  }
}

/** Calls the handler table exactly as the other hosts do, turning an error value into a thrown message. */
export async function call<M extends MethodName>(session: Session, method: M, args: ApiArgs<M>): Promise<ApiResult<M>> {
  const { dispatch, createHandlers } = await core();
  const response = await dispatch(createHandlers(session), method, args);
  if (!response.ok) throw new Error(response.error.message);
  return response.value as ApiResult<M>;
}
