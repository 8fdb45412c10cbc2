// `npm run bench:aggregates`: bundles bench/aggregates.ts (it imports the Worker's own pure functions)
// with esbuild and runs it from the repository root. Arguments pass through: -- --sizes 10000,100000
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "bench", ".data", "aggregates.mjs");
process.chdir(root);

// wrangler dev serves dist/ as static assets and refuses to start without it.
if (!existsSync(join(root, "dist"))) {
  const built = spawnSync(process.execPath, ["widget/build.mjs"], { stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

mkdirSync(dirname(outfile), { recursive: true });
await build({
  entryPoints: [join(root, "bench", "aggregates.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Loaded from node_modules at run time: they spawn workerd and find their own files on disk.
  external: ["wrangler", "miniflare"],
  logLevel: "warning",
});
await import(pathToFileURL(outfile).href);
