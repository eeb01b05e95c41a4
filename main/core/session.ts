/**
 * What every feature's handlers share: the open workspace (replaced by open and create) and
 * the environment it was opened with, and the shape of a feature's part of the handler table.
 */
import type { ApiArgs, ApiResult, MethodName } from '../../shared/api/contract';
import type { Workspace, WorkspaceEnv } from './store/workspace';

/** The open workspace; `open` and `create` replace it. */
export interface Session {
  workspace: Workspace;
  env: WorkspaceEnv;
  /** Where the browser host puts uploaded files (`<uploadDir>/<handle>/<name>`); none in Electron and the CLI. */
  uploadDir?: string;
  /** True once Cancel was pressed in the host, asked while a long step runs without a break (see imports/running.ts). */
  cancelRequested?: () => boolean;
  /** Told when the user switches to another workspace (the app remembers it for next time). */
  onWorkspaceChanged?(file: string | null): Promise<void>;
}

/** One handler per API method. */
export type Handlers = { [M in MethodName]: (args: ApiArgs<M>) => Promise<ApiResult<M>> };

/** A feature's handlers: the methods it owns (app.ts joins them and refuses a method owned twice). */
export type FeatureHandlers<M extends MethodName> = { [K in M]: (args: ApiArgs<K>) => Promise<ApiResult<K>> };
