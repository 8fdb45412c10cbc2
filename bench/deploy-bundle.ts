// What `wrangler deploy` would upload, as wrangler itself builds it: `wrangler deploy --dry-run --outdir DIR
// --metafile` bundles the Worker exactly as a deploy does (wrangler.toml's `minify` included) and stops before
// any network call, so it runs offline and with no Cloudflare account. The static assets are the files in
// wrangler.toml's assets directory, as they are now (run `npm run build` first).
// Used by bench/bundle-size.ts (`npm run bench:bundle`, and CI with --check); its checks by test/node.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { unstable_readConfig } from "wrangler";
import { runWrangler } from "../harness/wrangler.mjs";

// bench/run.mjs (and vitest) start us in the repository root.
const root = process.cwd();

export type Asset = { path: string; bytes: Uint8Array };
export type WorkerModule = { name: string; bytes: number; gzip: number; lines: number };
export type DeployBundle = {
  /** wrangler.toml says `minify = true`. */
  minifyConfigured: boolean;
  /** wrangler's own "Total Upload" line: what Cloudflare's size limits count. */
  upload: { kib: number; gzipKib: number };
  modules: WorkerModule[];
  /** The Worker's bytes by package, or by folder of this repository. */
  composition: Record<string, number>;
  assets: Asset[];
};

/** Files wrangler never uploads as assets (workers-shared's createAssetsIgnoreFunction). */
const NEVER_UPLOADED = new Set([".assetsignore", "_headers", "_redirects"]);

/**
 * Runs the dry run. `minify`: undefined for wrangler.toml's setting (what a deploy does), or a boolean to
 * override it. Returns the modules it would upload with their sizes, the bundle's bytes by package or
 * folder, wrangler's own "Total Upload" line, and the asset files it would upload.
 */
export async function dryRunDeploy({ minify }: { minify?: boolean } = {}): Promise<DeployBundle> {
  const config = unstable_readConfig({ config: join(root, "wrangler.toml") });
  const outdir = mkdtempSync(join(tmpdir(), "feedloop-deploy-"));
  try {
    const metafile = join(outdir, "meta.json");
    const args = ["deploy", "--dry-run", "--outdir", join(outdir, "out"), "--metafile", metafile];
    if (minify !== undefined) args.push(`--minify=${minify}`);
    const run = await runWrangler(args);
    const output = `${run.stdout}${run.stderr}`;
    const total = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
    if (!total) throw new Error(`wrangler printed no "Total Upload" line:\n${output}`);

    const meta = JSON.parse(readFileSync(metafile, "utf8")) as Metafile;
    const modules: WorkerModule[] = [];
    const composition: Record<string, number> = {};
    for (const [file, { bytes, inputs }] of Object.entries(meta.outputs)) {
      if (!/\.m?js$/.test(file)) continue;
      // esbuild names outputs and inputs relative to the directory it ran in, the repository root.
      const code = readFileSync(resolve(root, file));
      const lines = code.toString("utf8").split("\n").length;
      modules.push({ name: basename(file), bytes, gzip: gzipSync(code, { level: 9 }).length, lines });
      for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
        const group = groupOf(relative(root, resolve(root, input)));
        composition[group] = (composition[group] ?? 0) + bytesInOutput;
      }
    }
    const configDir = dirname(config.configPath ?? join(root, "wrangler.toml"));
    const assetsDir = resolve(configDir, config.assets?.directory ?? "");
    return {
      minifyConfigured: config.minify === true,
      upload: { kib: Number(total[1]), gzipKib: Number(total[2]) },
      modules,
      composition,
      assets: config.assets ? assetFiles(assetsDir) : [],
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** A bundle input's package (zod's locales apart: they are most of what a careless import costs) or folder. */
type Metafile = { outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }> };

export function groupOf(path: string): string {
  const inModules = path.lastIndexOf("node_modules/");
  if (inModules < 0) return `${path.split("/")[0]}/`;
  const parts = path.slice(inModules + "node_modules/".length).split("/");
  const [scope = "", name = ""] = parts;
  const pkg = scope.startsWith("@") ? `${scope}/${name}` : scope;
  return pkg === "zod" && parts.includes("locales") ? "zod (locales)" : pkg;
}

/**
 * Every file in the assets directory that a deploy uploads: its path relative to it, and its contents. An
 * .assetsignore is not applied: the list errs towards too many, so a check on it cannot miss a file.
 */
export function assetFiles(dir: string): Asset[] {
  return readdirSync(dir, { recursive: true })
    .map((name) => String(name).split("\\").join("/"))
    .filter((name) => !NEVER_UPLOADED.has(name) && statSync(join(dir, name)).isFile())
    .sort()
    .map((path) => ({ path, bytes: readFileSync(join(dir, path)) }));
}

/** The demo's page files (demo/*.html, .css, .js, .svg: what dev serves under /demo/), by their contents. */
export function demoPages(): Set<string> {
  const names = readdirSync(join(root, "demo")).filter((name) => /\.(html|css|svg|js)$/.test(name));
  return new Set(names.map((name) => digest(readFileSync(join(root, "demo", name)))));
}

const digest = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The assets that are demo files: anything under demo/, or a copy of a demo page anywhere. */
export function demoAssets(assets: Asset[], pages = demoPages()): string[] {
  const isDemo = ({ path, bytes }: Asset) => path.startsWith("demo/") || pages.has(digest(bytes));
  return assets.filter(isDemo).map(({ path }) => path);
}

/**
 * What is wrong with a production bundle, as sentences (none: fit to ship): a demo file among the assets, a
 * module of demo/, bench/ or test/ in the Worker, or a Worker that is not minified.
 */
export function problems(
  { minifyConfigured, modules, composition, assets }: Omit<DeployBundle, "upload">,
  pages = demoPages(),
): string[] {
  const found = demoAssets(assets, pages).map((path) => `${path} would be deployed (a demo file)`);
  for (const group of Object.keys(composition)) {
    if (["demo/", "bench/", "test/"].includes(group)) found.push(`the Worker bundles code from ${group}`);
  }
  if (!minifyConfigured) found.push("wrangler.toml does not set minify = true");
  for (const { name, bytes, lines } of modules) {
    // esbuild's minified output runs to thousands of characters a line; readable code to a few dozen.
    if (bytes / lines < 200) found.push(`${name} is not minified (${lines} lines for ${bytes} bytes)`);
  }
  return found;
}
