// `npm run dev`: build, migrate the local D1, write the sample history on a first run, start `wrangler dev`,
// seed the demo config, print where to look. Plain Node (>= 20) with no dependencies beyond the project's own wrangler.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { applyMigrations, hasWrangler, root, startWranglerDev } from "../harness/wrangler.mjs";
import { devAssets, prepareDevAssets } from "./dev-assets.mjs";
import { describeSample, seedSampleData } from "./sample-data.mjs";
import { SeedError, seedActions, seedDemo } from "./seed.mjs";

const host = "127.0.0.1";
const port = Number(process.env.PORT || 8787);
const baseUrl = `http://${host}:${port}`;

const say = (line = "") => console.log(line === "" ? "" : `[dev] ${line}`);

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`[dev] ${message}`);
  process.exit(1);
}

/**
 * @param {string} label
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
function run(label, command, args, env = process.env) {
  say(label);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0)
    fail(`${label} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
}

/** Reads ADMIN_TOKEN from .dev.vars, creating the file (or adding the line) when it is not there. */
function adminToken() {
  const path = join(root, ".dev.vars");
  const token = randomBytes(32).toString("base64url"); // 43 URL-safe characters (the Worker needs 32 or more)
  if (!existsSync(path)) {
    // A copy of .dev.vars.example with a fresh token: the same variables, so wrangler dev's check of
    // worker-configuration.d.ts (generated from the example) finds it current and says nothing.
    const example = readFileSync(join(root, ".dev.vars.example"), "utf8");
    const vars = example.replace(/^ADMIN_TOKEN=.*$/m, `ADMIN_TOKEN=${token}`);
    writeFileSync(path, `# Created by npm run dev from .dev.vars.example (git-ignored).\n${vars}`, { mode: 0o600 });
    return { token, note: "created just now in .dev.vars" };
  }
  const text = readFileSync(path, "utf8");
  const match = /^\s*(?:export\s+)?ADMIN_TOKEN\s*=\s*(.*?)\s*$/m.exec(text);
  const value = match?.[1].replace(/^(["'])(.*)\1$/, "$2");
  // The Worker turns admin endpoints off (503) below 32 characters (worker/admin-auth/): seeding would fail.
  if (value && value.length < 32)
    fail(
      `ADMIN_TOKEN in .dev.vars is ${value.length} characters; admin endpoints need at least 32. ` +
        "Replace it (e.g. with the output of `openssl rand -hex 32`), or delete the line to have one generated.",
    );
  if (value) return { token: value, note: "from .dev.vars" };
  appendFileSync(path, `${text === "" || text.endsWith("\n") ? "" : "\n"}ADMIN_TOKEN=${token}\n`);
  return { token, note: "added just now to your .dev.vars (it had none)" };
}

function assertPortFree() {
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", () => fail(`${host}:${port} is already in use (another npm run dev?). Stop it or set PORT=...`))
      .listen(port, host, () => probe.close(resolve));
  });
}

/**
 * @param {string} token
 * @param {string} tokenNote where the token came from
 */
function banner(token, tokenNote) {
  const wranglerVersion = JSON.parse(
    readFileSync(join(root, "node_modules", "wrangler", "package.json"), "utf8"),
  ).version;
  const auth = `-H "Authorization: Bearer ${token}"`;
  console.log(`
  feedloop is running on ${baseUrl}  (wrangler ${wranglerVersion}, local D1 in .wrangler/)

    Dashboard        ${baseUrl}/admin/                (sign in with the admin token below)
    API reference    ${baseUrl}/docs/
    Start here       ${baseUrl}/demo/
    External demo    ${baseUrl}/demo/shop.html       (site demo-shop, NPS)
    Internal demo    ${baseUrl}/demo/intranet.html   (site demo-intranet, CSAT)
    Widget           ${baseUrl}/widget.js

  Admin token: ${token}
    (${tokenNote}; send it as Authorization: Bearer)

  Read the aggregates:
    curl -s ${auth} "${baseUrl}/v1/aggregates?kind=nps&groupBy=site"
    curl -s ${auth} "${baseUrl}/v1/aggregates?survey=helpdesk&site=demo-intranet&groupBy=segment.team"
    (employees' answers appear once their week has closed, in groups of at least 5: a small team
     reads "*", several teams together; README, "Employees' anonymity")

  Ctrl-C stops the server.
`);
}

/**
 * On a first run (no demo site has a response yet), about 60 days of sample answers, so the dashboard
 * has something to show. Before wrangler dev starts: the two must not write the same database at once.
 * A failure here costs the sample, not the server.
 */
async function sampleHistory() {
  try {
    const summary = await seedSampleData({ pageOrigin: baseUrl });
    if (summary) say(`sample data: wrote ${describeSample(summary)}, since the demo sites had none yet`);
    return summary;
  } catch (error) {
    say(`sample data: not written (${error instanceof Error ? error.message : error}); the server starts without it`);
    return null;
  }
}

async function main() {
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a port number, got ${process.env.PORT}`);
  if (!hasWrangler()) fail("wrangler is not installed: run npm install first");

  await assertPortFree();
  run("building the widget (node widget/build.mjs)", process.execPath, ["widget/build.mjs"]);
  run("building the dashboard (node dashboard/build.mjs)", process.execPath, ["dashboard/build.mjs"]);
  run("building the API reference (node reference/build.mjs)", process.execPath, ["reference/build.mjs"]);
  say(`serving dist/ and ${await prepareDevAssets()} demo file(s) from .wrangler/dev-assets/ (dev-assets.mjs)`);
  const { token, note } = adminToken();
  // wrangler prints a table per migration (hundreds of lines on a first run): a line says what it did instead,
  // and a failure shows wrangler's last lines.
  const applied = await applyMigrations().catch((error) => fail(error.message));
  say(
    applied.length === 0
      ? "the local D1 database is up to date (schema/migrations/)"
      : `applied ${applied.length} D1 migration(s) to the local database: ${applied[0]} … ${applied.at(-1)}`,
  );
  const sample = await sampleHistory();

  say(`starting wrangler dev on ${baseUrl}`);
  // Ctrl-C (or a kill) stops wrangler, even while it starts, and then this process with 0.
  const interrupted = new AbortController();
  // --test-scheduled: the cron handler runs on GET /__scheduled instead of a warning that it won't run by itself.
  // --assets: dist/ plus the demo pages, which a deploy does not upload (dev-assets.mjs).
  const starting = startWranglerDev({
    host,
    port,
    args: ["--test-scheduled", "--assets", devAssets],
    output: "inherit",
    signal: interrupted.signal,
  });
  let shuttingDown = false;
  /**
   * @param {number} code
   * @param {NodeJS.Signals} [signal]
   */
  const shutdown = async (code, signal) => {
    if (shuttingDown) return;
    shuttingDown = true;
    interrupted.abort();
    await (await starting.catch(() => null))?.stop(signal);
    process.exit(code);
  };
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) process.on(signal, () => shutdown(0, signal));

  let wrangler;
  try {
    wrangler = await starting;
  } catch (error) {
    if (shuttingDown) return;
    fail(/** @type {Error} */ (error).message); // the harness has stopped it already
  }
  // A wrangler that ends by itself (a crash) ends this process with its exit code.
  wrangler.exited.then((code) => shuttingDown || process.exit(code ?? 1));
  try {
    const origins = [`http://${host}:${port}`, `http://localhost:${port}`];
    await seedDemo({ baseUrl, token, origins, log: (line) => say(`seed: ${line}`) });
    // The sample's actions go with the sample: dated from when it was written, after the services exist.
    if (sample) await seedActions({ baseUrl, token, actions: sample.actions, log: (line) => say(`seed: ${line}`) });
  } catch (error) {
    console.error(`[dev] ${error instanceof SeedError ? "seeding the demo config failed:" : "error:"}`);
    console.error(error instanceof SeedError ? error.message : error);
    await shutdown(1);
    return;
  }
  say("demo config is in place");
  banner(token, note);
}

await main();
