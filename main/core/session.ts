/**
 * What every feature's handlers share: the open workspace (replaced by open and create), the
 * environment it was opened with, its undo history and the running long job, and the shape of
 * a feature's part of the handler table.
 */
import type { ApiArgs, ApiResult, MethodName } from '../../shared/api/contract';
import { History } from './history';
import { RunningJob } from './jobs';
import type { Workspace, WorkspaceEnv } from './store/workspace';

/** The open workspace and what belongs to it while it is open. */
export interface Session {
  /** The open workspace; `open` and `create` replace it, and replacing it starts a fresh history. */
  workspace: Workspace;
  env: WorkspaceEnv;
  /** Undo and redo of the open workspace (Ctrl+Z, Ctrl+Y), kept in memory while it is open. */
  readonly history: History;
  /** The long job running now, if any (an import, the agenda pack export): its progress, and Cancel (jobs/). */
  readonly running: RunningJob;
  /** Where the browser host puts uploaded files (`<uploadDir>/<handle>/<name>`); none in Electron and the CLI. */
  uploadDir?: string;
  /** True once Cancel was pressed in the host, asked while a long step runs without a break (see imports/running.ts). */
  cancelRequested?: () => boolean;
  /** Told when the user switches to another workspace (the app remembers it for next time). */
  onWorkspaceChanged?(file: string | null): Promise<void>;
}

export type SessionInit = Omit<Session, 'history' | 'running'>;

/** A session on `workspace`, with an empty history and no long job running. */
export function createSession(init: SessionInit): Session {
  const { workspace: first, ...rest } = init;
  let workspace = first;
  let history = new History(first);
  const session: Session = {
    ...rest,
    get workspace() {
      return workspace;
    },
    set workspace(next: Workspace) {
      if (next === workspace) return;
      workspace = next;
      history = new History(next);
    },
    get history() {
      return history;
    },
    running: new RunningJob(() => session.cancelRequested?.() ?? false),
  };
  return session;
}

/** One handler per API method. */
export type Handlers = { [M in MethodName]: (args: ApiArgs<M>) => Promise<ApiResult<M>> };

/** A feature's handlers: the methods it owns (app.ts joins them and refuses a method owned twice). */
export type FeatureHandlers<M extends MethodName> = { [K in M]: (args: ApiArgs<K>) => Promise<ApiResult<K>> };
