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
 * reads them from disk); in the browser, streamed once to the host as a binary upload and named
 * afterwards by the handle it returns for each, so a plan, a change of mapping and the import
 * reuse it. Nothing is read into this page's memory or turned into base64.
 */
export async function importSource(files: File[], options: { onSent?: (bytes: number, total: number, name: string) => void; signal?: AbortSignal } = {}): Promise<ImportSource> {
  const bridge = window.boardpack;
  if (bridge) {
    const paths = files.map((f) => bridge.pathForFile?.(f) ?? '');
    const missing = files.find((_, i) => !paths[i]);
    if (missing) throw new ApiCallError('invalid_arguments', `"${missing.name}" is not a file on this computer's disk; save it to a folder first, then choose it there.`);
    return { paths };
  }
  const sent = await upload(files, options);
  return { uploads: sent.map((f) => f.handle) };
}

const CANCELLED = 'The import was cancelled: nothing was changed.';

/**
 * Sends the files to the host in one request (host/server.ts): a line listing their names and
 * sizes, then their bytes back to back, straight from disk. One request, not one per file: the
 * 24 police.uk months went over from Chromium in 0.30-0.45 s, against 0.45-0.70 s four requests
 * at a time. XMLHttpRequest, not fetch, because only it tells how much has been sent, so the bar
 * moves within a large file.
 */
function upload(files: File[], options: { onSent?: (bytes: number, total: number, name: string) => void; signal?: AbortSignal }): Promise<Array<{ handle: string }>> {
  const list = new Blob([JSON.stringify({ files: files.map((f) => ({ name: f.name, size: f.size })) }), '\n']);
  const total = files.reduce((n, f) => n + f.size, 0);
  /** The file being sent once `bytes` of them have gone. */
  const fileAt = (bytes: number) => {
    let end = 0;
    for (const file of files) {
      end += file.size;
      if (bytes < end) return file.name;
    }
    return files[files.length - 1]?.name ?? '';
  };
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new ApiCallError('invalid_arguments', CANCELLED));
    const request = new XMLHttpRequest();
    const cancel = () => request.abort();
    options.signal?.addEventListener('abort', cancel, { once: true });
    const settle = () => options.signal?.removeEventListener('abort', cancel);
    request.open('POST', './upload');
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.setRequestHeader('X-Boardpack-Token', token);
    request.responseType = 'text';
    options.onSent?.(0, total, fileAt(0));
    request.upload.onprogress = (event) => {
      const bytes = Math.min(total, Math.max(0, event.loaded - list.size));
      options.onSent?.(bytes, total, fileAt(bytes));
    };
    request.onabort = () => {
      settle();
      reject(new ApiCallError('invalid_arguments', CANCELLED));
    };
    request.onerror = () => {
      settle();
      reject(new ApiCallError('io', 'Boardpack could not be reached to send the files: check it is still running, then try again.'));
    };
    request.onload = () => {
      settle();
      let result: ApiResponse<{ files: Array<{ handle: string }> }> | null = null;
      try {
        result = JSON.parse(request.responseText) as ApiResponse<{ files: Array<{ handle: string }> }>;
      } catch {
        result = null;
      }
      if (!result) return reject(new ApiCallError('io', `Boardpack's host refused the files (${request.status}).`));
      if (!result.ok) return reject(new ApiCallError(result.error.code, result.error.message));
      resolve(result.value.files);
    };
    request.send(new Blob([list, ...files]));
  });
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
