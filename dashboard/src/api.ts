/**
 * The dashboard's only way to the data: the public HTTP API, with the key from sessionStorage (never
 * a URL, never localStorage: it is forgotten when the tab closes).
 */
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
    const error = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
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

// The API's shapes the dashboard reads (contract: ../shared/CONTRACT.md; zod schemas in schema/).
export type ReportingPeriod = "day" | "week" | "month" | "quarter";
/** An instant range as the API gives it: ISO 8601 strings, `end` exclusive. */
export type Period = { start: string; end: string };
export type Site = {
  id: string;
  name: string;
  audience: "internal" | "external";
  origins: string[];
  dimensions: string[];
  minGroupSize: number;
  /** Internal sites release employees' answers per closed period, in the site's time zone. */
  reportingPeriod: ReportingPeriod;
  timeZone: string;
  /** The open period (null for external sites): its answers appear at `end`. */
  currentPeriod: Period | null;
};
/** `GET /v1/sites/{site}/participation`: the open period's count so far, the only live internal figure. */
export type Participation = { period: Period; responses: number };
/** What a release group's generalised attribute reads as in keys and rows ("several"). */
export const SEVERAL = "*";
export type Service = { id: string; name: string; owner: string | null };
export type Survey = {
  site: string;
  id: string;
  kind: "nps" | "csat" | "ces" | "thumbs" | "text";
  question: Record<string, string>;
  commentPrompt: Record<string, string> | null;
  services: string[];
  topics: string[];
  active: boolean;
};
export type Cell = {
  /** Employees' answers in scope were left out (a group matching a filter only in part, or a withheld remainder). */
  withheld?: true;
  count?: number;
  mean?: number | null;
  distribution?: Record<string, number>;
  nps?: number | null;
  csat?: number | null;
  ces?: number | null;
  positive?: number | null;
  promoters?: number;
  passives?: number;
  detractors?: number;
  satisfied?: number;
  easy?: number;
  up?: number;
  down?: number;
};
export type Aggregate = {
  kind: string;
  withheld?: true;
  total: Cell;
  series?: (Cell & { start: string })[];
  /** A key's value is null for responses without one (no service, no topic, a segment left out), "*" when generalised. */
  groups?: (Cell & { key: Record<string, string | null>; series?: (Cell & { start: string })[] })[];
};
