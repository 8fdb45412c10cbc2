import { useEffect, useState } from "preact/hooks";
import { api } from "./api";

export type Loaded<T> = { data: T | null; error: Error | null; loading: boolean; reload: () => void };

/**
 * GETs `path` (null: nothing yet) and again whenever it changes. An answer that arrives after the path
 * has moved on is dropped, so a slow old request never overwrites a newer one.
 */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ path: string | null; data: T | null; error: Error | null }>({ path: null, data: null, error: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    api<T>("GET", path).then(
      (data) => current && setState({ path, data, error: null }),
      (error: unknown) => current && setState({ path, data: null, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      current = false;
    };
  }, [path, attempt]);
  const settled = state.path === path;
  return {
    // The previous answer stays on screen while the next loads, so charts do not blink on every change.
    data: state.data,
    error: settled ? state.error : null,
    loading: path !== null && !settled,
    reload: () => {
      setState((previous) => ({ ...previous, path: null }));
      setAttempt((n) => n + 1);
    },
  };
}

/** `{items}` lists (sites, services, surveys), or an empty list until they arrive. */
export function useList<T>(path: string | null): Loaded<{ items: T[] }> & { items: T[] } {
  const loaded = useApi<{ items: T[] }>(path);
  return { ...loaded, items: loaded.data?.items ?? [] };
}
