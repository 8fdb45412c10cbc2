/**
 * The dashboard's only way to the data: the public HTTP API, with the key from sessionStorage (never
 * a URL, never localStorage: it is forgotten when the tab closes).
 */
import type { ErrorBody } from "../../schema/common";

const STORAGE_KEY = "feedloop.key";

export const session = {
  get key(): string | null {
    return sessionStorage.getItem(STORAGE_KEY);
  },
  set(key: string) {
    sessionStorage.setItem(STORAGE_KEY, key);
  },
  clear() {
    sessionStorage.removeItem(STORAGE_KEY);
  },
};

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Calls the API with the session's key; throws ApiFailure with the contract's error code. */
export async function api<T>(method: string, path: string, body?: unknown, key = session.key): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${key ?? ""}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    // Partial: a proxy or a crash in front of the Worker may answer with something else.
    const error = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
    throw new ApiFailure(response.status, error?.error?.code ?? "error", error?.error?.message ?? response.statusText, error?.error?.details);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Downloads an authenticated file (CSV export) without putting the key in a URL. */
export async function download(path: string, filename: string): Promise<void> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${session.key ?? ""}` } });
  if (!response.ok) throw new ApiFailure(response.status, "error", response.statusText);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Query string from an object, skipping empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== "") search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

// The API's shapes come from its zod schemas in schema/, as types only: `import type` is erased by esbuild, so
// no zod reaches the bundle, and a change to a response schema breaks the dashboard's type-check, not its users.
export type { Aggregates as Aggregate, Cell } from "../../schema/aggregates";
export type { Period, ReportingPeriod } from "../../schema/common";
export type { Participation, Service, ServiceList, Site, SiteList, Survey, SurveyList } from "../../schema/config";
export type { CurrentKey } from "../../schema/keys";

/** A generalised release-group attribute ("several"): schema/common.ts SEVERAL, repeated because the value would bring zod. */
export const SEVERAL = "*";
