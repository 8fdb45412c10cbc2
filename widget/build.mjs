// Builds what the Worker serves as static assets: dist/widget.js and dist/demo/.
// Run from anywhere: paths are resolved against the repository root, not the working directory.
import { build } from "esbuild";
import { copyFile, mkdir, readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const outfile = join(dist, "widget.js");

async function buildWidget() {
  await build({
    entryPoints: [join(root, "widget/src/index.tsx")],
    outfile,
    bundle: true,
    // An IIFE keeps every name out of the embedding page's global scope.
    format: "iife",
    minify: true,
    target: "es2020",
    jsx: "automatic",
    jsxImportSource: "preact",
    define: { "process.env.NODE_ENV": '"production"' },
    legalComments: "none",
    logLevel: "warning",
  });
}

async function copyDemo() {
  const source = join(root, "demo");
  let names;
  try {
    names = await readdir(source);
  } catch (error) {
    // The demo pages are written separately; until they exist there is nothing to copy.
    if (error?.code === "ENOENT") return 0;
    throw error;
  }
  // demo.js too: index.html loads it (an external file keeps the demo's CSP strict). Not .mjs: those
  // are the Node scripts that serve and seed the demo, not pages.
  const pages = names.filter((name) => /\.(html|css|svg|js)$/.test(name));
  await mkdir(join(dist, "demo"), { recursive: true });
  await Promise.all(pages.map((name) => copyFile(join(source, name), join(dist, "demo", name))));
  return pages.length;
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(2)} KiB`;
}

try {
  await mkdir(dist, { recursive: true });
  const [, demoFiles] = await Promise.all([buildWidget(), copyDemo()]);
  const bundle = await readFile(outfile);
  const gzipped = gzipSync(bundle, { level: 9 });
  console.log(`dist/widget.js  ${kib(bundle.length)} raw, ${kib(gzipped.length)} gzip (${gzipped.length} B)`);
  console.log(`dist/demo/      ${demoFiles} file(s) copied`);
} catch (error) {
  // esbuild has already printed its diagnostics; anything else gets printed here.
  if (!error?.errors) console.error(error);
  process.exitCode = 1;
}
