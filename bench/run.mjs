// `node bench/run.mjs <name> [args]`: bundles bench/<name>.ts with esbuild (bench/aggregates.ts imports the
// Worker's own pure functions) and runs it from the repository root, with the remaining arguments:
// `npm run bench:aggregates -- --sizes 10000,100000`, `npm run bench:load -- --requests 20000`.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The bench itself parses process.argv, so its name is taken out.
const [name] = process.argv.splice(2, 1);
if (!name || !/^[\w-]+$/.test(name) || !existsSync(join(root, "bench", `${name}.ts`))) {
  console.error(`usage: node bench/run.mjs <name of a bench/*.ts> [arguments]; there is no bench/${name}.ts`);
  process.exit(2);
}
const outfile = join(root, "bench", ".data", `${name}.mjs`);
process.chdir(root);

// wrangler dev serves dist/ as static assets and refuses to start without it.
if (!existsSync(join(root, "dist"))) {
  const built = spawnSync(process.execPath, ["widget/build.mjs"], { stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// harness/ is loaded from its own files, not bundled: it finds the repository from where it lies, and a bench
// that loads demo scripts at run time (release-utility) shares one copy of it with them, exit hooks and all.
const harness = join(root, "harness") + sep;
/** @type {import("esbuild").Plugin} */
const leaveHarnessOut = {
  name: "leave-harness-out",
  setup(build) {
    build.onResolve({ filter: /harness\// }, ({ path, resolveDir }) => {
      const file = resolve(resolveDir, path);
      return file.startsWith(harness) ? { path: pathToFileURL(file).href, external: true } : undefined;
    });
  },
};

mkdirSync(dirname(outfile), { recursive: true });
await build({
  entryPoints: [join(root, "bench", `${name}.ts`)],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Loaded from node_modules at run time: they spawn workerd and find their own files on disk.
  // autocannon finds its worker-thread files on disk too.
  external: ["wrangler", "miniflare", "autocannon"],
  plugins: [leaveHarnessOut],
  logLevel: "warning",
});
await import(pathToFileURL(outfile).href);
