// `wrangler dev` serving the Worker, started in a process group of its own (process-group.mjs) and awaited
// until it answers; stopped as a whole by `stop()`, and by this process's exit whatever the cause.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createServer } from "node:net";
import { assertWrangler, offlineEnv, root, wranglerBin } from "./offline-env.mjs";
import { OutputTail } from "./output-tail.mjs";
import { detached, hasExited, signalGroup, stopGroup } from "./process-group.mjs";
import { waitUntilReady } from "./wrangler-ready.mjs";

/**
 * @typedef {object} DevOptions
 * @property {number} port
 * @property {number} [inspectorPort] wrangler's own choice when absent (9229 if it is free, for a debugger)
 * @property {string} [host] 127.0.0.1 by default
 * @property {string} [persistTo] wrangler's --persist-to; without it, its default .wrangler/state
 * @property {string} [config] another wrangler config than the repository's wrangler.toml
 * @property {Record<string, string>} [vars] --var NAME:VALUE pairs
 * @property {string[]} [args] more arguments for wrangler dev
 * @property {"capture" | "inherit"} [output] capture (the default) keeps the last lines for errors, and prints
 *   them if wrangler dies by itself; inherit prints everything as it comes, for a developer's terminal
 * @property {string} [logFile] with capture: all of wrangler's output goes to this file too
 * @property {import("./wrangler-ready.mjs").Readiness} [ready] what answers once the Worker serves
 * @property {AbortSignal} [signal] stops a start under way (a Ctrl-C while wrangler starts)
 */

/**
 * @typedef {object} WranglerDev
 * @property {string} url
 * @property {number} pid wrangler's, which leads the group of all it starts (workerd, esbuild)
 * @property {Promise<number | null>} exited wrangler's exit code, once it has exited for whatever reason
 * @property {(signal?: NodeJS.Signals) => Promise<void>} stop resolves once no process of the group is left
 */

/**
 * Starts `wrangler dev` and resolves once it serves (see wrangler-ready.mjs); rejects, having stopped it, if it
 * does not.
 * @param {DevOptions} options
 * @returns {Promise<WranglerDev>}
 */
export async function startWranglerDev(options) {
  assertWrangler();
  const { host = "127.0.0.1", port, output = "capture", signal } = options;
  const url = `http://${host}:${port}`;
  const stdio = output === "inherit" ? "inherit" : "pipe";
  // No CI=true here, unlike one-shot commands: it would turn off wrangler's colours in a developer's terminal.
  // wrangler dev asks nothing anyway: its stdin is not a terminal.
  const child = spawn(process.execPath, [wranglerBin, ...devArgs(options)], {
    cwd: root,
    env: offlineEnv(),
    stdio: ["ignore", stdio, stdio],
    detached,
  });
  const tail = new OutputTail();
  const log = options.logFile ? createWriteStream(options.logFile) : null;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on("data", (/** @type {Buffer} */ chunk) => {
      tail.add(chunk);
      log?.write(chunk);
    });
  }
  let serving = false;
  let stopping = false;
  // Set when Node could not start it at all: there is no exit then.
  const failed = /** @type {{ error?: Error }} */ ({});
  child.once("error", (error) => (failed.error = error));
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => {
    child.once("exit", (code, exitSignal) => {
      if (serving && !stopping && output === "capture") {
        console.error(`[harness] wrangler dev on ${url} exited by itself (${code ?? exitSignal})${tail.suffix()}`);
      }
      resolve(code);
    });
  });

  // Whatever ends this process without a stop() (a crash, process.exit, even mid-start) ends the group too.
  // `exit` handlers must be synchronous, so it gets SIGKILL at once, before later handlers remove its files.
  const killNow = () => signalGroup(child, "SIGKILL");
  process.prependListener("exit", killNow);
  /** @type {Promise<void> | undefined} */
  let stopped;
  const stop = (/** @type {NodeJS.Signals} */ stopSignal = "SIGINT") => {
    stopping = true;
    stopped ??= stopGroup(child, stopSignal).then(() => {
      process.off("exit", killNow);
      log?.end();
    });
    return stopped;
  };

  try {
    const stoppedEarly = () => failed.error !== undefined || hasExited(child);
    await waitUntilReady({ url, ready: options.ready, signal, hasExited: stoppedEarly });
  } catch (error) {
    await stop();
    const why = failed.error?.message ?? (error instanceof Error ? error.message : String(error));
    throw new Error(`wrangler dev on ${url}: ${why}${tail.suffix()}`, { cause: error });
  }
  serving = true;
  return { url, pid: child.pid ?? 0, exited, stop };
}

/** @param {DevOptions} options */
function devArgs({ host = "127.0.0.1", port, inspectorPort, persistTo, config, vars = {}, args = [] }) {
  return [
    "dev",
    "--ip",
    host,
    "--port",
    String(port),
    ...(inspectorPort ? ["--inspector-port", String(inspectorPort)] : []),
    ...(config ? ["--config", config] : []),
    ...(persistTo ? ["--persist-to", persistTo] : []),
    ...Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
    // Its hotkeys read a terminal's stdin, which it never has here.
    "--show-interactive-dev-session=false",
    ...args,
  ];
}

/**
 * A port that was free a moment ago, for wrangler dev, which cannot be asked to bind port 0 and say which
 * port it got. Servers of our own listen on port 0 instead, which has no such race.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = address && typeof address === "object" ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("the system gave no free port"))));
    });
  });
}
