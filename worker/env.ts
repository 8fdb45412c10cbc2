import type { Delivery } from "../schema/webhooks";

/**
 * The Worker's bindings, as `wrangler types` reads them from wrangler.toml and .dev.vars.example
 * (worker-configuration.d.ts: `npm run types` regenerates it, and test/node/wrangler-types.test.ts fails when
 * it is stale). The generated file cannot know what the webhook queue carries.
 * A deployment may still lack a secret or a binding (no ADMIN_TOKEN set yet, no rate limits on a local
 * copy), so the code that reads them checks before it trusts them.
 */
export type Bindings = Omit<Env, "WEBHOOKS" | MayBeMissing> &
  Partial<Pick<Env, MayBeMissing>> & { WEBHOOKS: Queue<Delivery> };
type MayBeMissing = "ADMIN_TOKEN" | "WEBHOOK_ALLOW_LOCAL_HTTP" | Extract<keyof Env, `RATE_LIMIT_${string}`>;

/** Who is calling an admin endpoint, once authenticated. `sites: null` means every site. */
export type Principal = {
  scope: "admin" | "read";
  sites: string[] | null;
};

export type AppEnv = {
  Bindings: Bindings;
  Variables: { principal: Principal };
};
