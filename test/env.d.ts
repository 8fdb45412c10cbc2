import type { D1Migration } from "@cloudflare/vitest-plugin";

declare module "cloudflare:test" {
  interface ProvidedEnv {
    DB: D1Database;
    ADMIN_TOKEN: string;
    TEST_MIGRATIONS: D1Migration[];
  }
}
