import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { offlineEnv } from "../../harness/offline-env.mjs";
import { freePort, root, startWranglerDev } from "../../harness/wrangler.mjs";

/**
 * What harness/ promises its callers, on the smallest Worker there is (bench/ceiling, whose GET answers
 * without D1): it resolves once the Worker serves, and stop() leaves no process of the group behind.
 */
const ceiling = join(root, "bench", "ceiling", "wrangler.toml");
const persistTo = mkdtempSync(join(tmpdir(), "feedloop-harness-"));
afterAll(() => rmSync(persistTo, { recursive: true, force: true }));

/** Signal 0 to a process group: ESRCH once none of it is left. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the offline environment", () => {
  it("switches off what wrangler fetches, unless the developer set a switch", () => {
    const mine = { metrics: process.env.WRANGLER_SEND_METRICS, cf: process.env.CLOUDFLARE_CF_FETCH_ENABLED };
    process.env.WRANGLER_SEND_METRICS = "true";
    delete process.env.CLOUDFLARE_CF_FETCH_ENABLED;
    try {
      const env = offlineEnv({ CI: "true" });
      expect(env).toMatchObject({ WRANGLER_SEND_METRICS: "true", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true" });
    } finally {
      restore("WRANGLER_SEND_METRICS", mine.metrics);
      restore("CLOUDFLARE_CF_FETCH_ENABLED", mine.cf);
    }
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

describe.skipIf(process.platform === "win32")("startWranglerDev", () => {
  it("resolves once the Worker answers, and stop() ends wrangler with every process it started", async () => {
    const options = { config: ceiling, persistTo, ready: { path: "/", statuses: [200] } };
    const worker = await startWranglerDev({ port: await freePort(), inspectorPort: await freePort(), ...options });
    const answer = await fetch(worker.url);
    expect(await answer.text()).toBe("ceiling\n");
    expect(groupAlive(worker.pid)).toBe(true);
    await worker.stop();
    expect(groupAlive(worker.pid)).toBe(false);
    await worker.exited; // resolved, not left hanging
  }, 120_000);

  it("rejects with what wrangler printed when it stops before it serves", async () => {
    const missing = join(persistTo, "no-such-wrangler.toml");
    const start = startWranglerDev({ port: await freePort(), config: missing, persistTo });
    await expect(start).rejects.toThrow(/stopped before it was ready:\n[\s\S]*no-such-wrangler\.toml/);
  }, 60_000);
});
