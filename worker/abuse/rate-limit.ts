import type { Bindings } from "../env";
import { ApiError } from "../errors";


/** What wrangler.toml configures; the local fallback uses the same numbers. */
const LIMITS = {
  visitor: { limit: 20, periodSeconds: 60 },
  site: { limit: 600, periodSeconds: 10 },
} as const;

/**
 * Rate limits of POST /v1/responses: per site (a flood aimed at one site) and per visitor hash within
 * the site (one client hammering). 429 `rate_limited` with Retry-After past either; the widget's queue
 * then retries later, so an honest answer is delayed, not lost.
 *
 * Fails open: if the Rate Limiting binding throws, the request goes on (logged, without the key). A
 * limiter outage must not drop honest answers; Turnstile and the honeypot still stand in front of D1.
 * Without the binding (a runtime that lacks it), a per-isolate fixed window with the same limits stands
 * in: weaker, since each isolate counts alone, but never unlimited.
 */
export async function checkRateLimits(env: Bindings, site: string, visitor: string): Promise<void> {
  const checks = [
    { name: "site", binding: env.RATE_LIMIT_SITE, key: site, ...LIMITS.site },
    { name: "visitor", binding: env.RATE_LIMIT_VISITOR, key: `${site}:${visitor}`, ...LIMITS.visitor },
  ];
  for (const check of checks) {
    let allowed: boolean;
    try {
      allowed = check.binding ? (await check.binding.limit({ key: check.key })).success : fallback(check.name, check.key, check.limit, check.periodSeconds);
    } catch (error) {
      console.warn(`rate limiter "${check.name}" unavailable, failing open:`, error instanceof Error ? error.message : "unknown error");
      allowed = true;
    }
    if (!allowed) {
      throw new ApiError(429, "rate_limited", `Too many answers ${check.name === "site" ? "to this site" : "from this visitor"}; try again in ${check.periodSeconds} seconds`, undefined, {
        "Retry-After": String(check.periodSeconds),
      });
    }
  }
}

// The local fallback: fixed windows per key, in this isolate's memory, pruned as windows pass.
const windows = new Map<string, { start: number; count: number }>();

function fallback(name: string, key: string, limit: number, periodSeconds: number, now = Date.now()): boolean {
  const start = now - (now % (periodSeconds * 1000));
  const id = `${name}\n${key}`;
  const current = windows.get(id);
  if (!current || current.start !== start) {
    if (windows.size > 10_000) for (const [k, w] of windows) if (w.start !== start) windows.delete(k);
    windows.set(id, { start, count: 1 });
    return true;
  }
  current.count += 1;
  return current.count <= limit;
}


