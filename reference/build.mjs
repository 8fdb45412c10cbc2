// Builds the API reference the Worker serves at /docs: dist/docs/{index.html, start.js, reference.css} and
// Swagger UI's own bundle and stylesheet, copied from the pinned swagger-ui-dist package, so the page loads
// nothing from a CDN. Its headers are the dashboard's strict CSP (dashboard/csp.mjs).
// Run after widget/build.mjs (`npm run build` does), which writes dist/_headers first.
import { build } from "esbuild";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { strictHeaders } from "../dashboard/csp.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const here = join(root, "reference");
const out = join(root, "dist", "docs");
const swaggerUi = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

/**
 * Copies a file of swagger-ui-dist without its sourceMappingURL: the map is not served, so devtools would 404
 * on it.
 * @param {string} name
 */
async function copyWithoutSourceMap(name) {
  const text = await readFile(join(swaggerUi, name), "utf8");
  await writeFile(join(out, name), text.replace(/\n?\/[/*]# sourceMappingURL=\S+\s*(\*\/)?\s*$/, "\n"));
}

try {
  await mkdir(out, { recursive: true });
  await build({
    entryPoints: [join(here, "start.ts")],
    outfile: join(out, "start.js"),
    bundle: true,
    format: "iife",
    minify: true,
    target: "es2022",
    legalComments: "none",
    logLevel: "warning",
  });
  await Promise.all([
    copyWithoutSourceMap("swagger-ui-bundle.js"),
    copyWithoutSourceMap("swagger-ui.css"),
    copyFile(join(here, "index.html"), join(out, "index.html")),
    copyFile(join(here, "reference.css"), join(out, "reference.css")),
    // The product's icon, as the dashboard serves it, under /docs/ too: each page stays whole on its own.
    copyFile(join(root, "dashboard/favicon.svg"), join(out, "favicon.svg")),
    // GET / sends a newcomer somewhere useful: what this server answers, as links.
    copyFile(join(here, "home.html"), join(root, "dist", "index.html")),
  ]);
  // Appended to what widget/build.mjs and dashboard/build.mjs wrote, once.
  const headersFile = join(root, "dist", "_headers");
  const existing = await readFile(headersFile, "utf8").catch(() => "");
  if (!existing.includes("/docs/*"))
    await writeFile(headersFile, `${existing.trimEnd()}\n${strictHeaders("/docs/*")}${strictHeaders("/")}`);
  const { version } = JSON.parse(await readFile(join(swaggerUi, "package.json"), "utf8"));
  console.log(`dist/docs/: Swagger UI ${version}, served from the Worker`);
} catch (error) {
  // esbuild has already printed its diagnostics; anything else gets printed here.
  if (!(error instanceof Error && "errors" in error)) console.error(error);
  process.exitCode = 1;
}
