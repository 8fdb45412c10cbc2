import type { D1Migration } from "@cloudflare/vitest-pool-workers";

// The bindings the tests see through `env` from cloudflare:test (vitest.config.ts adds TEST_MIGRATIONS).
declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      ADMIN_TOKEN: string;
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
