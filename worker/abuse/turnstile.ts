import { ApiError } from "../errors";

export const SITEVERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify";
/** The action the widget renders Turnstile with; a token made for another form of the site is refused. */
export const TURNSTILE_ACTION = "feedloop";
const TIMEOUT_MS = 5_000;

type Siteverify = { success?: unknown; hostname?: unknown; action?: unknown; "error-codes"?: unknown };

/**
 * Verifies a Turnstile token with siteverify: `success`, the hostname the challenge was solved on
 * (one of the site's origins) and the action. Callers look the idempotency key up first: a token is
 * single use, so an honest retry of an answer already stored must replay, not verify again.
 *
 * Fails closed with 503 `unavailable` (Retry-After) when siteverify cannot be reached or answers
 * nonsense: nothing is stored, and the widget keeps the answer queued and retries. Accepting unverified
 * answers during an outage would open the door the site owner asked us to close.
 */
export async function verifyTurnstile(
  secret: string,
  token: string | null | undefined,
  origins: string[],
  idempotencyKey: string | null,
): Promise<void> {
  if (!token) throw new ApiError(403, "turnstile_failed", "This site requires a Turnstile token (field `turnstile`)");
  const form = new FormData();
  form.set("secret", secret);
  form.set("response", token);
  // siteverify's own idempotency: a retry of the same verification is not "already spent".
  if (idempotencyKey) form.set("idempotency_key", idempotencyKey);
  let result: Siteverify;
  try {
    const answer = await fetch(SITEVERIFY_URL, { method: "POST", body: form, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!answer.ok) throw new Error(`siteverify answered ${answer.status}`);
    result = (await answer.json()) as Siteverify;
  } catch (error) {
    console.warn("turnstile siteverify unreachable:", error instanceof Error ? error.message : "unknown error");
    throw new ApiError(
      503,
      "unavailable",
      "The spam check is unavailable; nothing was stored, try again shortly",
      undefined,
      { "Retry-After": "30" },
    );
  }
  if (result.success !== true) {
    const codes = Array.isArray(result["error-codes"])
      ? result["error-codes"].filter((code): code is string => typeof code === "string")
      : [];
    const spent = codes.includes("timeout-or-duplicate");
    throw new ApiError(
      403,
      "turnstile_failed",
      spent ? "The Turnstile token has expired or was already used" : "The Turnstile check failed",
      { errorCodes: codes },
    );
  }
  const hostnames = origins.map((origin) => new URL(origin).hostname);
  if (typeof result.hostname !== "string" || !hostnames.includes(result.hostname)) {
    throw new ApiError(403, "turnstile_failed", "The Turnstile token was solved on a page outside this site's origins");
  }
  // Tokens of Cloudflare's dummy test keys carry no action; real ones carry the one the widget set.
  if (typeof result.action === "string" && result.action !== "" && result.action !== TURNSTILE_ACTION) {
    throw new ApiError(403, "turnstile_failed", "The Turnstile token was made for another form");
  }
}
