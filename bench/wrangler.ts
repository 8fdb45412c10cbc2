/**
 * What the benches ask of wrangler beyond harness/ (which starts, migrates and stops it): copies of a config
 * running a bundle made now, and the Worker of such a config under `wrangler dev` on free ports.
 */
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { experimental_readRawConfig, type Unstable_RawConfig } from "wrangler";
import { defaultConfig, exitOnInterrupt, freePort, runWrangler, startWranglerDev } from "../harness/wrangler.mjs";
import type { WranglerDev } from "../harness/wrangler.mjs";

export const configPath = defaultConfig;

// A Ctrl-C runs the harness's exit hooks, which stop every wrangler dev a bench started.
exitOnInterrupt();

export type StartOptions = {
  /** Another wrangler config than the repository's. */
  config?: string;
  /** A GET that answers one of `statuses` once the Worker serves (default: /v1/sites, 401 or 200). */
  probe?: { path: string; statuses: number[] };
};

/** The Worker under `wrangler dev` with `adminToken`, all its output in `logFile`. */
export async function startWorker(
  persistTo: string,
  adminToken: string,
  logFile: string,
  options: StartOptions = {},
): Promise<WranglerDev> {
  return startWranglerDev({
    port: await freePort(),
    inspectorPort: await freePort(),
    persistTo,
    config: options.config ?? configPath,
    vars: { ADMIN_TOKEN: adminToken },
    logFile,
    ready: options.probe ?? { path: "/v1/sites", statuses: [401, 200] },
  });
}

/** The fields of a wrangler config that name a file or folder, relative to the config's own folder. */
function absolutePaths(raw: Unstable_RawConfig, from: string): void {
  const absolute = (path: string) => resolve(from, path);
  if (raw.main) raw.main = absolute(raw.main);
  if (raw.base_dir) raw.base_dir = absolute(raw.base_dir);
  if (raw.tsconfig) raw.tsconfig = absolute(raw.tsconfig);
  if (raw.assets?.directory) raw.assets.directory = absolute(raw.assets.directory);
  for (const database of raw.d1_databases ?? [])
    if (database.migrations_dir) database.migrations_dir = absolute(database.migrations_dir);
  if (raw.env) throw new Error("copyConfig does not rewrite [env.*] sections yet");
}

/**
 * Writes a changed copy of a wrangler config as JSON at `target` (a .json path), every path in it made
 * absolute so that it may live anywhere. Returns what it wrote.
 */
export function copyConfig(
  source: string,
  target: string,
  change: (raw: Unstable_RawConfig) => void = () => {},
): Unstable_RawConfig {
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
export async function bundleWorker(config: string, outdir: string): Promise<string> {
  await runWrangler(["deploy", "--dry-run", "--outdir", outdir], { config });
  // Named after the entry point: index.js for worker/index.ts.
  const bundles = readdirSync(outdir).filter((file) => file.endsWith(".js"));
  if (bundles.length !== 1)
    throw new Error(`wrangler deploy --dry-run left ${bundles.length} .js files in ${outdir}, not one`);
  return join(outdir, bundles[0]!);
}

/**
 * A copy of the repository's wrangler config, changed by `change`, at `<dataDir>/<name>.wrangler.json`,
 * running a bundle and a copy of the assets made now: `wrangler dev` restarts the Worker mid-request
 * when a source or an asset changes (npm run build rewrites dist/), and others may edit them while a
 * bench runs. Returns the config's path.
 */
export async function bundledConfig(
  dataDir: string,
  name: string,
  change: (raw: Unstable_RawConfig) => void = () => {},
): Promise<string> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.wrangler.json`);
  const raw = copyConfig(configPath, path, change);
  const bundle = await bundleWorker(path, join(dir, `${name}-bundle`));
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
