// Builds what the Worker serves as static assets: dist/widget.js, dist/widget.mjs, dist/panel.js,
// dist/queue.js, dist/replies.js and dist/turnstile.js. dist/ is what `wrangler deploy` uploads, so the demo
// pages are not in it: `npm run dev` serves them from a copy of dist/ of its own (demo/dev-assets.mjs).
// Run from anywhere: paths are resolved against the repository root, not the working directory.
import { build, transform } from "esbuild";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
// The loader twice, from the same source: a classic script for `<script src>`, and a module for
// `import { mount }`. Only the loader is on every visitor's path: it draws the launcher and arms auto-prompts.
// The rest loads when needed (load.ts): the panel (the form, its view layer dom.ts, and the answer queue) when it
// opens or is likely to; the queue alone, while answers an earlier page could not send wait; the replies view,
// for a respondent who has answered on the site before; and the Turnstile challenge, for a site that wants one.
/**
 * @typedef {object} Output
 * @property {string} entry under widget/src
 * @property {string} file under dist/
 * @property {import("esbuild").Format} format
 * @property {"loader" | "panel"} [budget] which budget it counts to (test/browser/size.test.ts)
 * @property {Record<string, string>} [alias]
 * @property {boolean} [turnstile] the value of TURNSTILE in its code
 */
/** @type {Output[]} */
const outputs = [
  { entry: "index.ts", file: "widget.js", format: "iife", budget: "loader" },
  { entry: "module.ts", file: "widget.mjs", format: "esm", budget: "loader" },
  // Classic, like the other lazy parts: a module would need CORS.
  { entry: "panel-entry.tsx", file: "panel.js", format: "iife", budget: "panel" },
  // Answers an earlier page could not send: their queue (queue.ts), loaded only while some wait.
  { entry: "queue-entry.ts", file: "queue.js", format: "iife" },
  // Its `h` (dom.ts) only makes plain objects, which the panel's `render` draws: no renderer of its own.
  { entry: "replies.ts", file: "replies.js", format: "iife" },
  // Cloudflare Turnstile's challenge, loaded with the config of a site that wants it (shell.ts). Its copy of
  // queue.ts is built with TURNSTILE: answers that need a token wait apart, and it gives each try one.
  { entry: "turnstile.ts", file: "turnstile.js", format: "iife", turnstile: true },
  // Auto-prompts' rules and triggers (prompt-entry.ts), loaded by the loader only for a survey that may ask by
  // itself on the page (prompt.ts).
  { entry: "prompt-entry.ts", file: "prompt.js", format: "iife" },
];
/**
 * gzip -9 bytes (test/browser/size.test.ts): the loader, which every visitor downloads (each of widget.js and
 * widget.mjs); and all the JS of a full submission without Turnstile, the loader and panel.js together.
 */
const LOADER_BUDGET = 2048;
const SUBMISSION_BUDGET = 8192;

// One cache for all the builds: the loader, the panel and replies.js share one view object and must agree on
// its shortened names.
/** @type {Record<string, string | false>} */
const mangleCache = {};

/**
 * `import css from "./styles.css"` gives the stylesheet minified, as a string.
 * @type {import("esbuild").Plugin}
 */
const minifiedCss = {
  name: "minified-css",
  setup(builder) {
    builder.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await transform(await readFile(args.path, "utf8"), {
        loader: "css",
        minify: true,
        target: "chrome100",
      });
      return { contents: `export default ${JSON.stringify(code.trim())}`, loader: "js" };
    });
  },
};

/** @param {Output} output */
async function buildWidget({ entry, file, format, alias, turnstile = false }) {
  const result = await build({
    entryPoints: [join(root, "widget/src", entry)],
    outfile: join(dist, file),
    bundle: true,
    // An IIFE keeps every name out of the embedding page's global scope.
    format,
    minify: true,
    target: "es2020",
    // Classic `h` calls rather than the automatic runtime: Preact's `h` is in its core already.
    jsx: "transform",
    jsxFactory: "h",
    define: { "process.env.NODE_ENV": '"production"', TURNSTILE: String(turnstile) },
    // Shorter names for properties no one outside these bundles reads: the view's flags and actions, and what
    // dom.ts keeps on an element. Whatever is sent, stored or read as JSON keeps its name.
    mangleProps: /^(__props|inline|askService|show|hide|change|thread|threads|widget|host|paint|card|said|visible)$/,
    mangleCache,
    alias,
    plugins: [minifiedCss],
    legalComments: "none",
    logLevel: "warning",
  });
  Object.assign(mangleCache, result.mangleCache);
}

/**
 * widget.mjs is imported across origins (`import { mount } from "https://HOST/widget.mjs"`), and module
 * scripts are fetched with CORS: without this header browsers refuse it. Workers static assets take
 * headers for the files they serve from `_headers` in the assets directory (and do not serve it).
 */
async function writeHeaders() {
  await writeFile(join(dist, "_headers"), "/widget.mjs\n  Access-Control-Allow-Origin: *\n");
}

/** @param {number} bytes */
function kib(bytes) {
  return `${(bytes / 1024).toFixed(2)} KiB`;
}

try {
  await mkdir(dist, { recursive: true });
  // Left by a build from before the demo pages moved out of dist/: it would still be deployed.
  await rm(join(dist, "demo"), { recursive: true, force: true });
  await writeHeaders();
  // One after the other, so each build sees the names the ones before it shortened.
  for (const output of outputs) await buildWidget(output);
  /** @type {Record<string, number>} */
  const gzipped = {};
  for (const { file, budget } of outputs) {
    const bundle = await readFile(join(dist, file));
    const size = gzipSync(bundle, { level: 9 }).length;
    gzipped[file] = size;
    /** @type {Record<string, string>} */
    const notes = {
      loader: `the loader: of ${LOADER_BUDGET} B${size > LOADER_BUDGET ? ": OVER BUDGET" : ""}`,
      panel: `counts to a full submission's ${SUBMISSION_BUDGET} B`,
    };
    const note = notes[budget ?? ""] ?? "loaded only when needed";
    console.log(`dist/${file.padEnd(12)} ${kib(bundle.length)} raw, ${kib(size)} gzip (${size} B, ${note})`);
  }
  const submission = gzipped["widget.js"] + gzipped["panel.js"];
  const over = submission > SUBMISSION_BUDGET ? ": OVER BUDGET" : "";
  console.log(`a full submission: widget.js + panel.js = ${submission} B gzip, of ${SUBMISSION_BUDGET} B${over}`);
} catch (error) {
  // esbuild has already printed its diagnostics; anything else gets printed here.
  if (!(error instanceof Error && "errors" in error)) console.error(error);
  process.exitCode = 1;
}
