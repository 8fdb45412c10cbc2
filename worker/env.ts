export type Bindings = {
  DB: D1Database;
  /** The deployment's admin secret (`wrangler secret put ADMIN_TOKEN`; `.dev.vars` locally). */
  ADMIN_TOKEN?: string;
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
