// wrangler's Node API, for work that needs no wrangler dev: a local D1 to load or read (getPlatformProxy), a
// one-off Worker to run code of the Worker's own against it (startWorker). Both open the SQLite files that
// `wrangler dev --persist-to` keeps, so neither may run while a wrangler dev serves the same directory.
import { join } from "node:path";
import { defaultConfig, useOfflineEnv } from "./offline-env.mjs";

/**
 * Imported rather than the global of @cloudflare/workers-types: the demo scripts that import this file are
 * checked with the DOM's globals (tsconfig.scripts.json), which workers-types' fetch and Response would clash
 * with. From the file miniflare's own types import it from; as `require`, because ESM resolution looks for no
 * index.js in a directory and that package has no `exports` map to name one.
 * @typedef {import(
 *   "@cloudflare/workers-types/experimental",
 *   { with: { "resolution-mode": "require" } }
 * ).D1Database} D1Database
 */

/**
 * Runs `use` with the config's D1 binding (DB) kept under `persistTo`, then disposes of it.
 * @template T
 * @param {{ persistTo: string, config?: string }} where
 * @param {(db: D1Database) => Promise<T>} use
 * @returns {Promise<T>}
 */
export async function withLocalD1({ persistTo, config = defaultConfig }, use) {
  useOfflineEnv();
  const { getPlatformProxy } = await import("wrangler");
  // `--persist-to X` keeps state in X/v3; getPlatformProxy takes that inner directory itself.
  const persist = { path: join(persistTo, "v3") };
  /** @type {import("wrangler").PlatformProxy<{ DB: D1Database }>} */
  const proxy = await getPlatformProxy({ configPath: config, persist, remoteBindings: false });
  try {
    return await use(proxy.env.DB);
  } finally {
    await proxy.dispose();
  }
}

/** @typedef {Awaited<ReturnType<typeof import("wrangler").unstable_startWorker>>} OneOffWorker */

/**
 * Runs `use` with a Worker whose code is `entrypoint` and whose bindings are the config's, its state under
 * `persistTo` as wrangler dev keeps it there; `worker.fetch` reaches it (it listens on no port of its own).
 * Disposed of afterwards.
 * @template T
 * @param {{ entrypoint: string, persistTo: string, config?: string }} what
 * @param {(worker: OneOffWorker) => Promise<T>} use
 * @returns {Promise<T>}
 */
export async function withWorker({ entrypoint, persistTo, config = defaultConfig }, use) {
  useOfflineEnv();
  const { unstable_startWorker } = await import("wrangler");
  // wrangler's info lines (its asset headers, …) would only interleave with the caller's own.
  const logLevel = process.env.WRANGLER_LOG;
  process.env.WRANGLER_LOG = logLevel ?? "warn";
  try {
    const worker = await unstable_startWorker({
      config,
      entrypoint,
      dev: {
        persist: persistTo,
        remote: false,
        server: { hostname: "127.0.0.1", port: 0 },
        inspector: false,
        watch: false,
        logLevel: "warn",
      },
      sendMetrics: false,
      envFiles: [], // no .dev.vars: the one-off Worker needs no secret
    });
    try {
      await worker.ready;
      return await use(worker);
    } finally {
      await worker.dispose();
    }
  } finally {
    if (logLevel === undefined) delete process.env.WRANGLER_LOG;
    else process.env.WRANGLER_LOG = logLevel;
  }
}
