// `npm run bench:widget`: what the widget costs every visitor, next to peers bundled from their npm packages in
// the same run. Offline once `npm install` has run; the temporary bundles go under os.tmpdir(), not the repo.
import { build, version as esbuildVersion } from "esbuild";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

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
  const built = spawnSync(process.execPath, [join(root, "widget/build.mjs")], { encoding: "utf8" });
  if (built.status !== 0) {
    // A comparison against a stale dist/widget.js would be worse than none.
    process.stderr.write(`${built.stdout}${built.stderr}bench:widget: node widget/build.mjs failed\n`);
    process.exit(built.status ?? 1);
  }
  // widget.mjs, the ES module build, is shown when the build makes it; the ratios stay on widget.js.
  const hasModule = existsSync(join(root, "dist/widget.mjs"));
  return { script: measureOurs("widget.js"), module: hasModule ? measureOurs("widget.mjs") : null };
}

/** @param {string} file */
function measureOurs(file) {
  const code = readFileSync(join(root, "dist", file));
  // The rows claim the file is all the JS a submission needs; say so loudly the day that stops being true.
  if (/\bimport\(|createElement\(["']script["']\)/.test(code.toString("utf8"))) {
    console.warn(`warning: dist/${file} loads more code at run time; its row no longer counts all of it`);
  }
  return sizes(code);
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

const { script: ours, module: oursModule } = buildOurs();
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
    { name: "feedloop widget (ours)", measured: "dist/widget.js as served, all JS for a submission", size: ours },
  ];
  if (oursModule) {
    ourRows.push({ name: "feedloop widget, module", measured: "dist/widget.mjs, not in the ratios", size: oursModule });
  }
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
  const ceiling = Math.floor(feedbackIncrement.gzip * goalRatio);
  const met = ours.gzip <= feedbackIncrement.gzip * goalRatio;
  console.log(
    `goal: ours ≤ 1/3 of Sentry's feedback integration (gzip, increment b − a): ${met ? "yes" : "no"} — ` +
      `ours ${bytesAndKib(ours.gzip)} ${met ? "≤" : ">"} 1/3 × ${bytesAndKib(feedbackIncrement.gzip)} = ` +
      `${bytesAndKib(ceiling)}; ours/peer = ${(ours.gzip / feedbackIncrement.gzip).toFixed(2)}`,
  );
} finally {
  await rm(outdir, { recursive: true, force: true });
}
