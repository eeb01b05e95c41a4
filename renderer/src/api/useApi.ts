/** A thin React subscription over one API call: data, error and a reload. */
import { useCallback, useEffect, useState } from 'react';
import type { ApiArgs, ApiResult, MethodName } from '../../../shared/api/contract';
import { call } from './client';

export interface ApiState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

export function useApi<M extends MethodName>(method: M, args: ApiArgs<M> | null): ApiState<ApiResult<M>> {
  const [data, setData] = useState<ApiResult<M> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const key = JSON.stringify(args);

  useEffect(() => {
    if (args === null) return;
    let live = true;
    setLoading(true);
    call(method, args).then(
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
  }, [method, key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}
