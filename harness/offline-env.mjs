// Where the project's wrangler is, and the environment it runs in: offline. This machine (and a newcomer's
// laptop on a train, and CI) may reach no Cloudflare host, so everything wrangler would fetch on its own is
// switched off with its documented switches (Wrangler's system environment variables), unless the
// developer set them otherwise.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root. bench/run.mjs leaves harness/ out of its bundles, so this file's place holds. */
export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
export const defaultConfig = join(root, "wrangler.toml");
/** Where wrangler keeps local state (D1's SQLite files) when given no --persist-to: what npm run dev uses. */
export const defaultPersistTo = join(root, ".wrangler", "state");

export const hasWrangler = () => existsSync(wranglerBin);

export function assertWrangler() {
  if (!hasWrangler()) throw new Error(`wrangler is not installed (${wranglerBin}): run npm ci first`);
}

const OFFLINE = {
  // Miniflare fetches https://workers.cloudflare.com/cf.json for `request.cf` and warns when it cannot;
  // "false" uses its built-in placeholder instead.
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  // Usage telemetry to sparrow.cloudflare.com. wrangler.toml says send_metrics = false too, but only the
  // variable also stops wrangler recording a global opt-in that prints a telemetry notice later.
  WRANGLER_SEND_METRICS: "false",
  // Crash reports (Sentry): never ask, never send.
  WRANGLER_SEND_ERROR_REPORTS: "false",
  // The start-up banner is where wrangler checks the npm registry for a newer version.
  WRANGLER_HIDE_BANNER: "true",
};

/**
 * The environment for a wrangler this process spawns: its own, the offline switches it has not set, `extra`.
 * @param {Record<string, string>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
export const offlineEnv = (extra = {}) => ({ ...OFFLINE, ...process.env, ...extra });

/** The same switches in this process's own environment, where wrangler's Node API reads them. */
export function useOfflineEnv() {
  for (const [name, value] of Object.entries(OFFLINE)) process.env[name] ??= value;
}
