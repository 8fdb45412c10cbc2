import type { D1Migration } from "@cloudflare/vitest-pool-workers";

// The tests' `env` (cloudflare:test) is the Worker's, from worker-configuration.d.ts (`wrangler types`),
// plus the migrations that vitest.config.ts adds.
declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
