import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { recordResponse } from "../contract/recorder";
import { setClock } from "./clock";
import { BASE, countRows, expectError, seedSurvey } from "./helpers";

// Issue 13, item 4: a short ADMIN_TOKEN turns admin endpoints off (503); wrong tokens are limited per IP.
const TOKEN = "test-admin-token-0123456789abcdef";

/** A request to the Worker with `bindings` in place of the test's own (checked against /openapi.json too). */
async function call(path: string, init: RequestInit, bindings: typeof env = env): Promise<Response> {
  const request = new Request(`${BASE}${path}`, init);
  return recordResponse(request.clone(), await worker.fetch(request, bindings, createExecutionContext()));
}

const signIn = (ip: string, token = TOKEN, extra: Record<string, string> = {}) =>
  call("/v1/sites", { headers: { authorization: `Bearer ${token}`, "cf-connecting-ip": ip, ...extra } });

/** Waits, if needed, until a limiter window of 60 s has at least `needSeconds` left (miniflare's are fixed). */
async function freshMinute(needSeconds: number) {
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > (60 - needSeconds) * 1000)
    await new Promise((resolve) => setTimeout(resolve, 60_000 - intoWindow + 50));
}

describe("a short ADMIN_TOKEN", () => {
  const weak = { ...env, ADMIN_TOKEN: "test-admin-token" };

  it("turns every admin endpoint off with 503 unavailable, saying how to fix it", async () => {
    const attempts: [string, RequestInit][] = [
      ["/v1/sites", { headers: { authorization: "Bearer test-admin-token" } }],
      ["/v1/keys", { headers: { authorization: "Bearer fl_0123456789abcdefghijklmnopqrstuv" } }],
      ["/v1/aggregates?kind=nps", {}],
      ["/v1/services/payroll", { method: "PUT", headers: { authorization: "Bearer test-admin-token" } }],
    ];
    for (const [path, init] of attempts) {
      const error = await expectError(await call(path, init, weak), 503, "unavailable");
      expect(error.message).toContain("at least 32");
      expect(error.message).toContain("openssl rand -hex 32");
      expect(error.message).not.toContain("test-admin-token");
    }
  });

  it("leaves the public endpoints working: widget config, answers, follow-ups", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    expect((await call(`/v1/widget/${site}/${survey}`, {}, weak)).status).toBe(200);
    const answered = await call(
      "/v1/responses",
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: "https://shop.example",
          "cf-connecting-ip": "192.0.2.40",
        },
        body: JSON.stringify({ site, survey, score: 9 }),
      },
      weak,
    );
    expect(answered.status).toBe(201);
    const { followUp } = (await answered.json()) as { followUp: string };
    expect((await call("/v1/followup", { headers: { "x-follow-up-token": followUp } }, weak)).status).toBe(200);
    expect(await countRows("responses", "site_id = ?", site)).toBe(1);
  });
});

describe("wrong admin tokens from one IP", () => {
  it("get 401 nine times; the 10th locks the IP out, right token included (429, Retry-After)", async () => {
    const ip = "203.0.113.141";
    await freshMinute(20);
    // Right tokens never count, however many.
    for (let i = 0; i < 30; i++) expect((await signIn(ip)).status).toBe(200);
    for (let i = 0; i < 9; i++)
      await expectError(await signIn(ip, i % 2 ? "fl_wrongkey" : `wrong-${i}`), 401, "unauthorized");
    const tenth = await signIn(ip, "wrong-9");
    await expectError(tenth, 429, "rate_limited");
    expect(tenth.headers.get("retry-after")).toBe("60");
    const right = await signIn(ip);
    const error = await expectError(right, 429, "rate_limited");
    expect(error.message).toContain("whatever the token");
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(right.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    // Another IP is not affected, and has its own budget.
    expect((await signIn("203.0.113.142")).status).toBe(200);
    await expectError(await signIn("203.0.113.142", "wrong"), 401, "unauthorized");
    // Once the period has passed, the right token works again.
    setClock(Date.now() + 61_000);
    expect((await signIn(ip)).status).toBe(200);
  }, 90_000);

  it("cannot lock out another IP: only CF-Connecting-IP counts, not a header the client writes", async () => {
    await freshMinute(20);
    for (let i = 0; i < 12; i++)
      await signIn("198.51.100.143", `wrong-${i}`, {
        "x-forwarded-for": "198.51.100.144",
        "x-real-ip": "198.51.100.144",
      });
    expect((await signIn("198.51.100.143")).status).toBe(429);
    expect((await signIn("198.51.100.144")).status).toBe(200);
  }, 90_000);

  it("counts an IPv6 /64 as one client, so rotating addresses inside it does not reset the count", async () => {
    await freshMinute(20);
    for (let i = 0; i < 10; i++) await signIn(`2001:db8:145:1::${(i + 1).toString(16)}`, `wrong-${i}`);
    expect((await signIn("2001:db8:145:1:ffff::1")).status).toBe(429);
    expect((await signIn("2001:db8:145:2::1")).status).toBe(200);
  }, 90_000);

  it("never hands the token or the IP to the limiter, D1 or a log", async () => {
    const keys: string[] = [];
    const logged: string[] = [];
    const spy = {
      ...env,
      RATE_LIMIT_ADMIN_AUTH: {
        limit: (options: { key: string }) => {
          keys.push(options.key);
          return env.RATE_LIMIT_ADMIN_AUTH.limit(options);
        },
      },
    } as typeof env;
    const original = { log: console.log, warn: console.warn, error: console.error, info: console.info };
    for (const level of ["log", "warn", "error", "info"] as const)
      console[level] = (...args: unknown[]) => logged.push(args.map(String).join(" "));
    try {
      await freshMinute(20);
      for (let i = 0; i < 11; i++)
        await call(
          "/v1/sites",
          { headers: { authorization: `Bearer secret-guess-${i}`, "cf-connecting-ip": "192.0.2.146" } },
          spy,
        );
    } finally {
      Object.assign(console, original);
    }
    expect(keys).toHaveLength(10);
    const stored = JSON.stringify(await env.DB.prepare("SELECT * FROM admin_lockouts").all());
    for (const text of [...keys, ...logged, stored]) {
      expect(text).not.toContain("secret-guess");
      expect(text).not.toContain("192.0.2.146");
    }
  }, 90_000);
});
