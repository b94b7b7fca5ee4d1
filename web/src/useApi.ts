import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api.js';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  retry: () => void;
}

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, e instanceof Error ? e.message : String(e));
}

/**
 * Loads `load()` whenever `key` changes. State is tagged with the key it belongs to, so a page never shows
 * the previous key's data while the next one loads (e.g. moving from indicator 13 to 16).
 */
export function useApi<T>(key: string, load: () => Promise<T>): ApiState<T> {
  const [attempt, setAttempt] = useState(0);
  const tag = `${key}#${attempt}`;
  const [state, setState] = useState<{ tag: string; data?: T; error?: ApiError }>({ tag: '' });

  useEffect(() => {
    let active = true;
    load().then(
      (data) => active && setState({ tag, data }),
      (e: unknown) => active && setState({ tag, error: asApiError(e) }),
    );
    return () => {
      active = false;
    };
    // `load` is a fresh closure each render; `tag` captures everything it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tag]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  const current = state.tag === tag;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: !current,
    retry,
  };
}

/**
 * useApi for data that is asked for again after each change (`version`): while the new answer loads, the previous
 * one for the same `group` (year, filters) stays on screen, so tables do not collapse into a spinner.
 */
export function useRefreshing<T>(group: string, version: number, load: () => Promise<T>): ApiState<T> {
  const state = useApi(`${group}#${version}`, load);
  const [last, setLast] = useState<{ group: string; data: T } | null>(null);
  if (state.data !== undefined && last?.data !== state.data) setLast({ group, data: state.data });
  const data = state.data ?? (state.loading && last?.group === group ? last.data : undefined);
  return { ...state, data };
}
