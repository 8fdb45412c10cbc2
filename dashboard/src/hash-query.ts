import { useEffect, useState } from "preact/hooks";

/**
 * A view's state in the hash's query (`#/overview?kind=nps&period=30d`), so a view can be bookmarked,
 * shared and reloaded. Never the API key: that stays in sessionStorage.
 */
const viewOf = (hash: string) => hash.replace(/^#\/?/, "").split("?")[0] ?? "";
const paramsOf = (hash: string) => new URLSearchParams(hash.split("?")[1] ?? "");

// The last query any view used: the nav links carry none, so moving from one view to another keeps
// the period, kind and site chosen (while the hash stays the source of truth for a reload).
let remembered = new URLSearchParams();

export function useHashQuery(): [URLSearchParams, (patch: Record<string, string | null | undefined>) => void] {
  const [params, setParams] = useState(() => initial());

  useEffect(() => {
    const onHash = () => setParams(initial());
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  const update = (patch: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(paramsOf(location.hash));
    for (const [name, value] of Object.entries(patch)) {
      if (value === null || value === undefined || value === "") next.delete(name);
      else next.set(name, value);
    }
    write(next);
    setParams(next);
  };
  return [params, update];
}

function initial(): URLSearchParams {
  const params = paramsOf(location.hash);
  if (params.size > 0 || remembered.size === 0) {
    remembered = params;
    return params;
  }
  const carried = new URLSearchParams(remembered);
  write(carried);
  return carried;
}

/** replaceState rather than assigning location.hash: no hashchange, no history entry per click. */
function write(params: URLSearchParams): void {
  remembered = params;
  const text = params.toString();
  history.replaceState(history.state, "", `#/${viewOf(location.hash)}${text ? `?${text}` : ""}`);
}
