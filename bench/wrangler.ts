/**
 * The local Cloudflare stack, offline: migrations, a platform proxy to load data through, and
 * `wrangler dev` serving the real Worker. Every process started here is stopped here, errors included.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, createWriteStream, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { experimental_readRawConfig, getPlatformProxy, type Unstable_RawConfig } from "wrangler";

// bench/run.mjs starts us in the repository root, wherever it was called from.
const root = process.cwd();
const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
export const configPath = join(root, "wrangler.toml");
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

/** `config`: another wrangler config than the repository's (bench:load runs a copy, and the ceiling Worker). */
export function applyMigrations(persistTo: string, config = configPath): void {
  const result = spawnSync(process.execPath, [wranglerBin, "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo, "--config", config], {
    cwd: root,
    env: wranglerEnv,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`wrangler d1 migrations apply failed:\n${result.stdout}${result.stderr}`);
}

/** Runs `use` with the local D1 that `wrangler dev --persist-to persistTo` will serve, then disposes it. */
export async function withLocalD1<T>(persistTo: string, use: (db: D1Database) => Promise<T>, config = configPath): Promise<T> {
  // `--persist-to X` keeps state in X/v3; getPlatformProxy takes that inner directory itself.
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: config, persist: { path: join(persistTo, "v3") }, remoteBindings: false });
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

/** `pid`: wrangler's, which leads the process group of everything it starts (workerd, esbuild). */
export type LocalWorker = { baseUrl: string; pid: number; stop: () => Promise<void> };

export type StartOptions = {
  /** Another wrangler config than the repository's. */
  config?: string;
  /** A GET that answers one of `statuses` once the Worker serves (default: /v1/sites, 401 or 200). */
  probe?: { path: string; statuses: number[] };
};

export async function startWorker(persistTo: string, adminToken: string, logFile: string, options: StartOptions = {}): Promise<LocalWorker> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${port}`;
  const probe = options.probe ?? { path: "/v1/sites", statuses: [401, 200] };
  const args = ["dev", "--config", options.config ?? configPath, "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persistTo, "--inspector-port", String(inspectorPort), "--var", `ADMIN_TOKEN:${adminToken}`, "--show-interactive-dev-session=false"];
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
      const status = await fetch(`${baseUrl}${probe.path}`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 0);
      if (probe.statuses.includes(status)) return { baseUrl, pid: child.pid!, stop };
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  } catch (error) {
    await stop();
    const tail = (await readFile(logFile, "utf8").catch(() => "")).split("\n").slice(-30).join("\n");
    throw new Error(`${(error as Error).message}\n--- ${logFile} (last lines) ---\n${tail}`);
  }
}

/** The fields of a wrangler config that name a file or folder, relative to the config's own folder. */
function absolutePaths(raw: Unstable_RawConfig, from: string): void {
  const absolute = (path: string) => resolve(from, path);
  if (raw.main) raw.main = absolute(raw.main);
  if (raw.base_dir) raw.base_dir = absolute(raw.base_dir);
  if (raw.tsconfig) raw.tsconfig = absolute(raw.tsconfig);
  if (raw.assets?.directory) raw.assets.directory = absolute(raw.assets.directory);
  for (const database of raw.d1_databases ?? []) if (database.migrations_dir) database.migrations_dir = absolute(database.migrations_dir);
  if (raw.env) throw new Error("copyConfig does not rewrite [env.*] sections yet");
}

/**
 * Writes a changed copy of a wrangler config as JSON at `target` (a .json path), every path in it made
 * absolute so that it may live anywhere. Returns what it wrote.
 */
export function copyConfig(source: string, target: string, change: (raw: Unstable_RawConfig) => void = () => {}): Unstable_RawConfig {
  const { rawConfig } = experimental_readRawConfig({ config: source });
  absolutePaths(rawConfig, dirname(resolve(source)));
  change(rawConfig);
  writeFileSync(target, `${JSON.stringify(rawConfig, null, 2)}\n`);
  return rawConfig;
}

/**
 * Bundles the config's Worker as `wrangler deploy` would (`--dry-run`: nothing leaves the machine) into
 * `outdir`, and returns the bundle's path. `wrangler dev` watches the sources it bundles and restarts the
 * Worker, mid-request, whenever one of them changes; run on this bundle, it measures one version of the
 * code however the working tree changes meanwhile.
 */
export function bundleWorker(config: string, outdir: string): string {
  const result = spawnSync(process.execPath, [wranglerBin, "deploy", "--dry-run", "--outdir", outdir, "--config", config], { cwd: root, env: wranglerEnv, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${result.stdout}${result.stderr}`);
  // Named after the entry point: index.js for worker/index.ts.
  const bundles = readdirSync(outdir).filter((file) => file.endsWith(".js"));
  if (bundles.length !== 1) throw new Error(`wrangler deploy --dry-run left ${bundles.length} .js files in ${outdir}, not one`);
  return join(outdir, bundles[0]!);
}

/**
 * A copy of the repository's wrangler config, changed by `change`, at `<dataDir>/<name>.wrangler.json`,
 * running a bundle and a copy of the assets made now: `wrangler dev` restarts the Worker mid-request
 * when a source or an asset changes (npm run build rewrites dist/), and others may edit them while a
 * bench runs. Returns the config's path.
 */
export function bundledConfig(dataDir: string, name: string, change: (raw: Unstable_RawConfig) => void = () => {}): string {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.wrangler.json`);
  const raw = copyConfig(configPath, path, change);
  const bundle = bundleWorker(path, join(dir, `${name}-bundle`));
  const assets = raw.assets?.directory ? join(dir, `${name}-assets`) : null;
  if (assets) {
    rmSync(assets, { recursive: true, force: true });
    cpSync(raw.assets!.directory!, assets, { recursive: true });
  }
  copyConfig(path, path, (copy) => {
    copy.main = bundle;
    if (assets) copy.assets!.directory = assets;
  });
  return path;
}
