import type { MiddlewareHandler } from "hono";
import { secretsEqual } from "../domain/crypto";
import type { AppEnv, Principal } from "../env";
import { ApiError } from "../errors";

type AuthOptions = {
  /** `read` lets read keys through on GET; `admin` needs an admin credential. */
  scope: "read" | "admin";
};

const BEARER = /^Bearer\s+(\S+)$/i;

/** Authenticates admin endpoints with the deployment's ADMIN_TOKEN and sets `principal`. */
export function requireAuth({ scope }: AuthOptions): MiddlewareHandler<AppEnv> {
  return async function requireAuth(c, next) {
    const token = BEARER.exec(c.req.header("authorization") ?? "")?.[1];
    if (!token) throw new ApiError(401, "unauthorized", "Send Authorization: Bearer <token>", undefined, { "WWW-Authenticate": "Bearer" });
    const principal = await authenticate(c.env, token);
    if (!principal) throw new ApiError(401, "unauthorized", "The token is not valid", undefined, { "WWW-Authenticate": "Bearer" });
    if (scope === "admin" && principal.scope !== "admin") throw new ApiError(403, "forbidden", "This key may only read");
    c.set("principal", principal);
    await next();
  };
}

async function authenticate(env: AppEnv["Bindings"], token: string): Promise<Principal | null> {
  const adminToken = env.ADMIN_TOKEN;
  if (adminToken && (await secretsEqual(token, adminToken))) return { scope: "admin", sites: null };
  return null;
}

/** Refuses a principal limited to some sites access to any other (403, the same for unknown ids). */
export function assertSiteAccess(principal: Principal, site: string): void {
  if (principal.sites && !principal.sites.includes(site)) {
    throw new ApiError(403, "forbidden", "This key has no access to that site");
  }
}
