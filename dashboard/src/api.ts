/**
 * The dashboard's only way to the data: Hono's client, typed by the Worker's route declarations
 * (`AppType`), so every path, parameter, body and answer is checked by `tsc -p dashboard`. The import is
 * type-only: esbuild erases it and no Worker code reaches the bundle. The key comes from sessionStorage
 * (never a URL, never localStorage: it is forgotten when the tab closes).
 */
import { hc, type ClientResponse, type InferResponseType } from "hono/client";
import type { AppType } from "../../worker/app";

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

const bearer = (key: string | null) => ({ authorization: `Bearer ${key ?? ""}` });

/** Every call sends the session's key as it is when the call is made (signing in and out change it). */
export const client = hc<AppType>(location.origin, { headers: () => bearer(session.key) });

/** For a call that must send another key than the session's: signing in checks a key before keeping it. */
export const withKey = (key: string) => ({ headers: bearer(key) });

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

/** The contract's error shape, which every route declares for its errors (worker/openapi.ts `errors`). */
type ErrorBody = InferResponseType<typeof client.v1.keys.current.$get, 401>;

async function failure(response: ClientResponse<unknown>): Promise<ApiFailure> {
  // Partial: a proxy or a crash in front of the Worker may answer with something else, or nothing.
  const { error } = ((await response.json().catch(() => null)) ?? {}) as Partial<ErrorBody>;
  return new ApiFailure(response.status, error?.code ?? "error", error?.message ?? response.statusText, error?.details);
}

/** What a call's successful statuses answer, as its route declares them. */
export type Answer<R extends ClientResponse<unknown>> = Awaited<ReturnType<Extract<R, { ok: true }>["json"]>>;

/**
 * The answer of a call through `client`; throws ApiFailure with the contract's error code, message and
 * details when the status is not a success.
 */
export async function read<R extends ClientResponse<unknown>>(pending: Promise<R>): Promise<Answer<R>> {
  const response = await pending;
  if (!response.ok) throw await failure(response);
  // A route that declares a 204 (a DELETE) answers no body to parse.
  if (response.status === 204) return undefined as Answer<R>;
  // Narrowed by `ok`, which TypeScript cannot do through the type parameter.
  return (await response.json()) as Answer<R>;
}

/** Downloads an authenticated file (CSV export) without putting the key in a URL. */
export async function download(pending: Promise<ClientResponse<unknown>>, filename: string): Promise<void> {
  const response = await pending;
  if (!response.ok) throw await failure(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A generalised release-group attribute ("several"): schema/common.ts SEVERAL, repeated because the value
 * would bring zod.
 */
export const SEVERAL = "*";
