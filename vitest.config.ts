import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/** Unit and integration tests run inside workerd, with the real Worker and miniflare's local D1. */
export default defineConfig(async () => {
  const migrations = await readD1Migrations("schema/migrations");
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: { ADMIN_TOKEN: "test-admin-token", TEST_MIGRATIONS: migrations },
        },
      }),
    ],
    test: {
      include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
      setupFiles: ["test/integration/setup.ts"],
      reporters: ["default", "./test/summary-reporter.ts"],
    },
  };
});
