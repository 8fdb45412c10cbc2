/**
 * The local Cloudflare stack, offline: migrations, a platform proxy to load data through, and
 * `wrangler dev` serving the real Worker. Every process started here is stopped here, errors included.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";

// bench/run.mjs starts us in the repository root, wherever it was called from.
const root = process.cwd();
const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const configPath = join(root, "wrangler.toml");
const READY_TIMEOUT_MS = 90_000;

// Everything wrangler would fetch on its own is switched off (as in demo/dev.mjs): this may run offline.
const wranglerEnv = {
  ...process.env,
  CI: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  WRANGLER_HIDE_BANNER: "true",
};

export function applyMigrations(persistTo: string): void {
  const result = spawnSync(process.execPath, [wranglerBin, "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], {
    cwd: root,
    env: wranglerEnv,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`wrangler d1 migrations apply failed:\n${result.stdout}${result.stderr}`);
}

/** Runs `use` with the local D1 that `wrangler dev --persist-to persistTo` will serve, then disposes it. */
export async function withLocalD1<T>(persistTo: string, use: (db: D1Database) => Promise<T>): Promise<T> {
  // `--persist-to X` keeps state in X/v3; getPlatformProxy takes that inner directory itself.
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath, persist: { path: join(persistTo, "v3") }, remoteBindings: false });
  try {
    return await use(proxy.env.DB);
  } finally {
    await proxy.dispose();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once("error", reject)
      .listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
      });
  });
}

const running = new Set<ChildProcess>();

/** Kills the whole group: workerd is wrangler's child and can outlive it by a moment. */
function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // the group is gone already
  }
}

// Whatever ends this process (a crash or Ctrl-C included) ends the servers it started.
process.on("exit", () => running.forEach(killGroup));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

export type LocalWorker = { baseUrl: string; stop: () => Promise<void> };

export async function startWorker(persistTo: string, adminToken: string, logFile: string): Promise<LocalWorker> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${port}`;
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persistTo, "--inspector-port", String(inspectorPort), "--var", `ADMIN_TOKEN:${adminToken}`, "--show-interactive-dev-session=false"];
  const log = createWriteStream(logFile);
  // Its own process group, so the group can be stopped together.
  const child = spawn(process.execPath, [wranglerBin, ...args], { cwd: root, env: wranglerEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  running.add(child);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGINT");
      const force = setTimeout(() => killGroup(child), 5_000);
      await exited;
      clearTimeout(force);
    }
    killGroup(child);
    running.delete(child);
    log.end();
  };

  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error("wrangler dev stopped before it was ready");
      if (Date.now() > deadline) throw new Error(`wrangler dev did not answer on ${baseUrl} within ${READY_TIMEOUT_MS / 1000} s`);
      const status = await fetch(`${baseUrl}/v1/sites`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 0);
      if (status === 401 || status === 200) return { baseUrl, stop };
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  } catch (error) {
    await stop();
    const tail = (await readFile(logFile, "utf8").catch(() => "")).split("\n").slice(-30).join("\n");
    throw new Error(`${(error as Error).message}\n--- ${logFile} (last lines) ---\n${tail}`);
  }
}
