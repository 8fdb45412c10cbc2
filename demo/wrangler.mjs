// Starting and stopping the local Cloudflare stack for the demo scripts (dev.mjs, dashboard-screenshots.mjs):
// D1 migrations and `wrangler dev`, offline, in a process group that is stopped as a whole.
// Plain Node (>= 20) with no dependencies beyond the project's own wrangler.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const READY_TIMEOUT_MS = 90_000;

// This machine (and a newcomer's laptop on a train) may reach no Cloudflare host: everything wrangler would
// fetch on its own is switched off with its documented switches, unless the developer set them otherwise.
export const wranglerEnv = {
  ...process.env,
  // Miniflare fetches https://workers.cloudflare.com/cf.json for `request.cf` and warns when it cannot;
  // "false" uses its built-in placeholder instead (Wrangler's system environment variables).
  CLOUDFLARE_CF_FETCH_ENABLED: process.env.CLOUDFLARE_CF_FETCH_ENABLED ?? "false",
  // Usage telemetry to sparrow.cloudflare.com. wrangler.toml says send_metrics = false too, but only the
  // variable also stops wrangler recording a global opt-in that prints a telemetry notice later.
  WRANGLER_SEND_METRICS: process.env.WRANGLER_SEND_METRICS ?? "false",
  // Crash reports (Sentry): never ask, never send.
  WRANGLER_SEND_ERROR_REPORTS: process.env.WRANGLER_SEND_ERROR_REPORTS ?? "false",
  // The start-up banner is where wrangler checks the npm registry for a newer version; we print our own.
  WRANGLER_HIDE_BANNER: process.env.WRANGLER_HIDE_BANNER ?? "true",
};

export const hasWrangler = () => existsSync(wranglerBin);

/**
 * Applies the D1 migrations to the local database (`persistTo`: wrangler's --persist-to; default its own
 * .wrangler/state). `stdio: "inherit"` shows wrangler's table; otherwise its output is in the error.
 */
export function applyMigrations({ persistTo, stdio = "pipe" } = {}) {
  const args = [wranglerBin, "d1", "migrations", "apply", "DB", "--local", ...(persistTo ? ["--persist-to", persistTo] : [])];
  const result = spawnSync(process.execPath, args, { cwd: root, stdio, env: { ...wranglerEnv, CI: "true" }, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`wrangler d1 migrations apply failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})${result.stdout ?? ""}${result.stderr ?? ""}`);
  }
}

/**
 * Starts `wrangler dev` in its own process group (wrangler, its esbuild and its workerd), so a Ctrl-C
 * reaches it once and the whole group can be stopped together. `vars`: --var NAME:VALUE pairs.
 */
export function startWranglerDev({ host = "127.0.0.1", port, persistTo, vars = {}, args = [], stdio = ["ignore", "inherit", "inherit"] }) {
  const devArgs = ["dev", "--ip", host, "--port", String(port), ...(persistTo ? ["--persist-to", persistTo] : []),
    ...Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]), ...args];
  return spawn(process.execPath, [wranglerBin, ...devArgs], {
    cwd: root,
    env: wranglerEnv,
    stdio,
    detached: process.platform !== "win32", // Windows has no process groups (and detached opens a console)
  });
}

const hasExited = (child) => child.exitCode !== null || child.signalCode !== null;

/** Resolves once the Worker answers on `baseUrl`; throws if wrangler stops first or takes too long. */
export async function waitUntilServing(child, baseUrl) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error("wrangler dev stopped before it was ready");
    try {
      await fetch(`${baseUrl}/v1/sites`, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  throw new Error(`wrangler dev did not answer on ${baseUrl} within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Stops wrangler (and its workerd, which shares its process group) and resolves when it has exited. */
export function stopWrangler(child, signal = "SIGINT") {
  if (hasExited(child)) return Promise.resolve();
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  const force = setTimeout(() => killGroup(child), 5_000);
  return exited.then(() => clearTimeout(force));
}

export function killGroup(child) {
  try {
    if (process.platform === "win32") child.kill("SIGKILL");
    else process.kill(-child.pid, "SIGKILL");
  } catch {
    // the group is gone already
  }
}
