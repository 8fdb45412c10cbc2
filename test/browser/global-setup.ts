import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import "./env";
import { startFaultProxy } from "./fault-proxy";
import { freePort } from "./free-port";
import { startPageServer } from "./page-server";
import { applyMigrations, startWranglerDev } from "./wrangler-dev";

/**
 * The browser project's world, started once per `vitest run`: the Worker under `wrangler dev` with a fresh
 * local D1, a fault proxy in front of it, and the embedding site on a third origin. dist/ is already built
 * (npm test builds before vitest runs). Everything is torn down at the end, on failure too.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const persistDir = mkdtempSync(join(tmpdir(), "feedloop-browser-"));
  const removePersistDir = () => rmSync(persistDir, { recursive: true, force: true, maxRetries: 3 });
  // Ctrl-C or a crash skips the teardown: the database goes anyway (wrangler-dev.ts ends its own processes).
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
    await applyMigrations(persistDir);
    const worker = await startWranglerDev({
      port: await freePort(),
      inspectorPort: await freePort(),
      persistDir,
      adminToken,
    });
    cleanups.push(() => worker.stop());
    const proxy = await startFaultProxy(worker.url);
    cleanups.push(() => proxy.close());
    const pages = await startPageServer(proxy);
    cleanups.push(() => pages.close());
    project.provide("browserEnv", {
      workerUrl: worker.url,
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
