import { applyD1Migrations, env } from "cloudflare:test";
import { afterEach } from "vitest";
import { drainRecords } from "../contract/recorder";

// Setup files may run more than once; applyD1Migrations skips what is already applied.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

declare module "vitest" {
  interface TaskMeta {
    /** The responses this test got, checked against /openapi.json (test/contract), for test/contract/reporter.ts. */
    contract?: { responses: string[]; operations: string[] };
  }
}

afterEach(({ task }) => {
  task.meta.contract = drainRecords();
});
