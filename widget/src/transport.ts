import type { ResponsePayload } from "./payload";

/**
 * How a send ended. `failed` is worth trying again as is (network down, server trouble, rate limit);
 * `rejected` is not, because the server refused this payload. Kept as a union so an offline queue can
 * wrap `send` without the UI changing.
 */
export type SendResult =
  | { status: "sent"; id: string; followUp: string | null }
  | { status: "rejected"; httpStatus: number; code: string }
  | { status: "failed"; retryAfterSeconds: number | null };

type ResponseBody = { id?: unknown; followUp?: unknown; error?: { code?: unknown } } | null;

export async function send(base: string, payload: ResponsePayload): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(`${base}/v1/responses`, {
      method: "POST",
      // text/plain is a CORS-safelisted content type, so the browser sends no preflight request
      // (Fetch standard, "CORS-safelisted request-header"); the server parses the body as JSON anyway.
      headers: { "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify(payload),
      credentials: "omit",
      // Lets the request finish if the visitor navigates away right after pressing submit.
      keepalive: true,
    });
  } catch {
    return { status: "failed", retryAfterSeconds: null };
  }
  const body = (await response.json().catch(() => null)) as ResponseBody;
  if (response.ok) {
    const followUp = typeof body?.followUp === "string" ? body.followUp : null;
    return { status: "sent", id: String(body?.id ?? ""), followUp };
  }
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    const retryAfter = Number(response.headers.get("retry-after"));
    return { status: "failed", retryAfterSeconds: retryAfter > 0 ? retryAfter : null };
  }
  return { status: "rejected", httpStatus: response.status, code: String(body?.error?.code ?? "unknown") };
}
