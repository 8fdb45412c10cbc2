import type { Context, MiddlewareHandler } from "hono";
import { isKnownOrigin } from "../db/sites";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";

/** Lets the page read the answer: only for origins on the site's list (public endpoints). */
export function allowOrigin(c: Context, origin: string): void {
  c.header("Access-Control-Allow-Origin", origin);
  // A 429 or 503 says when to come back; the widget may read it from another origin. So may a page's script
  // see that it still uses a deprecated form (the follow-up token in the path).
  c.header("Access-Control-Expose-Headers", "Retry-After, Idempotent-Replayed, Deprecation");
  c.header("Vary", "Origin", { append: true });
}

/** The request's Origin if the site lists it; otherwise 403 (a browser request from elsewhere, nothing stored). */
export function listedOrigin(origin: string | null | undefined, origins: string[]): string {
  if (!origin || !origins.includes(origin.toLowerCase())) {
    throw new ApiError(
      403,
      "origin_not_allowed",
      origin ? `Origin ${origin} may not post to this site` : "Requests must send an Origin header",
    );
  }
  return origin;
}

/** Refuses a browser request from an origin the site does not list, and lets a listed one read the answer. */
export function assertOrigin(c: Context, origins: string[]): string | null {
  const origin = listedOrigin(c.req.header("origin"), origins);
  allowOrigin(c, origin);
  return origin;
}

/** Lets the page read an answer that names no site (a preflight, an unknown follow-up token) if any site lists it. */
export async function allowKnownOrigin(c: Context<AppEnv>): Promise<boolean> {
  const origin = c.req.header("origin");
  if (!origin || !(await isKnownOrigin(c.env.DB, origin.toLowerCase()))) return false;
  allowOrigin(c, origin);
  return true;
}

/**
 * Answers CORS preflights of the public endpoints. A preflight names no site, so it is allowed for
 * an origin that any site lists; the request itself is then checked against its own site.
 */
export function publicPreflight(): MiddlewareHandler<AppEnv> {
  return async function publicPreflight(c) {
    if (!(await allowKnownOrigin(c))) {
      throw new ApiError(403, "origin_not_allowed", "This origin is not allowed by any site");
    }
    c.header("Access-Control-Allow-Methods", "GET, POST, DELETE");
    // X-Follow-Up-Token: the respondent's token, sent as a header so that it stays out of URLs and their logs.
    c.header("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key, X-Follow-Up-Token");
    c.header("Access-Control-Max-Age", "86400");
    return c.body(null, 204);
  };
}
