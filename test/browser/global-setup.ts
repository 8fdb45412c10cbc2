import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations, freePort, startWranglerDev } from "../../harness/wrangler.mjs";
import "./env";
import { startContractProxy } from "./contract-proxy";
import { startFaultProxy } from "./fault-proxy";
import { startPageServer } from "./page-server";

/**
 * The browser project's world, started once per `vitest run`: the Worker under `wrangler dev` with a fresh
 * local D1, the contract proxy in front of it (contract-proxy.ts), a fault proxy in front of that, and the
 * embedding site on a third origin. dist/ is already built (npm test builds before vitest runs). Everything is
 * torn down at the end, on failure too.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const persistDir = mkdtempSync(join(tmpdir(), "feedloop-browser-"));
  const removePersistDir = () => rmSync(persistDir, { recursive: true, force: true, maxRetries: 3 });
  // Ctrl-C or a crash skips the teardown: the database goes anyway (the harness ends its own processes).
  process.once("exit", removePersistDir);
  const cleanups: (() => Promise<void> | void)[] = [removePersistDir, () => void process.off("exit", removePersistDir)];
  const teardown = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error("[browser tests] teardown:", error);
      }
    }
  };
  try {
    const adminToken = randomBytes(24).toString("base64url");
    await applyMigrations({ persistTo: persistDir });
    const worker = await startWranglerDev({
      port: await freePort(),
      inspectorPort: await freePort(),
      persistTo: persistDir,
      vars: { ADMIN_TOKEN: adminToken },
      // Both the Worker (/v1/sites: an admin route with D1 behind it) and the static assets (dist/widget.js).
      ready: { headers: { authorization: `Bearer ${adminToken}` }, statuses: [200], asset: "/widget.js" },
    });
    cleanups.push(() => worker.stop());
    // Every request reaches the Worker through the contract proxy, which checks each answer against /openapi.json.
    const contract = await startContractProxy(worker.url);
    cleanups.push(() => contract.close());
    const proxy = await startFaultProxy(contract.url);
    cleanups.push(() => proxy.close());
    const pages = await startPageServer(proxy);
    cleanups.push(() => pages.close());
    project.provide("browserEnv", {
      workerUrl: contract.url,
      proxyUrl: proxy.url,
      pageOrigin: pages.origin,
      adminToken,
      persistDir,
    });
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
