import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { webhookReceiver } from "./test/webhook-receiver.ts";

/**
 * One `vitest run`, two projects:
 * - "workers": unit and integration tests inside workerd, with the real Worker and miniflare's local D1;
 * - "browser": headless Chromium (Debian's) against `wrangler dev`, started by test/browser/global-setup.ts.
 * The browser project runs after the workers project (sequence.groupOrder), one file at a time: with two
 * cores, Chromium, wrangler and workerd competing with the workers pool would only make timings flaky.
 */
export default defineConfig(async () => {
  const migrations = await readD1Migrations("schema/migrations");
  return {
    test: {
      reporters: ["default", "./test/summary-reporter.ts", "./test/contract/reporter.ts"],
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                // Retries at once, so a test can watch a delivery fail every retry; webhook URLs follow the
                // production rules (a test that needs the local switch passes its own env).
                bindings: {
                  ADMIN_TOKEN: "test-admin-token-0123456789abcdef",
                  TEST_MIGRATIONS: migrations,
                  WEBHOOK_RETRY_BASE_SECONDS: "0",
                  WEBHOOK_ALLOW_LOCAL_HTTP: "false",
                },
                outboundService: webhookReceiver,
              },
            }),
          ],
          test: {
            name: "workers",
            include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
            setupFiles: ["test/integration/setup.ts"],
            sequence: { groupOrder: 0 },
          },
        },
        {
          // Node-side checks that need Node's modules (the OpenAPI validator).
          test: { name: "node", environment: "node", include: ["test/node/**/*.test.ts"], sequence: { groupOrder: 0 } },
        },
        {
          test: {
            name: "browser",
            environment: "node",
            include: ["test/browser/**/*.test.ts"],
            globalSetup: ["test/browser/global-setup.ts"],
            fileParallelism: false,
            maxWorkers: 1,
            // Starting wrangler dev and Chromium, and polling D1, take seconds rather than milliseconds.
            testTimeout: 60_000,
            hookTimeout: 120_000,
            sequence: { groupOrder: 1 },
          },
        },
      ],
    },
  };
});
