/**
 * The only renderer code that knows how API calls travel: through Electron's preload bridge
 * (window.boardpack.invoke) when it is there, else over HTTP to the loopback browser host with
 * the per-launch token the host put in the page's URL.
 */
import type { ApiArgs, ApiResponse, ApiResult, MethodName } from '../../../shared/api/contract';
import { METHOD_KIND } from '../../../shared/api/method-kind';

interface Bridge {
  invoke(method: string, args: unknown): Promise<ApiResponse<unknown>>;
  /** Electron's webUtils.getPathForFile: where a dropped or chosen file is on disk ('' if nowhere). */
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    boardpack?: Bridge;
  }
}

/** An error a user can read: the message came from Boardpack, written for them. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const token = new URLSearchParams(window.location.search).get('token') ?? '';

async function overHttp(method: string, args: unknown): Promise<ApiResponse<unknown>> {
  const response = await fetch(`./api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Boardpack-Token': token },
    body: JSON.stringify(args ?? {}),
  });
  if (!response.ok && response.status !== 200) {
    return { ok: false, error: { code: 'io', message: `Boardpack's host refused the request (${response.status}): ${await response.text()}` } };
  }
  return (await response.json()) as ApiResponse<unknown>;
}

/** Files to import, as the core takes them: by path (Electron), or by upload handle (the browser version). */
export type ImportSource = { paths: string[] } | { uploads: string[] };

/**
 * Hands files over for import without reading them here: in Electron as their paths (the core
 * reads them from disk); in the browser, each streamed once to the host as a binary upload and
 * named afterwards by the handle it returns, so a plan, a change of mapping and the import
 * reuse it. Nothing is read into this page's memory or turned into base64.
 */
/** Files sent to the host at once. */
const UPLOADS_AT_ONCE = 4;

export async function importSource(files: File[], options: { onSent?: (bytes: number, total: number, name: string) => void; signal?: AbortSignal } = {}): Promise<ImportSource> {
  const bridge = window.boardpack;
  if (bridge) {
    const paths = files.map((f) => bridge.pathForFile?.(f) ?? '');
    const missing = files.find((_, i) => !paths[i]);
    if (missing) throw new ApiCallError('invalid_arguments', `"${missing.name}" is not a file on this computer's disk; save it to a folder first, then choose it there.`);
    return { paths };
  }
  const uploads = new Array<string>(files.length);
  const total = files.reduce((n, f) => n + f.size, 0);
  let sent = 0;
  const upload = async (file: File, index: number) => {
    options.onSent?.(sent, total, file.name);
    const response = await fetch(`./upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-Boardpack-Token': token },
      body: file,
      signal: options.signal,
    }).catch((error: unknown) => {
      if (options.signal?.aborted) throw new ApiCallError('invalid_arguments', 'The import was cancelled: nothing was changed.');
      throw error;
    });
    sent += file.size;
    const result = (await response.json().catch(() => null)) as ApiResponse<{ handle: string }> | null;
    if (!result) throw new ApiCallError('io', `Boardpack's host refused "${file.name}" (${response.status}).`);
    if (!result.ok) throw new ApiCallError(result.error.code, result.error.message);
    uploads[index] = result.value.handle;
  };
  // A few at a time, each keeping its place in the list: one after another, the 24 police.uk
  // months took 1.16 s to send from Chromium; four at a time, 0.82-0.85 s.
  let next = 0;
  let failed = false;
  const sender = async () => {
    for (let i = next++; i < files.length && !failed; i = next++) {
      // After one file fails no other is started: the import cannot go ahead without it.
      await upload(files[i]!, i).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(UPLOADS_AT_ONCE, files.length) }, sender));
  return { uploads };
}

/**
 * The workspace's version as the renderer knows it: it moves on after every call that changed
 * the workspace (an edit, an import, an undo), and every `useApi` reloads when it does.
 */
let workspaceVersion = 0;
const listeners = new Set<() => void>();

export function subscribeToChanges(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentWorkspaceVersion(): number {
  return workspaceVersion;
}

export async function call<M extends MethodName>(method: M, args: ApiArgs<M>): Promise<ApiResult<M>> {
  const response = window.boardpack ? await window.boardpack.invoke(method, args) : await overHttp(method, args);
  if (!response.ok) throw new ApiCallError(response.error.code, response.error.message);
  if (METHOD_KIND[method] === 'changes' && !(args as { dryRun?: boolean }).dryRun) {
    workspaceVersion++;
    for (const listener of listeners) listener();
  }
  return response.value as ApiResult<M>;
}
