// `npm run bench:widget`: what the widget costs, next to peers bundled from their npm packages in the same run and
// to the figures they publish. Ours in two parts: the loader (dist/widget.js), which every page view downloads, and
// a full submission (the loader and dist/panel.js), which a visitor who answers downloads. Then the main-thread
// time of each in Chromium, the median of 20 page loads (widget-main-thread.mjs says what is measured; `--loads N`
// for another count, `--no-browser` to skip it). Offline once `npm install` has run; the temporary bundles go
// under os.tmpdir(), not the repo.
import { build, version as esbuildVersion } from "esbuild";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { measureMainThread } from "./widget-main-thread.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const goalRatio = 1 / 3;

// The same settings widget/build.mjs ships ours with, so only the code differs.
/** @type {import("esbuild").BuildOptions} */
const browserBundle = {
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  platform: "browser",
  define: { "process.env.NODE_ENV": '"production"' },
  treeShaking: true,
  legalComments: "none",
  logLevel: "warning",
};

const sentryImport = `import { init, feedbackIntegration } from "@sentry/browser";\n`;
const dsn = `"https://public@example.invalid/1"`;
const entries = {
  preact: `import { h, render } from "preact";\nrender(h("div", null, "x"), document.body);`,
  sentry: `${sentryImport}init({ dsn: ${dsn} });`,
  // feedbackIntegration is feedbackSyncIntegration: the modal and screenshot parts are bundled. The async variant
  // would fetch them from Sentry's CDN on first open, out of this measurement's sight.
  sentryFeedback: `${sentryImport}init({ dsn: ${dsn}, integrations: [feedbackIntegration()] });`,
  formbricks: `import formbricks from "@formbricks/js";
formbricks.setup({ appUrl: "https://formbricks.invalid", workspaceId: "bench" });`,
};

/** @param {string} name */
function installedVersion(name) {
  return JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;
}

/** @typedef {{ minified: number; gzip: number; brotli: number }} Sizes bytes, minified and compressed */

/**
 * @param {Buffer} code
 * @returns {Sizes}
 */
function sizes(code) {
  const brotli = brotliCompressSync(code, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
  });
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, brotli: brotli.length };
}

/**
 * @param {string} outdir
 * @param {keyof typeof entries} name
 */
async function bundleSizes(outdir, name) {
  const outfile = join(outdir, `${name}.js`);
  await build({ ...browserBundle, stdin: { contents: entries[name], resolveDir: root, loader: "js" }, outfile });
  return sizes(await readFile(outfile));
}

function buildOurs() {
  // The dashboard's build too: widget/build.mjs starts dist/_headers afresh, and the dashboard's build adds its
  // CSP to it. Without it, a dist/ left by this bench would serve the dashboard with no CSP.
  for (const script of ["widget/build.mjs", "dashboard/build.mjs"]) {
    const built = spawnSync(process.execPath, [join(root, script)], { encoding: "utf8" });
    if (built.status !== 0) {
      // A comparison against a stale dist/ would be worse than none.
      process.stderr.write(`${built.stdout}${built.stderr}bench:widget: node ${script} failed\n`);
      process.exit(built.status ?? 1);
    }
  }
  const loader = measureOurs("widget.js");
  const panel = measureOurs("panel.js");
  /** @type {Sizes} each column the sum of the two files', each compressed alone as they are served */
  const submission = {
    minified: loader.minified + panel.minified,
    gzip: loader.gzip + panel.gzip,
    brotli: loader.brotli + panel.brotli,
  };
  return { loader, module: measureOurs("widget.mjs"), panel, prompt: measureOurs("prompt.js"), submission };
}

/** @param {string} file */
function measureOurs(file) {
  return sizes(readFileSync(join(root, "dist", file)));
}

/** @param {number} bytes */
function kib(bytes) {
  return (bytes / 1024).toFixed(2);
}

/** @param {number} bytes */
function grouped(bytes) {
  return bytes.toLocaleString("en-US");
}

/** @param {number} bytes */
function bytesAndKib(bytes) {
  return `${grouped(bytes)} B (${kib(bytes)} KiB)`;
}

/**
 * @param {Sizes} ours
 * @param {{ name: string; measured: string; size?: Sizes; isOurs?: boolean }[]} rows
 */
function printTable(ours, rows) {
  const header = ["name", "what was measured"];
  header.push("minified B", "KiB", "gzip -9 B", "KiB", "brotli 11 B", "KiB", "ours/peer (gzip)");
  const cells = rows.map(({ name, measured, size, isOurs }) => {
    if (!size) return [name, measured, "—", "—", "—", "—", "—", "—", "—"];
    const ratio = isOurs ? "—" : `ours/peer = ${(ours.gzip / size.gzip).toFixed(2)}`;
    const counts = [size.minified, size.gzip, size.brotli].flatMap((bytes) => [grouped(bytes), kib(bytes)]);
    return [name, measured, ...counts, ratio];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column].length)));
  // Text columns align left and numbers right, so the digits line up.
  const isNumber = (/** @type {number} */ column) => column >= 2 && column <= 7;
  /** @type {(cell: string, column: number) => string} */
  const pad = (cell, column) => (isNumber(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]));
  const line = (/** @type {string[]} */ row) => row.map(pad).join("  ");
  console.log(line(header));
  console.log(line(widths.map((width) => "-".repeat(width))));
  for (const row of cells) console.log(line(row).trimEnd());
}

/**
 * What the peers publish about themselves, as fixed reference numbers (gzip), next to ours.
 * - Sentry: the bundle size table of the @sentry/browser 9.44.1 release notes (github.com/getsentry/sentry-javascript
 *   releases, size-limit, gzip, in KB as printed there): `@sentry/browser` 23.24 KB, `(incl. Feedback)` 39.53 KB,
 *   `(incl. FeedbackAsync)` 32.59 KB, the async variant fetching the feedback UI from Sentry's CDN on first open.
 * - Formbricks: issue 14 says its loader is 1.6 KB; no published figure of Formbricks' own was found (so it is
 *   Formbricks' loader as issue 14 gives it, not measured here; the table above measures @formbricks/js).
 * @param {number} loaderGzip
 * @param {number} submissionGzip
 */
function printPublished(loaderGzip, submissionGzip) {
  console.log();
  console.log("Published figures (gzip), next to ours:");
  const rows = [
    ["feedloop loader (ours)", `${grouped(loaderGzip)} B`, "measured above: dist/widget.js"],
    ["feedloop full submission (ours)", `${grouped(submissionGzip)} B`, "measured above: loader + panel"],
    ["Sentry feedback, sync", "16.29 KB", "@sentry/browser 9.44.1 release notes: 39.53 (incl. Feedback) − 23.24 KB"],
    ["Sentry feedback, async", "9.35 KB", "same notes: 32.59 (incl. FeedbackAsync) − 23.24 KB, then its CDN chunk"],
    ["Sentry SDK it needs", "23.24 KB", "same notes: @sentry/browser"],
    ["Formbricks loader", "1.6 KB", "as issue 14 states it; not measured here (no published source found)"],
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join("  ")
        .trimEnd(),
    );
}

/** @param {number} loads */
async function printMainThread(loads) {
  const { floorMs, loaderMs, panelMs } = await measureMainThread(loads);
  console.log();
  console.log(`Main-thread JavaScript time in Chromium (DevTools ScriptDuration), median of ${loads} page loads:`);
  const ms = (/** @type {number} */ value) => `${value.toFixed(1)} ms`;
  console.log(
    `  loader (widget.js), page load to launcher drawn: ${ms(loaderMs)} (${ms(loaderMs - floorMs)} over the page without it)`,
  );
  console.log(`  panel (panel.js), launcher click to dialog shown: ${ms(panelMs)}`);
  console.log(`  the same page without the widget: ${ms(floorMs)}`);
}

const args = process.argv.slice(2);
const loadsArgument = args.indexOf("--loads");
const loads = loadsArgument >= 0 ? Number(args[loadsArgument + 1]) : 20;
if (!Number.isInteger(loads) || loads < 1) {
  console.error("usage: npm run bench:widget [-- --loads N (a whole number, 1 or more) | --no-browser]");
  process.exit(2);
}
const { loader, module: loaderModule, panel, prompt, submission } = buildOurs();
const ours = submission;
const outdir = await mkdtemp(join(tmpdir(), "feedloop-widget-size-"));
try {
  const [preact, sentry, sentryFeedback, formbricksLoader] = await Promise.all([
    bundleSizes(outdir, "preact"),
    bundleSizes(outdir, "sentry"),
    bundleSizes(outdir, "sentryFeedback"),
    bundleSizes(outdir, "formbricks"),
  ]);
  const feedbackIncrement = {
    minified: sentryFeedback.minified - sentry.minified,
    gzip: sentryFeedback.gzip - sentry.gzip,
    brotli: sentryFeedback.brotli - sentry.brotli,
  };
  const surveysDist = join(root, "node_modules/@formbricks/surveys/dist");
  const surveys = sizes(await readFile(join(surveysDist, "index.umd.js")));
  const surveysDate = sizes(await readFile(join(surveysDist, "question-date.umd.js")));

  const sentryVersion = installedVersion("@sentry/browser");
  const formbricksVersion = installedVersion("@formbricks/js");
  const surveysVersion = installedVersion("@formbricks/surveys");
  const ourRows = [
    { name: "feedloop loader (ours)", measured: "dist/widget.js as served: every page view", size: loader },
    { name: "feedloop loader, module", measured: "dist/widget.mjs, not in the ratios", size: loaderModule },
    { name: "feedloop panel", measured: "dist/panel.js: loaded when the panel opens", size: panel },
    {
      name: "feedloop auto-prompt rules",
      measured: "dist/prompt.js: only for a survey that may ask by itself",
      size: prompt,
    },
    {
      name: "feedloop full submission",
      measured: "loader + panel, each gzipped alone: all JS for an answer",
      size: submission,
    },
  ];
  printTable(ours, [
    ...ourRows.map((row) => ({ ...row, isOurs: true })),
    { name: "Sentry SDK (a)", measured: `@sentry/browser ${sentryVersion}: init({ dsn })`, size: sentry },
    {
      name: "Sentry SDK + feedback (b)",
      measured: "(a) + integrations: [feedbackIntegration()] (sync: modal + screenshot bundled)",
      size: sentryFeedback,
    },
    { name: "Sentry feedback increment", measured: "(b) − (a), each column subtracted", size: feedbackIncrement },
    {
      name: "Formbricks loader",
      measured: `@formbricks/js ${formbricksVersion}: formbricks.setup({ appUrl, workspaceId })`,
      size: formbricksLoader,
    },
    {
      name: "Formbricks SDK",
      measured: "not measurable: the loader fetches <appUrl>/js/formbricks.umd.cjs from the Formbricks app",
    },
    {
      name: "Formbricks survey renderer",
      measured: `@formbricks/surveys ${surveysVersion} dist/index.umd.js as shipped`,
      size: surveys,
    },
    {
      name: "Formbricks date question",
      measured: "dist/question-date.umd.js as shipped; from unpkg, only for date questions",
      size: surveysDate,
    },
    {
      name: "Preact alone",
      measured: `preact ${installedVersion("preact")}: render(h("div", null, "x"), document.body)`,
      size: preact,
    },
  ]);

  console.log();
  console.log(`esbuild ${esbuildVersion} (minify, iife, es2020, browser); node:zlib gzip -9 and brotli quality 11.`);
  console.log("Bundled rows use esbuild; 'as shipped' rows are the package's own minified file, byte for byte.");
  console.log("The ratios (ours/peer) are the full submission's.");
  const ceiling = Math.floor(feedbackIncrement.gzip * goalRatio);
  const met = ours.gzip <= feedbackIncrement.gzip * goalRatio;
  console.log(
    `goal: ours ≤ 1/3 of Sentry's feedback integration (gzip, increment b − a): ${met ? "yes" : "no"} — ` +
      `ours ${bytesAndKib(ours.gzip)} ${met ? "≤" : ">"} 1/3 × ${bytesAndKib(feedbackIncrement.gzip)} = ` +
      `${bytesAndKib(ceiling)}; ours/peer = ${(ours.gzip / feedbackIncrement.gzip).toFixed(2)}`,
  );
  printPublished(loader.gzip, submission.gzip);
  if (!args.includes("--no-browser")) await printMainThread(loads);
} finally {
  await rm(outdir, { recursive: true, force: true });
}
