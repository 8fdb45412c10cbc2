export type Bindings = {
  DB: D1Database;
  /** The deployment's admin secret (`wrangler secret put ADMIN_TOKEN`; `.dev.vars` locally). */
  ADMIN_TOKEN?: string;
  /** Webhook deliveries (Cloudflare Queues; miniflare runs it locally). */
  WEBHOOKS?: Queue<import("../schema/webhooks").Delivery>;
  /** First retry delay of a failed webhook delivery, doubled on each attempt (seconds). */
  WEBHOOK_RETRY_BASE_SECONDS?: string;
  /**
   * Rate limits of POST /v1/responses (Workers Rate Limiting; wrangler.toml `[[ratelimits]]`, tiers in
   * abuse/rate-limit.ts).
   */
  RATE_LIMIT_SITE?: RateLimit;
  RATE_LIMIT_VISITOR_STRICT?: RateLimit;
  RATE_LIMIT_VISITOR?: RateLimit;
  RATE_LIMIT_VISITOR_RELAXED?: RateLimit;
  RATE_LIMIT_NETWORK_STRICT?: RateLimit;
  RATE_LIMIT_NETWORK?: RateLimit;
  RATE_LIMIT_NETWORK_RELAXED?: RateLimit;
};

/** Who is calling an admin endpoint, once authenticated. `sites: null` means every site. */
export type Principal = {
  scope: "admin" | "read";
  sites: string[] | null;
};

export type AppEnv = {
  Bindings: Bindings;
  Variables: { principal: Principal };
};
