/** A thin React subscription over one API call: data, error and a reload. */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiArgs, ApiResult, MethodName } from '../../../shared/api/contract';
import { call, currentWorkspaceVersion, subscribeToChanges } from './client';

export interface ApiState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Calls started ahead of the render that will want them (e.g. from a click), by method and arguments. */
const prefetched = new Map<string, { at: number; promise: Promise<unknown> }>();
const PREFETCH_MS = 5_000;

/**
 * Starts a call now, for a `useApi` with the same method and arguments about to render: a
 * click handler can send the request before React has re-rendered the page.
 */
export function prefetch<M extends MethodName>(method: M, args: ApiArgs<M>): void {
  const key = `${method} ${JSON.stringify(args)}`;
  const promise = call(method, args);
  promise.catch(() => undefined);
  prefetched.set(key, { at: Date.now(), promise });
}

function takePrefetched<M extends MethodName>(method: M, key: string): Promise<ApiResult<M>> | null {
  const hit = prefetched.get(`${method} ${key}`);
  if (!hit) return null;
  prefetched.delete(`${method} ${key}`);
  return Date.now() - hit.at < PREFETCH_MS ? (hit.promise as Promise<ApiResult<M>>) : null;
}

export function useApi<M extends MethodName>(method: M, args: ApiArgs<M> | null): ApiState<ApiResult<M>> {
  const [data, setData] = useState<ApiResult<M> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const key = JSON.stringify(args);
  // Reload after anything changed the workspace (an edit here, an undo from the menu...).
  const workspaceVersion = useSyncExternalStore(subscribeToChanges, currentWorkspaceVersion);

  useEffect(() => {
    if (args === null) return;
    let live = true;
    setLoading(true);
    (takePrefetched(method, key) ?? call(method, args)).then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e instanceof Error ? e.message : String(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [method, key, version, workspaceVersion]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}
