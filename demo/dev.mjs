// `npm run dev`: build, migrate the local D1, start `wrangler dev`, seed the demo config, print where to look.
// Plain Node (>= 20) with no dependencies beyond the project's own wrangler.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SeedError, seedDemo } from "./seed.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const host = "127.0.0.1";
const port = Number(process.env.PORT || 8787);
const baseUrl = `http://${host}:${port}`;
const READY_TIMEOUT_MS = 90_000;

// This machine (and a newcomer's laptop on a train) may reach no Cloudflare host: everything wrangler would
// fetch on its own is switched off with its documented switches, unless the developer set them otherwise.
const wranglerEnv = {
  ...process.env,
  // Miniflare fetches https://workers.cloudflare.com/cf.json for `request.cf` and warns when it cannot;
  // "false" uses its built-in placeholder instead (Wrangler's system environment variables).
  CLOUDFLARE_CF_FETCH_ENABLED: process.env.CLOUDFLARE_CF_FETCH_ENABLED ?? "false",
  // Usage telemetry to sparrow.cloudflare.com. wrangler.toml says send_metrics = false too, but only the
  // variable also stops wrangler recording a global opt-in that prints a telemetry notice later.
  WRANGLER_SEND_METRICS: process.env.WRANGLER_SEND_METRICS ?? "false",
  // Crash reports (Sentry): never ask, never send.
  WRANGLER_SEND_ERROR_REPORTS: process.env.WRANGLER_SEND_ERROR_REPORTS ?? "false",
  // The start-up banner is where wrangler checks the npm registry for a newer version; we print our own.
  WRANGLER_HIDE_BANNER: process.env.WRANGLER_HIDE_BANNER ?? "true",
};

const say = (line = "") => console.log(line === "" ? "" : `[dev] ${line}`);

function fail(message) {
  console.error(`[dev] ${message}`);
  process.exit(1);
}

function run(label, command, args, env = process.env) {
  say(label);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) fail(`${label} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
}

/** Reads ADMIN_TOKEN from .dev.vars, creating the file (or adding the line) when it is not there. */
function adminToken() {
  const path = join(root, ".dev.vars");
  const token = randomBytes(32).toString("base64url"); // 43 URL-safe characters
  if (!existsSync(path)) {
    writeFileSync(path, `# Local secrets for wrangler dev (git-ignored). Created by npm run dev.\nADMIN_TOKEN=${token}\n`, { mode: 0o600 });
    return { token, note: "created just now in .dev.vars" };
  }
  const text = readFileSync(path, "utf8");
  const match = /^\s*(?:export\s+)?ADMIN_TOKEN\s*=\s*(.*?)\s*$/m.exec(text);
  const value = match?.[1].replace(/^(["'])(.*)\1$/, "$2");
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

async function waitUntilServing(wrangler) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (wrangler.exitCode !== null || wrangler.signalCode !== null) fail("wrangler dev stopped before it was ready");
    try {
      await fetch(`${baseUrl}/v1/sites`, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  throw new Error(`wrangler dev did not answer on ${baseUrl} within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Stops wrangler (and its workerd, which shares its process group) and resolves when it has exited. */
function stop(wrangler, signal = "SIGINT") {
  if (wrangler.exitCode !== null || wrangler.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => wrangler.once("exit", resolve));
  wrangler.kill(signal);
  const force = setTimeout(() => killGroup(wrangler), 5_000);
  return exited.then(() => clearTimeout(force));
}

function killGroup(wrangler) {
  try {
    if (process.platform === "win32") wrangler.kill("SIGKILL");
    else process.kill(-wrangler.pid, "SIGKILL");
  } catch {
    // the group is gone already
  }
}

function banner(token, tokenNote) {
  const wranglerVersion = JSON.parse(readFileSync(join(root, "node_modules", "wrangler", "package.json"), "utf8")).version;
  const auth = `-H "Authorization: Bearer ${token}"`;
  console.log(`
  feedloop is running on ${baseUrl}  (wrangler ${wranglerVersion}, local D1 in .wrangler/)

    Start here       ${baseUrl}/demo/
    External demo    ${baseUrl}/demo/shop.html       (site demo-shop, NPS)
    Internal demo    ${baseUrl}/demo/intranet.html   (site demo-intranet, CSAT)
    Widget           ${baseUrl}/widget.js

  Admin token: ${token}
    (${tokenNote}; send it as Authorization: Bearer)

  Read the aggregates:
    curl -s ${auth} "${baseUrl}/v1/aggregates?kind=nps&groupBy=site"
    curl -s ${auth} "${baseUrl}/v1/aggregates?survey=helpdesk&site=demo-intranet&groupBy=service"
    (the intranet's answers read {"suppressed":true} until 5 colleagues have answered: the
     anonymity rule for internal sites, minGroupSize in the site's configuration)

  Ctrl-C stops the server.
`);
}

async function main() {
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a port number, got ${process.env.PORT}`);
  if (!existsSync(wranglerBin)) fail("wrangler is not installed: run npm install first");

  await assertPortFree();
  run("building the widget and the demo pages (node widget/build.mjs)", process.execPath, ["widget/build.mjs"]);
  const { token, note } = adminToken();
  run("applying D1 migrations to the local database", process.execPath,
    [wranglerBin, "d1", "migrations", "apply", "DB", "--local"], { ...wranglerEnv, CI: "true" });

  say(`starting wrangler dev on ${baseUrl}`);
  // Its own process group, so a Ctrl-C reaches it once (from us) and the whole group can be stopped together.
  // --test-scheduled: the cron handler runs on GET /__scheduled instead of a warning that it won't run by itself.
  const args = ["dev", "--ip", host, "--port", String(port), "--test-scheduled"];
  const wrangler = spawn(process.execPath, [wranglerBin, ...args], {
    cwd: root,
    env: wranglerEnv,
    stdio: ["ignore", "inherit", "inherit"],
    detached: process.platform !== "win32", // Windows has no process groups (and detached opens a console)
  });
  let exitCode = null; // set when we stop wrangler on purpose; otherwise its own exit code is ours
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      exitCode ??= 0;
      stop(wrangler, signal);
    });
  }
  // Whatever ends this process (a crash included) ends wrangler too.
  process.on("exit", () => wrangler.exitCode === null && wrangler.signalCode === null && killGroup(wrangler));
  wrangler.on("exit", (code) => {
    killGroup(wrangler); // workerd can outlive wrangler by a moment; leave nothing behind
    process.exit(exitCode ?? code ?? 1);
  });

  try {
    await waitUntilServing(wrangler);
    const origins = [`http://${host}:${port}`, `http://localhost:${port}`];
    await seedDemo({ baseUrl, token, origins, log: (line) => say(`seed: ${line}`) });
  } catch (error) {
    if (exitCode !== null) return; // Ctrl-C while starting up: wrangler is already on its way out
    console.error(`[dev] ${error instanceof SeedError ? "seeding the demo config failed:" : "error:"}`);
    console.error(error instanceof SeedError ? error.message : error);
    exitCode = 1;
    await stop(wrangler); // its exit handler ends this process with exitCode
    return;
  }
  say("demo config is in place");
  banner(token, note);
}

await main();
