/**
 * The core's side of the protocol (protocol.ts): runs the handler table, the workspace and
 * sql.js in a process of its own, so a long import never blocks the window or the browser
 * host. core-main.ts starts it in Electron's utilityProcess or a Node child process.
 */
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHandlers, createSession, dispatch, type Session } from '../core/app';
import { openFirstWorkspace, recentWorkspaces, rememberWorkspace, workspaceInfo } from '../core/workspace';
import type { WorkspaceEnv } from '../core/store/workspace';
import type { ApiResponse, MethodName } from '../../shared/api/contract';
import { METHOD_KIND } from '../../shared/api/method-kind';
import { JOB_METHODS } from '../../shared/api/jobs';
import { progressRelay, type ProgressRelay } from './progress-relay';
import { cancelFlagFile, parseHostMessage, type CoreConfig, type CoreMessage, type WorkspaceSummary } from './protocol';


export interface CoreSide {
  send(message: CoreMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  exit(code: number): void;
}

export function serveCore(side: CoreSide): { stop(discardUnsaved?: boolean): Promise<void> } {
  let session: Session | null = null;
  let dataDir: string | undefined;
  let uploadDir: string | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  /** The call id of the long job running now (one at a time per session). */
  let job: number | null = null;
  /** Passes the running job's progress to the host, a few times a second (progress-relay.ts). */
  let relay: ProgressRelay | null = null;
  /**
   * Resolves when the running import ends. While it reads its files, calls that only read are
   * answered at once. While it stores its values (in slices inside one transaction, pausing
   * between them) they wait for the transaction to close, so no screen ever shows half an import
   * or the rows of a plan that is then rolled back. Calls that change the workspace wait for
   * the whole import here (they would otherwise land inside its transaction).
   */
  let importEnded: { promise: Promise<void>; resolve: () => void } | null = null;

  const summary = async (): Promise<WorkspaceSummary> => ({
    file: session!.workspace.file,
    title: workspaceInfo(session!.workspace).title,
    recent: dataDir === undefined ? [] : await recentWorkspaces(dataDir),
  });

  async function start(config: CoreConfig): Promise<void> {
    const env: WorkspaceEnv = { now: () => new Date(), osUser: config.osUser, saveDelayMs: config.saveDelayMs };
    dataDir = config.dataDir;
    const { workspace, notice } = await openFirstWorkspace(config, env);
    uploadDir = await fs.mkdtemp(path.join(os.tmpdir(), 'boardpack-uploads-'));
    session = createSession({
      workspace,
      env,
      uploadDir,
      cancelRequested: () => job !== null && existsSync(cancelFlagFile(uploadDir!, job)),
      onWorkspaceChanged: async (file) => {
        if (dataDir !== undefined) await rememberWorkspace(dataDir, file);
        side.send({ type: 'workspace', workspace: await summary() });
      },
    });
    if (dataDir !== undefined) await rememberWorkspace(dataDir, workspace.file).catch(() => undefined);
    session.running.watch((progress) => relay?.report(progress));
    const handlers = createHandlers(session);
    handle = async (id, method, params) => {
      // Calls that run as a long job: progress events and `cancel` refer to them by their call id.
      const isJob = Object.hasOwn(JOB_METHODS, method);
      // (A second job is not held: it is refused at once, as one is already running.)
      while (!isJob && importEnded && METHOD_KIND[method as MethodName] !== 'reads') await importEnded.promise;
      if (!isJob && importEnded) await session!.workspace.db.settled();
      if (isJob && job === null) {
        job = id;
        relay = progressRelay((progress) => side.send({ type: 'progress', id, progress }));
        if (JOB_METHODS[method] === 'import') {
          let resolve!: () => void;
          const promise = new Promise<void>((r) => (resolve = r));
          importEnded = { promise, resolve };
        }
      }
      try {
        return await dispatch(handlers, method, params);
      } finally {
        if (job === id) {
          job = null;
          relay?.clear();
          relay = null;
          const ended = importEnded;
          importEnded = null;
          await fs.rm(cancelFlagFile(uploadDir!, id), { force: true }).catch(() => undefined);
          // The calls held back go on once the job's own result has gone out, so the host hears in order.
          if (ended) setImmediate(() => ended.resolve());
        }
      }
    };
    markReady();
    side.send({ type: 'ready', workspace: await summary(), notice, uploadDir });
  }

  let handle: (id: number, method: string, params: unknown) => Promise<ApiResponse<unknown>> = async () => ({
    ok: false,
    error: { code: 'workspace', message: 'Boardpack is still opening the workspace.' },
  });

  side.onMessage((raw) => {
    const message = parseHostMessage(raw);
    if (!message) return; // not the protocol's: ignored (hosts only send checked messages)
    switch (message.type) {
      case 'start':
        if (session) return;
        start(message.config).catch((error: unknown) => {
          side.send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
          side.exit(1);
        });
        return;
      case 'call':
        void ready.then(async () => side.send({ type: 'result', id: message.id, response: await handle(message.id, message.method, message.params) }));
        return;
      case 'cancel':
        if (session && job === message.id) session.running.cancel();
        return;
      case 'stop':
        void stop(message.discardUnsaved);
        return;
    }
  });

  /** Saves and closes the workspace (releasing its lock), then exits; stays if it cannot be saved. */
  async function stop(discardUnsaved = false): Promise<void> {
    let error: string | null = null;
    if (session) {
      session.running.cancel();
      try {
        await session.workspace.close({ discardUnsaved });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    if (uploadDir && error === null) await fs.rm(uploadDir, { recursive: true, force: true }).catch(() => undefined);
    side.send({ type: 'stopped', error });
    if (error === null) side.exit(0);
  }
  return { stop };
}
