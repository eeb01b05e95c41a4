/**
 * The only renderer code that knows how API calls travel: through Electron's preload bridge
 * (window.boardpack.invoke) when it is there, else over HTTP to the loopback browser host with
 * the per-launch token the host put in the page's URL.
 */
import type { ApiArgs, ApiResponse, ApiResult, MethodName } from '../../../shared/api/contract';
import { METHOD_KIND } from '../../../shared/api/method-kind';

interface Bridge {
  invoke(method: string, args: unknown): Promise<ApiResponse<unknown>>;
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
