import { countAuthFailure, RATE_LIMITS } from "../abuse/rate-limit";
import { addressHash } from "../abuse/visitor";
import { findLockout, lockOut } from "../db/admin-lockouts";
import type { Bindings } from "../env";
import { ApiError } from "../errors";

/**
 * The shortest ADMIN_TOKEN the Worker accepts: 32 characters of `openssl rand -hex 32` (64) or
 * `-base64 32` (44) carry 128 bits or more, which no online guessing reaches, limited or not.
 */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/**
 * 503 on every admin request while ADMIN_TOKEN is set but short (issue 13, item 4): a weak secret is a
 * deployment fault, and refusing everything admin makes it impossible to miss, where refusing to start would
 * also take down the public endpoints (answers, the widget, follow-ups), which keep working.
 */
export function assertAdminTokenStrong(env: Bindings): void {
  const adminToken = env.ADMIN_TOKEN;
  if (adminToken && adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new ApiError(
      503,
      "unavailable",
      `Admin endpoints are off: the deployment's ADMIN_TOKEN is ${adminToken.length} characters long and must be at ` +
        `least ${MIN_ADMIN_TOKEN_LENGTH}. Set a random one, e.g. \`openssl rand -hex 32 | npx wrangler secret put ` +
        "ADMIN_TOKEN` (locally: ADMIN_TOKEN in .dev.vars), then sign in with it.",
    );
  }
}

const { periodSeconds } = RATE_LIMITS.RATE_LIMIT_ADMIN_AUTH;

/**
 * Where a bearer token comes from, for the brute-force limit: the daily salted hash of its IP (an IPv6 /64),
 * so neither the IP nor the token reaches the limiter, D1 or a log. Refuses every token, the right one too,
 * while the address is locked out: otherwise a locked-out guesser would still learn which guess was right.
 */
export async function assertNotLockedOut(env: Bindings, request: Request, now = Date.now()): Promise<string> {
  const address = await addressHash(env.DB, request, now);
  const until = await findLockout(env.DB, address, now);
  if (until !== null) throw lockedOut(Math.max(1, Math.ceil((until - now) / 1000)));
  return address;
}

/**
 * A wrong token (or API key) from the address: counted, then 401; past the limit, the address is locked out
 * for the limiter's period and this attempt is refused with 429 already. A right token is never counted,
 * so an admin working fast is not slowed, and a caller can only spend its own address's budget.
 */
export async function refuseWrongToken(env: Bindings, address: string, now = Date.now()): Promise<never> {
  if (!(await countAuthFailure(env, address))) {
    await lockOut(env.DB, address, now + periodSeconds * 1000, now);
    throw lockedOut(periodSeconds);
  }
  throw new ApiError(401, "unauthorized", "The token is not valid", undefined, { "WWW-Authenticate": "Bearer" });
}

const lockedOut = (retryAfterSeconds: number) =>
  new ApiError(
    429,
    "rate_limited",
    `Too many wrong tokens from this IP address; admin sign-in from it is refused, whatever the token, ` +
      `for ${retryAfterSeconds} seconds`,
    undefined,
    { "Retry-After": String(retryAfterSeconds) },
  );
