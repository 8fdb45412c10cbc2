import type { Site } from "../../schema/config";
import type { Bindings } from "../env";
import { ApiError } from "../errors";
import { employeeHash, networkHash, visitorHash } from "./visitor";

/**
 * Every Rate Limiting binding, with what wrangler.toml declares for it (the local fallback uses the same
 * numbers; a test checks each binding against this table). Cloudflare fixes a binding's limit and period
 * (10 or 60 s) at deploy time and lets the key be anything, so a site's own limits are a choice among
 * declared bindings: a tier, named in the site's config. A number per site would need a counter of our own
 * (a D1 write or a Durable Object on every answer), which is exactly what a limit must not cost.
 */
export const RATE_LIMITS = {
  RATE_LIMIT_SITE: { limit: 600, periodSeconds: 10 },
  RATE_LIMIT_VISITOR_STRICT: { limit: 5, periodSeconds: 60 },
  RATE_LIMIT_VISITOR: { limit: 20, periodSeconds: 60 },
  RATE_LIMIT_VISITOR_RELAXED: { limit: 60, periodSeconds: 60 },
  RATE_LIMIT_NETWORK_STRICT: { limit: 200, periodSeconds: 60 },
  RATE_LIMIT_NETWORK: { limit: 1000, periodSeconds: 60 },
  RATE_LIMIT_NETWORK_RELAXED: { limit: 5000, periodSeconds: 60 },
  // One IP on an external site, whatever its user agent (issue 13, item 10): rotating the user agent makes a
  // new visitor each time, so the per-visitor limit alone let one IP post 3,000 answers in 45 s. Twice the
  // relaxed visitor ceiling, so a few customers behind one NAT still answer at once.
  RATE_LIMIT_ADDRESS: { limit: 120, periodSeconds: 60 },
  // A respondent's replies in their follow-up thread, whatever the site's tier: people
  // type replies, so a few a minute is generous; each also caps a flood's `reply.created` deliveries.
  RATE_LIMIT_REPLY_THREAD: { limit: 5, periodSeconds: 60 },
  RATE_LIMIT_REPLY_VISITOR: { limit: 10, periodSeconds: 60 },
  RATE_LIMIT_REPLY_NETWORK: { limit: 200, periodSeconds: 60 },
  // Wrong admin tokens or API keys from one IP (issue 13, item 4). The binding lets 9 through a minute and
  // refuses the 10th, which locks the IP out (`lockOut` in worker/admin-auth/): 10 guesses a minute at most.
  RATE_LIMIT_ADMIN_AUTH: { limit: 9, periodSeconds: 60 },
} as const;
type BindingName = keyof typeof RATE_LIMITS;
type Tier = NonNullable<Site["rateLimit"]>;

/**
 * What a site's tier chooses, per Cloudflare location:
 * - visitor: one person. On an external site, a daily hash of IP and user agent. On an internal site with
 *   identity, a daily hash of the verified employee instead: a whole office shares one IP and one browser
 *   build, so IP and user agent would make the company one visitor at 9:00;
 * - network: one IP, on internal sites only. Without identity an office is all we can tell apart, so its
 *   ceiling is sized for a shared egress IP; with identity it still bounds unverified floods before the
 *   (CPU-costly) verification.
 * The site's own ceiling is not a choice: it guards the one D1 database every site writes to.
 */
const TIERS: Record<Tier, Record<"visitor" | "network", BindingName>> = {
  strict: { visitor: "RATE_LIMIT_VISITOR_STRICT", network: "RATE_LIMIT_NETWORK_STRICT" },
  standard: { visitor: "RATE_LIMIT_VISITOR", network: "RATE_LIMIT_NETWORK" },
  relaxed: { visitor: "RATE_LIMIT_VISITOR_RELAXED", network: "RATE_LIMIT_NETWORK_RELAXED" },
};

type LimitedSite = Pick<Site, "id" | "audience" | "rateLimit">;
type Check = {
  name: keyof typeof REFUSED;
  binding: BindingName;
  key: string;
};

const tierOf = (site: LimitedSite) => TIERS[site.rateLimit ?? "standard"];

/**
 * What a limit counts: answers, or displays (POST /v1/displays). Displays go through the same bindings
 * and numbers under keys of their own, so a page that shows a survey never eats its visitor's budget
 * of answers, and a display flood never blocks a site's answers.
 */
export type Counted = "answers" | "displays";
const prefixOf = (counted: Counted) => (counted === "displays" ? "displays:" : "");

/** All answers to one site (a flood aimed at it, from anywhere). Needs only the site's id: checked before any D1 read. */
export async function checkSiteRateLimit(env: Bindings, site: string, counted: Counted = "answers"): Promise<void> {
  const name = counted === "displays" ? "display-site" : "site";
  await enforce(env, [{ name, binding: "RATE_LIMIT_SITE", key: `${prefixOf(counted)}${site}` }]);
}

/**
 * One visitor (external sites) or one network (internal sites), at the site's tier: checked once the site
 * is known (its config is kept per isolate, so usually without a D1 round trip). An internal site with
 * identity adds each employee's own limit once they are verified (`checkEmployeeRateLimit`).
 */
export async function checkVisitorRateLimit(
  env: Bindings,
  db: D1Database,
  site: LimitedSite,
  request: Request,
  counted: Counted = "answers",
): Promise<void> {
  const tier = tierOf(site);
  const [network, visitor, address] =
    counted === "displays"
      ? (["display-network", "display-visitor", "display-address"] as const)
      : (["network", "visitor", "address"] as const);
  const prefix = `${prefixOf(counted)}${site.id}`;
  const networkKey = `${prefix}:network:${await networkHash(db, site.id, request)}`;
  const checks: Check[] =
    site.audience === "internal"
      ? [{ name: network, binding: tier.network, key: networkKey }]
      : [
          // The visitor first: a visitor it refuses spends nothing of the IP's budget, which its NAT neighbours share.
          { name: visitor, binding: tier.visitor, key: `${prefix}:${await visitorHash(db, site.id, request)}` },
          { name: address, binding: "RATE_LIMIT_ADDRESS", key: networkKey },
        ];
  await enforce(env, checks);
}

/** One verified employee, at the tier's per-visitor limit: after verification, before the write. */
export async function checkEmployeeRateLimit(
  env: Bindings,
  db: D1Database,
  site: LimitedSite,
  subject: string,
): Promise<void> {
  await enforce(env, [
    {
      name: "employee",
      binding: tierOf(site).visitor,
      key: `${site.id}:employee:${await employeeHash(db, site.id, subject)}`,
    },
  ]);
}

/**
 * One respondent's replies in their thread (keyed on the follow-up token's hash, which is what D1 stores too:
 * the limiter never sees the token), and all replies from one visitor on an external site, or one network on
 * an internal one, as for answers: a visitor who posted many answers holds many tokens.
 */
export async function checkReplyRateLimit(
  env: Bindings,
  db: D1Database,
  site: LimitedSite,
  followUpHash: string,
  request: Request,
): Promise<void> {
  const sender: Check =
    site.audience === "internal"
      ? {
          name: "reply-network",
          binding: "RATE_LIMIT_REPLY_NETWORK",
          key: `${site.id}:network:${await networkHash(db, site.id, request)}`,
        }
      : {
          name: "replier",
          binding: "RATE_LIMIT_REPLY_VISITOR",
          key: `${site.id}:${await visitorHash(db, site.id, request)}`,
        };
  await enforce(env, [
    { name: "thread", binding: "RATE_LIMIT_REPLY_THREAD", key: `${site.id}:thread:${followUpHash.slice(0, 32)}` },
    sender,
  ]);
}

const REFUSED = {
  site: "Too many answers to this site",
  visitor: "Too many answers from this visitor",
  address: "Too many answers from this IP address",
  network: "Too many answers from this network",
  employee: "Too many answers from this employee",
  thread: "Too many replies in this thread",
  replier: "Too many replies from this visitor",
  "reply-network": "Too many replies from this network",
  "display-site": "Too many displays reported to this site",
  "display-visitor": "Too many displays reported by this visitor",
  "display-network": "Too many displays reported from this network",
  "display-address": "Too many displays reported from this IP address",
} as const;

/**
 * 429 `rate_limited` with Retry-After past any check; the widget's queue then retries later, so an honest
 * answer is delayed, not lost.
 *
 * Fails open: if a binding throws, the request goes on (logged, without the key). A limiter outage must
 * not drop honest answers; Turnstile and the honeypot still stand in front of D1. Without the binding (a
 * runtime that lacks it), a per-isolate fixed window with the same limits stands in: weaker, since each
 * isolate counts alone, but never unlimited.
 */
async function enforce(env: Bindings, checks: Check[]): Promise<void> {
  for (const check of checks) {
    const { periodSeconds } = RATE_LIMITS[check.binding];
    if (!(await allows(env, check.name, check.binding, check.key))) {
      throw new ApiError(
        429,
        "rate_limited",
        `${REFUSED[check.name]}; try again in ${periodSeconds} seconds`,
        undefined,
        {
          "Retry-After": String(periodSeconds),
        },
      );
    }
  }
}

/**
 * Counts one failed admin authentication from an address (its hash); false once the address has failed more
 * often than RATE_LIMIT_ADMIN_AUTH allows in its period. Only failures are counted: a binding cannot be read
 * without counting, so the caller keeps the lockout this starts (worker/admin-auth/).
 */
export function countAuthFailure(env: Bindings, address: string): Promise<boolean> {
  return allows(env, "admin-auth", "RATE_LIMIT_ADMIN_AUTH", `admin-auth:${address}`);
}

/** One call to a binding (or the local fallback); fails open, and logs neither the key nor what it hashes. */
async function allows(env: Bindings, name: string, bindingName: BindingName, key: string): Promise<boolean> {
  const { limit, periodSeconds } = RATE_LIMITS[bindingName];
  const binding = env[bindingName];
  try {
    return binding ? (await binding.limit({ key })).success : fallback(bindingName, key, limit, periodSeconds);
  } catch (error) {
    console.warn(
      `rate limiter "${name}" unavailable, failing open:`,
      error instanceof Error ? error.message : "unknown error",
    );
    return true;
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
