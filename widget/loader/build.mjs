// Builds the npm package @feedloop/widget (widget/package.json) into widget/dist/: index.js, the loader, and
// the .d.ts files tsc emits from the same sources, so the published types are the loader's own. preact.js and
// react.js are empty: those entries exist for their types. `npm run build` runs it; so does `npm pack`.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const out = join(root, "widget", "dist");

await rm(out, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", here], {
  stdio: "inherit",
});
if (tsc.status !== 0) {
  console.error("widget/loader: tsc failed");
  process.exit(1);
}
await build({
  entryPoints: ["index.ts", "preact.ts", "react.ts"].map((entry) => join(here, entry)),
  outdir: out,
  format: "esm",
  // Readable: an app's own bundler minifies it, and a reader can see that it only imports widget.mjs.
  target: "es2020",
  logLevel: "warning",
});
console.log("widget/dist/     @feedloop/widget: index.js, preact.js, react.js and their .d.ts");
