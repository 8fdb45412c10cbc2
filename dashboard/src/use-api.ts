import type { ClientResponse } from "hono/client";
import { useEffect, useState } from "preact/hooks";
import { read, type Answer } from "./api";

export type Loaded<T> = { data: T | null; error: Error | null; loading: boolean; reload: () => void };

type State<T> = { key: string | null; data: T | null; error: Error | null };

/**
 * Calls `get` (a GET of the typed client) with `args` (null: nothing yet), and again whenever they change.
 * An answer that arrives after the arguments have moved on is dropped, so a slow old request never
 * overwrites a newer one.
 */
export function useApi<Args, R extends ClientResponse<unknown>>(
  get: (args: Args) => Promise<R>,
  args: Args | null,
): Loaded<Answer<R>> {
  // The arguments stand for the request (the client builds its URL from them): same JSON, same request.
  const key = args === null ? null : JSON.stringify(args);
  const [state, setState] = useState<State<Answer<R>>>({ key: null, data: null, error: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (args === null) return;
    let current = true;
    read(get(args)).then(
      (data) => current && setState({ key, data, error: null }),
      (error: unknown) => {
        if (current) setState({ key, data: null, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);
  const settled = state.key === key;
  return {
    // The previous answer stays on screen while the next loads, so charts do not blink on every change.
    data: state.data,
    error: settled ? state.error : null,
    loading: key !== null && !settled,
    reload: () => {
      setState((previous) => ({ ...previous, key: null }));
      setAttempt((n) => n + 1);
    },
  };
}
