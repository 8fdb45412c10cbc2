// Builds the dashboard the Worker serves at /admin: dist/admin/{index.html, app.js, admin.css, favicon.svg}, and its
// headers (a strict Content-Security-Policy: no inline script, no inline style, nothing from elsewhere).
// Run after widget/build.mjs (`npm run build` does), which writes dist/_headers first.
import { build } from "esbuild";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { strictHeaders } from "./csp.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "admin");
/** @param {number} bytes */
const kib = (bytes) => (bytes / 1024).toFixed(2);

try {
  await mkdir(out, { recursive: true });
  await build({
    entryPoints: [join(root, "dashboard/src/main.tsx")],
    outfile: join(out, "app.js"),
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
    define: { "process.env.NODE_ENV": '"production"' },
    legalComments: "none",
    logLevel: "warning",
  });
  await build({
    entryPoints: [join(root, "dashboard/admin.css")],
    outfile: join(out, "admin.css"),
    bundle: true,
    minify: true,
    logLevel: "warning",
  });
  await copyFile(join(root, "dashboard/index.html"), join(out, "index.html"));
  // The product's icon (the demo pages link it too): it lived in demo/, which a deploy does not ship.
  await copyFile(join(root, "dashboard/favicon.svg"), join(out, "favicon.svg"));
  // Appended to what widget/build.mjs wrote, once.
  const headersFile = join(root, "dist", "_headers");
  const existing = await readFile(headersFile, "utf8").catch(() => "");
  if (!existing.includes("/admin/*"))
    await writeFile(headersFile, `${existing.trimEnd()}\n${strictHeaders("/admin/*")}`);
  const app = await readFile(join(out, "app.js"));
  console.log(`dist/admin/app.js ${kib(app.length)} KiB raw, ${kib(gzipSync(app, { level: 9 }).length)} KiB gzip`);
} catch (error) {
  // esbuild has already printed its diagnostics; anything else gets printed here.
  if (!(error instanceof Error && "errors" in error)) console.error(error);
  process.exitCode = 1;
}
