/**
 * The host's side of the protocol (protocol.ts): starts nothing itself, but given a channel to
 * the core process (a Node child process here, Electron's utilityProcess in main/electron),
 * sends API calls with ids, matches their results, keeps the latest progress of the long job
 * running, and answers `jobs.progress` and `import.progress` from it at once (so a progress bar
 * moves even while the core is busy) and passes Cancel (`jobs.cancel`, `import.cancel`) on.
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ApiResponse } from '../../shared/api/contract';
import { importProgressOf, JOB_METHODS, startingJob } from '../../shared/api/jobs';
import type { JobProgress } from '../../shared/api/types';
import { cancelFlagFile, parseCoreMessage, type CoreConfig, type HostMessage, type WorkspaceSummary } from './protocol';

/** The host's end of the channel to the core process. */
export interface HostSide {
  send(message: HostMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export class CoreClient {
  private nextId = 1;
  private readonly pending = new Map<number, { method: string; resolve: (response: ApiResponse<unknown>) => void }>();
  /** The long job in flight (its call id) and how far it has got. */
  private job: { id: number; progress: JobProgress } | null = null;
  private readonly workspaceListeners = new Set<(workspace: WorkspaceSummary) => void>();
  private stopped: ((error: string | null) => void) | null = null;
  private exited = false;
  /** The core's folder for uploads and cancel flags (known once it is ready). */
  private uploadDir: string | null = null;
  /** The open workspace as the core last said. */
  workspace: WorkspaceSummary | null = null;
  /** Resolves when the core has opened its first workspace; rejects if it could not start. */
  readonly ready: Promise<{ workspace: WorkspaceSummary; notice: string | null; uploadDir: string }>;

  constructor(
    private readonly side: HostSide,
    config: CoreConfig,
  ) {
    let readyResolve!: (value: { workspace: WorkspaceSummary; notice: string | null; uploadDir: string }) => void;
    let readyReject!: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    });
    this.ready.catch(() => undefined);
    side.onMessage((raw) => {
      const message = parseCoreMessage(raw);
      if (!message) return;
      switch (message.type) {
        case 'ready':
          this.workspace = message.workspace;
          this.uploadDir = message.uploadDir;
          readyResolve({ workspace: message.workspace, notice: message.notice, uploadDir: message.uploadDir });
          return;
        case 'failed':
          readyReject(new Error(message.message));
          return;
        case 'result': {
          const call = this.pending.get(message.id);
          if (!call) return;
          this.pending.delete(message.id);
          if (this.job?.id === message.id) this.job = null;
          call.resolve(message.response);
          return;
        }
        case 'progress':
          if (this.job?.id === message.id) this.job.progress = message.progress;
          return;
        case 'workspace':
          this.workspace = message.workspace;
          for (const listener of this.workspaceListeners) listener(message.workspace);
          return;
        case 'stopped':
          this.stopped?.(message.error);
          return;
      }
    });
    side.onExit((code) => {
      this.exited = true;
      readyReject(new Error(`Boardpack's core stopped before it opened a workspace (exit code ${code}).`));
      const error = { ok: false as const, error: { code: 'internal' as const, message: `Boardpack's core stopped unexpectedly (exit code ${code}); nothing after your last saved change was lost from the file. Restart Boardpack.` } };
      for (const call of this.pending.values()) call.resolve(error);
      this.pending.clear();
      this.job = null;
      this.stopped?.(null);
    });
    side.send({ type: 'start', config });
  }

  /** Calls an API method in the core. Never throws: failures come back as `{ ok: false }`. */
  call(method: string, params: unknown): Promise<ApiResponse<unknown>> {
    if (this.job) {
      if (method === 'jobs.progress') return Promise.resolve({ ok: true, value: this.job.progress });
      if (method === 'import.progress') return Promise.resolve({ ok: true, value: importProgressOf(this.job.progress) });
      if (method === 'jobs.cancel' || (method === 'import.cancel' && this.job.progress.kind === 'import')) {
        this.cancel(this.job.id);
        return Promise.resolve({ ok: true, value: { cancelled: true } });
      }
    }
    if (this.exited) return Promise.resolve({ ok: false, error: { code: 'internal', message: "Boardpack's core has stopped. Restart Boardpack." } });
    const id = this.nextId++;
    const kind = Object.hasOwn(JOB_METHODS, method) ? JOB_METHODS[method] : undefined;
    if (kind && !this.job) this.job = { id, progress: startingJob(kind) };
    return new Promise((resolve) => {
      this.pending.set(id, { method, resolve });
      this.side.send({ type: 'call', id, method, params });
    });
  }

  /** Cancels the long job started by call `id` (it ends with nothing changed). */
  cancel(id: number): void {
    if (this.job?.id === id) this.job.progress = { ...this.job.progress, cancelled: true };
    // Seen by the core even in the middle of a step that reads no messages (see cancelFlagFile).
    if (this.uploadDir) {
      try {
        writeFileSync(cancelFlagFile(this.uploadDir, id), '');
      } catch {
        // The message below still cancels at the core's next break.
      }
    }
    this.side.send({ type: 'cancel', id });
  }

  onWorkspaceChanged(listener: (workspace: WorkspaceSummary) => void): void {
    this.workspaceListeners.add(listener);
  }

  /**
   * Saves and closes the workspace and ends the core. Resolves with null when it closed, or
   * with why the workspace could not be saved (the core then stays, with the work in memory).
   */
  stop(options: { discardUnsaved?: boolean } = {}): Promise<string | null> {
    if (this.exited) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.stopped = resolve;
      this.side.send({ type: 'stop', discardUnsaved: options.discardUnsaved });
    });
  }

  kill(): void {
    this.side.kill();
  }
}

/** Where the core's entry is: the TypeScript (through tsx) in development, else the built core.mjs beside this bundle. */
export function coreEntry(): { file: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { file: fileURLToPath(new URL('./core-main.ts', here)), execArgv: ['--import', 'tsx'] };
  return { file: fileURLToPath(new URL('./core.mjs', here)), execArgv: [] };
}

/** Starts the core in a Node child process (the browser host and `boardpack serve`). */
export function forkCore(config: CoreConfig): CoreClient {
  const { file, execArgv } = coreEntry();
  const child = fork(file, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new CoreClient(
    {
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: () => child.kill('SIGKILL'),
    },
    config,
  );
}
