import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;

// The same switches as demo/dev.mjs: wrangler must reach no Cloudflare host (no network here or in CI).
const wranglerEnv = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CI: "true",
};

/** The last lines wrangler printed, shown when it fails to start or dies during the run. */
class OutputTail {
  private lines: string[] = [];
  add(chunk: Buffer): void {
    this.lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    this.lines = this.lines.slice(-80);
  }
  toString(): string {
    return this.lines.join("\n");
  }
}

function runToEnd(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const output = new OutputTail();
    const child = spawn(process.execPath, [wranglerBin, ...args], { cwd: root, env: wranglerEnv, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => output.add(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.add(chunk));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`wrangler ${args.join(" ")} exited ${code}:\n${output}`))));
  });
}

export function applyMigrations(persistDir: string): Promise<void> {
  return runToEnd(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir]);
}

export type WranglerDev = { url: string; stop(): Promise<void> };

type Options = { port: number; inspectorPort: number; persistDir: string; adminToken: string };

/**
 * Starts `wrangler dev` in its own process group: wrangler, its esbuild and its workerd processes are
 * all in that group, so stopping the group leaves nothing behind.
 */
export async function startWranglerDev({ port, inspectorPort, persistDir, adminToken }: Options): Promise<WranglerDev> {
  const url = `http://127.0.0.1:${port}`;
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort),
    "--persist-to", persistDir, "--var", `ADMIN_TOKEN:${adminToken}`, "--show-interactive-dev-session=false"];
  const output = new OutputTail();
  const child = spawn(process.execPath, [wranglerBin, ...args], { cwd: root, env: wranglerEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout!.on("data", (chunk: Buffer) => output.add(chunk));
  child.stderr!.on("data", (chunk: Buffer) => output.add(chunk));
  let stopping = false;
  child.once("exit", (code, signal) => {
    if (!stopping) console.error(`[browser tests] wrangler dev exited early (${code ?? signal}):\n${output}`);
  });

  // Whatever ends vitest without a teardown (a crash, Ctrl-C, even mid-start) ends the group too;
  // `exit` handlers must be synchronous, so it gets SIGKILL at once, before other handlers remove its files.
  const killNow = () => signalGroup(child, "SIGKILL");
  process.prependOnceListener("exit", killNow);
  const stop = async () => {
    stopping = true;
    signalGroup(child, "SIGTERM");
    if (!(await groupGone(child, STOP_GRACE_MS))) {
      signalGroup(child, "SIGKILL");
      await groupGone(child, STOP_GRACE_MS);
    }
    process.off("exit", killNow);
  };
  try {
    await waitUntilReady(child, url, adminToken, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function waitUntilReady(child: ChildProcess, url: string, adminToken: string, output: OutputTail): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`wrangler dev stopped before it was ready:\n${output}`);
    try {
      // Both the Worker (an admin route with D1 behind it) and the static assets (dist/widget.js).
      const api = await fetch(`${url}/v1/sites`, { headers: { authorization: `Bearer ${adminToken}` }, signal: AbortSignal.timeout(5_000) });
      const widget = await fetch(`${url}/widget.js`, { signal: AbortSignal.timeout(5_000) });
      if (api.ok && widget.ok) return;
      if (api.status === 401) throw new Error("wrangler dev does not accept the --var ADMIN_TOKEN (a .dev.vars overriding it?)");
      if (widget.status === 404) throw new Error("wrangler dev serves no /widget.js: build dist/ first (npm run build)");
    } catch (error) {
      if (error instanceof Error && !/fetch failed|aborted|timeout/i.test(error.message)) throw new Error(`${error.message}\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`wrangler dev did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // the group is gone already
  }
}

/** Signal 0 to a group fails with ESRCH once no process of it is left (workerd can outlive wrangler briefly). */
async function groupGone(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(-child.pid!, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
