import type { MiddlewareHandler } from "hono";
import { assertAdminTokenStrong, assertNotLockedOut, refuseWrongToken } from "../admin-auth";
import { findKeyByHash } from "../db/keys";
import { digestsEqual, secretsEqual, sha256Hex } from "../domain/crypto";
import type { AppEnv, Principal } from "../env";
import { ApiError } from "../errors";

type AuthOptions = {
  /** `read` lets read keys through on GET; `admin` needs an admin credential. */
  scope: "read" | "admin";
  /** Refuse credentials limited to some sites (for what spans sites: keys, services). */
  everySite?: boolean;
};

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Authenticates admin endpoints with the deployment's ADMIN_TOKEN or an API key and sets `principal`; refuses
 * all of them while ADMIN_TOKEN is too short (503), and an IP that sent too many wrong tokens (429).
 */
export function requireAuth({ scope, everySite = false }: AuthOptions): MiddlewareHandler<AppEnv> {
  return async function requireAuth(c, next) {
    assertAdminTokenStrong(c.env);
    const token = BEARER.exec(c.req.header("authorization") ?? "")?.[1];
    if (!token)
      throw new ApiError(401, "unauthorized", "Send Authorization: Bearer <token>", undefined, {
        "WWW-Authenticate": "Bearer",
      });
    const address = await assertNotLockedOut(c.env, c.req.raw);
    const principal = await authenticate(c.env, token);
    if (!principal) return refuseWrongToken(c.env, address);
    if (scope === "admin" && principal.scope !== "admin")
      throw new ApiError(403, "forbidden", "This key may only read (GET)");
    if (everySite && principal.sites)
      throw new ApiError(403, "forbidden", "Only credentials for every site may do this");
    c.set("principal", principal);
    await next();
  };
}

async function authenticate(env: AppEnv["Bindings"], token: string): Promise<Principal | null> {
  if (token.startsWith(KEY_PREFIX)) {
    // Look the key up by its digest, then compare digests in constant time: the stored value is never
    // compared against the raw key, and nothing depends on how much of a guess was right.
    const digest = await sha256Hex(token);
    const key = await findKeyByHash(env.DB, digest);
    return key && digestsEqual(digest, key.keyHash) ? { scope: key.scope, sites: key.sites } : null;
  }
  const adminToken = env.ADMIN_TOKEN;
  if (adminToken && (await secretsEqual(token, adminToken))) return { scope: "admin", sites: null };
  return null;
}

/** API keys look like `fl_` + 32 base62 characters (~190 bits). */
export const KEY_PREFIX = "fl_";

/** Refuses a principal limited to some sites access to any other (403, the same for unknown ids). */
export function assertSiteAccess(principal: Principal, site: string): void {
  if (principal.sites && !principal.sites.includes(site)) {
    throw new ApiError(403, "forbidden", "This key has no access to that site");
  }
}
