// `npm run bench:bundle`: what a deploy uploads, from `wrangler deploy --dry-run` (offline, no account; see
// deploy-bundle.ts), next to the same Worker unminified and to main before issue 12's changes.
// `node bench/run.mjs bundle-size --check` (CI) also fails when the bundle is not fit to ship: a demo page among
// the assets, demo/bench/test code in the Worker, or a Worker that is not minified.
import { printTable } from "./table";
import { type DeployBundle, demoAssets, dryRunDeploy, problems } from "./deploy-bundle";

type Row = Pick<DeployBundle, "upload" | "composition"> & { name: string; assets: number; demoFiles: number };

/**
 * Measured on main at 1a4e2c5 with wrangler 4.86 (`import { z } from "zod"`, no minify, dist/demo/ in the
 * assets). Kept as numbers: rebuilding an old commit is not something a bench should do.
 */
const BEFORE: Row = {
  name: "before (main 1a4e2c5, recorded)",
  upload: { kib: 1002.85, gzipKib: 181.54 },
  composition: { zod: 399.7 * 1024, "zod (locales)": 364.0 * 1024 },
  assets: 13,
  demoFiles: 6,
};

const kib = (bytes: number) => (bytes / 1024).toFixed(1);

const row = ({ name, upload, composition, assets, demoFiles }: Row) => [
  name,
  upload.kib.toFixed(2),
  upload.gzipKib.toFixed(2),
  kib(composition.zod ?? 0),
  kib(composition["zod (locales)"] ?? 0),
  String(assets),
  String(demoFiles),
];

const measured = (name: string, bundle: DeployBundle): Row => ({
  name,
  ...bundle,
  assets: bundle.assets.length,
  demoFiles: demoAssets(bundle.assets).length,
});

const deployed = await dryRunDeploy();
const unminified = await dryRunDeploy({ minify: false });
const found = problems(deployed);

console.log("What `wrangler deploy` uploads (its dry run, in KiB as wrangler counts them; the limit is on gzip)");
printTable(
  ["Worker bundle", "upload KiB", "gzip KiB", "zod KiB", "zod locales KiB", "asset files", "demo files"],
  [
    row(BEFORE),
    row(measured("now, unminified (--minify=false)", unminified)),
    row(measured("now, as deployed", deployed)),
  ],
);

const total = Object.values(deployed.composition).reduce((sum, bytes) => sum + bytes, 0);
printTable(
  ["as deployed, by source", "KiB", "share"],
  Object.entries(deployed.composition)
    .sort(([, a], [, b]) => b - a)
    .map(([group, bytes]) => [group, kib(bytes), `${((100 * bytes) / total).toFixed(0)}%`]),
);
console.log(`\nassets: ${deployed.assets.map(({ path }) => path).join(", ")}`);

if (found.length) {
  console.log(`\nnot fit to ship:\n${found.map((problem) => `  - ${problem}`).join("\n")}`);
  if (process.argv.includes("--check")) process.exitCode = 1;
} else {
  console.log("\nfit to ship: minified, no demo page among the assets, no demo/bench/test code in the Worker");
}
