/**
 * The one message protocol between a host (the Electron main process, the browser host) and
 * the core running in a process of its own (Electron's utilityProcess, or a Node child
 * process). Messages are plain JSON-compatible objects, checked on arrival by both sides.
 *
 * host -> core
 *   { type: 'start', config }                    once, first: which workspace to open
 *   { type: 'call', id, method, params }         an API call (the contract's methods)
 *   { type: 'cancel', id }                       cancel the long job started by call `id`
 *   { type: 'stop' }                             save and close the workspace, then exit
 * core -> host
 *   { type: 'ready', workspace, notice, uploadDir }  the workspace is open; where uploads go
 *   { type: 'failed', message }                  the core could not start
 *   { type: 'result', id, response }             the call's ApiResponse (never a thrown error)
 *   { type: 'progress', id, progress }           how far the long job started by call `id` has got (a JobProgress)
 *   { type: 'workspace', workspace }             the open workspace changed (title, file)
 *   { type: 'stopped', error }                   closed (error: why the workspace could not be saved)
 */
import type { ApiResponse } from '../../shared/api/contract';
import type { JobKind, JobPhase, JobProgress } from '../../shared/api/types';

/** Which workspace the core opens first, and the environment it runs with. */
export interface CoreConfig {
  /**
   * The user's data folder (settings.json: the workspace used last and recent ones; the demo
   * workspace). Without it (`boardpack serve`) nothing is remembered and `workspace` is required.
   */
  dataDir?: string;
  /** A workspace to open instead of the one used last (a file given on the command line). */
  workspace?: string;
  /** The OS user, for the audit trail. */
  osUser: string;
  /** Debounce for automatic saves (ms). */
  saveDelayMs?: number;
}

/** The open workspace, as hosts need it (the window title, File > Open recent). */
export interface WorkspaceSummary {
  file: string | null;
  title: string;
  /** Workspaces used recently, newest first (files that still exist). */
  recent: string[];
}

export type HostMessage =
  | { type: 'start'; config: CoreConfig }
  | { type: 'call'; id: number; method: string; params: unknown }
  | { type: 'cancel'; id: number }
  | { type: 'stop'; discardUnsaved?: boolean };

export type CoreMessage =
  | { type: 'ready'; workspace: WorkspaceSummary; notice: string | null; uploadDir: string }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; response: ApiResponse<unknown> }
  | { type: 'progress'; id: number; progress: JobProgress }
  | { type: 'workspace'; workspace: WorkspaceSummary }
  | { type: 'stopped'; error: string | null };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isId = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x > 0;
const isString = (x: unknown): x is string => typeof x === 'string';

function isSummary(x: unknown): x is WorkspaceSummary {
  return isObject(x) && (x.file === null || isString(x.file)) && isString(x.title) && Array.isArray(x.recent) && x.recent.every(isString);
}

/** A message the core received, checked; null when it is not one of the protocol's. */
export function parseHostMessage(x: unknown): HostMessage | null {
  if (!isObject(x)) return null;
  if (x.type === 'call' && isId(x.id) && isString(x.method)) return { type: 'call', id: x.id, method: x.method, params: x.params ?? {} };
  if (x.type === 'cancel' && isId(x.id)) return { type: 'cancel', id: x.id };
  if (x.type === 'stop') return { type: 'stop', discardUnsaved: x.discardUnsaved === true };
  if (x.type === 'start' && isObject(x.config)) {
    const { dataDir, osUser, workspace, saveDelayMs } = x.config;
    if ((dataDir !== undefined && !isString(dataDir)) || !isString(osUser)) return null;
    if (dataDir === undefined && !isString(workspace)) return null;
    if (workspace !== undefined && !isString(workspace)) return null;
    if (saveDelayMs !== undefined && (typeof saveDelayMs !== 'number' || !(saveDelayMs >= 0))) return null;
    return { type: 'start', config: { dataDir, osUser, workspace, saveDelayMs } };
  }
  return null;
}

function isResponse(x: unknown): x is ApiResponse<unknown> {
  if (!isObject(x)) return false;
  if (x.ok === true) return 'value' in x;
  return x.ok === false && isObject(x.error) && isString(x.error.code) && isString(x.error.message);
}

const JOB_KINDS: ReadonlySet<unknown> = new Set<JobKind>(['import', 'export', 'restore']);
const JOB_PHASES: ReadonlySet<unknown> = new Set<JobPhase>(['reading', 'storing', 'saving', 'preparing', 'laying-out', 'writing', 'restoring']);
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

function isProgress(x: unknown): x is JobProgress {
  if (!isObject(x)) return false;
  const { running, kind, phase, done, total, fraction, file, cancelled } = x;
  return (
    typeof running === 'boolean' &&
    (kind === null || JOB_KINDS.has(kind)) &&
    (phase === null || JOB_PHASES.has(phase)) &&
    isCount(done) &&
    isCount(total) &&
    typeof fraction === 'number' &&
    fraction >= 0 &&
    fraction <= 1 &&
    isString(file) &&
    typeof cancelled === 'boolean'
  );
}

/** A message a host received from the core, checked; null when it is not one of the protocol's. */
export function parseCoreMessage(x: unknown): CoreMessage | null {
  if (!isObject(x)) return null;
  if (x.type === 'result' && isId(x.id) && isResponse(x.response)) return { type: 'result', id: x.id, response: x.response };
  if (x.type === 'progress' && isId(x.id) && isProgress(x.progress)) return { type: 'progress', id: x.id, progress: x.progress };
  if (x.type === 'ready' && isSummary(x.workspace) && (x.notice === null || isString(x.notice)) && isString(x.uploadDir)) return { type: 'ready', workspace: x.workspace, notice: x.notice, uploadDir: x.uploadDir };
  if (x.type === 'workspace' && isSummary(x.workspace)) return { type: 'workspace', workspace: x.workspace };
  if (x.type === 'failed' && isString(x.message)) return { type: 'failed', message: x.message };
  if (x.type === 'stopped' && (x.error === null || isString(x.error))) return { type: 'stopped', error: x.error };
  return null;
}

/**
 * The file that says "Cancel was pressed" for the job started by call `id`. The host writes it as
 * well as sending `cancel`: a step the core runs without a break (storing a million values)
 * cannot read messages, but it checks this file every few thousand values.
 */
export function cancelFlagFile(uploadDir: string, id: number): string {
  return `${uploadDir}/cancel-${id}`;
}

/** What either side of the protocol needs from the channel between them. */
export interface Channel<In, Out> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
