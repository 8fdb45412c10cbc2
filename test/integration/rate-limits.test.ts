/// <reference types="vite/client" />
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { checkEmployeeRateLimit, checkVisitorRateLimit, RATE_LIMITS } from "../../worker/abuse/rate-limit";
import wranglerToml from "../../wrangler.toml?raw";
import type { Site } from "../../schema/config";
import { admin, adminOk, countRows, expectError, postResponse, randomIp, seedSurvey, uid } from "./helpers";

const INTRANET = "https://intranet.example";
const SECRET = "a-long-random-secret-shared-with-the-intranet-server";
// One office: every employee behind the same egress IP, with the same managed browser build.
const OFFICE = {
  "cf-connecting-ip": "198.51.100.80",
  "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Corp/126",
};
const encoder = new TextEncoder();

const base64url = (data: ArrayBuffer | string) =>
  btoa(String.fromCharCode(...(typeof data === "string" ? encoder.encode(data) : new Uint8Array(data))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** A respondent token as the intranet's server makes it (README: "Intranet identity"). */
async function respondentToken(subject: string): Promise<string> {
  const body = base64url(
    JSON.stringify({ sub: subject, team: "support", role: "agent", exp: Math.floor(Date.now() / 1000) + 300 }),
  );
  const key = await crypto.subtle.importKey("raw", encoder.encode(SECRET), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return `${body}.${base64url(await crypto.subtle.sign("HMAC", key, encoder.encode(body)))}`;
}

type SiteSettings = { audience: "internal" | "external"; identity?: boolean; rateLimit?: string };

/** A site with one CSAT survey; internal sites may require a verified employee (respondent tokens). */
async function site({ audience, identity = false, rateLimit }: SiteSettings) {
  const origins = [audience === "internal" ? INTRANET : "https://shop.example"];
  const dimensions = audience === "internal" ? ["team", "role"] : [];
  const seeded = await seedSurvey({ kind: "csat" }, { audience, dimensions, origins });
  await adminOk("PUT", `/v1/sites/${seeded.site}`, {
    name: "Rate-limited",
    audience,
    origins,
    dimensions,
    ...(identity ? { identity: { verify: "token", secret: SECRET } } : {}),
    ...(rateLimit ? { rateLimit } : {}),
  });
  return { ...seeded, origin: origins[0]! };
}

type Target = Awaited<ReturnType<typeof site>>;
const answer = (target: Target, headers: Record<string, string>, respondent?: string) =>
  postResponse({ site: target.site, survey: target.survey, score: 4, respondent }, { origin: target.origin, headers });

/** Waits, if needed, until a rate-limit window of `periodSeconds` has at least `needSeconds` left. */
async function freshWindow(periodSeconds: number, needSeconds: number) {
  const intoWindow = Date.now() % (periodSeconds * 1000);
  if (intoWindow > (periodSeconds - needSeconds) * 1000)
    await new Promise((resolve) => setTimeout(resolve, periodSeconds * 1000 - intoWindow + 50));
}

describe("rate limits on an intranet", () => {
  it("lets 100 verified employees answer within a minute from one office IP and browser build", async () => {
    const target = await site({ audience: "internal", identity: true });
    // No window to wait for: 100 is five times the per-visitor limit, so no window split lets today's limit pass.
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++)
      statuses.push((await answer(target, OFFICE, await respondentToken(`employee-${uid("e")}`))).status);
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
    expect(await countRows("responses", "site_id = ?", target.site)).toBe(100);
  }, 90_000);

  it("still limits one verified employee who hammers, from whatever IP, without slowing colleagues", async () => {
    const target = await site({ audience: "internal", identity: true });
    const token = await respondentToken(`employee-${uid("e")}`);
    await freshWindow(60, 20);
    const statuses: number[] = [];
    // A new IP each time (postResponse's default): the key is the employee, not the network.
    for (let i = 0; i < 20; i++)
      statuses.push((await answer(target, { "cf-connecting-ip": randomIp() }, token)).status);
    // One ballot per survey and period: the first answer counts, the repeats are refused as already given.
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    const limited = await answer(target, OFFICE, token);
    await expectError(limited, 429, "rate_limited");
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(limited.headers.get("access-control-allow-origin")).toBe(INTRANET);
    expect((await answer(target, OFFICE, await respondentToken(`employee-${uid("e")}`))).status).toBe(201);
    expect(await countRows("responses", "site_id = ?", target.site)).toBe(2);
  }, 90_000);

  it("gives an internal site without identity a per-network ceiling instead of a per-visitor limit", async () => {
    const target = await site({ audience: "internal" });
    for (let i = 0; i < 40; i++) expect((await answer(target, OFFICE)).status).toBe(201);
    expect(await countRows("responses", "site_id = ?", target.site)).toBe(40);
  }, 90_000);
});

describe("what the limiter is given", () => {
  /** A stand-in binding that allows everything and keeps the keys it was asked about. */
  const recording = () => {
    const keys: string[] = [];
    const limit = async ({ key }: { key: string }) => {
      keys.push(key);
      return { success: true };
    };
    return { keys, binding: { limit } };
  };
  const from = (ip: string, userAgent: string) =>
    new Request("http://feedloop.test/v1/responses", { headers: { "cf-connecting-ip": ip, "user-agent": userAgent } });

  it("keys an internal site on the IP alone (network), a verified employee on their subject, all hashed", async () => {
    const network = recording();
    const visitor = recording();
    const limits = { ...env, RATE_LIMIT_NETWORK: network.binding, RATE_LIMIT_VISITOR: visitor.binding };
    const intranet = { id: uid("intranet"), audience: "internal" as const };
    await checkVisitorRateLimit(limits, env.DB, intranet, from("198.51.100.80", "Corp/126"));
    await checkVisitorRateLimit(limits, env.DB, intranet, from("198.51.100.80", "Other/1"));
    await checkVisitorRateLimit(limits, env.DB, intranet, from("198.51.100.81", "Corp/126"));
    expect(network.keys[0]).toBe(network.keys[1]);
    expect(network.keys[2]).not.toBe(network.keys[0]);
    await checkEmployeeRateLimit(limits, env.DB, intranet, "emp-4711");
    await checkEmployeeRateLimit(limits, env.DB, intranet, "emp-4711");
    await checkEmployeeRateLimit(limits, env.DB, intranet, "emp-4712");
    expect(visitor.keys).toHaveLength(3);
    expect(visitor.keys[0]).toBe(visitor.keys[1]);
    expect(visitor.keys[2]).not.toBe(visitor.keys[0]);
    for (const key of [...network.keys, ...visitor.keys]) {
      expect(key).toMatch(new RegExp(`^${intranet.id}:(network|employee):[0-9a-f]{32}$`));
      for (const secret of ["198.51.100", "Corp", "emp-47"]) expect(key).not.toContain(secret);
    }
  });
});

describe("rate limits of external sites and a site's own tier", () => {
  it("keeps 20 answers a minute per visitor (IP and user agent) on an external site", async () => {
    const target = await site({ audience: "external" });
    await freshWindow(60, 20);
    for (let i = 0; i < 20; i++) expect((await answer(target, OFFICE)).status).toBe(201);
    const limited = await answer(target, OFFICE);
    await expectError(limited, 429, "rate_limited");
    expect(limited.headers.get("retry-after")).toBe("60");
    expect((await answer(target, { ...OFFICE, "user-agent": "Other/2" })).status).toBe(201);
  }, 90_000);

  it("applies the tier a site chose: strict limits a visitor to 5 a minute, relaxed allows 60", async () => {
    const strict = await site({ audience: "external", rateLimit: "strict" });
    const relaxed = await site({ audience: "external", rateLimit: "relaxed" });
    expect((await adminOk<Site>("GET", `/v1/sites/${strict.site}`)).rateLimit).toBe("strict");
    await freshWindow(60, 30);
    for (let i = 0; i < 5; i++) expect((await answer(strict, OFFICE)).status).toBe(201);
    await expectError(await answer(strict, OFFICE), 429, "rate_limited");
    for (let i = 0; i < 30; i++) expect((await answer(relaxed, OFFICE)).status).toBe(201);
    expect(await countRows("responses", "site_id = ?", relaxed.site)).toBe(30);
  }, 90_000);

  it("keeps a site's tier when a PUT leaves it out (the dashboard's form does), and defaults to standard", async () => {
    const target = await site({ audience: "external", rateLimit: "relaxed" });
    const renamed = await adminOk<Site>("PUT", `/v1/sites/${target.site}`, {
      name: "Renamed",
      audience: "external",
      origins: [target.origin],
    });
    expect(renamed.rateLimit).toBe("relaxed");
    const fresh = await site({ audience: "external" });
    expect((await adminOk<Site>("GET", `/v1/sites/${fresh.site}`)).rateLimit).toBe("standard");
    const error = await expectError(
      await admin("PUT", `/v1/sites/${fresh.site}`, {
        name: "x",
        audience: "external",
        origins: [fresh.origin],
        rateLimit: 1000,
      }),
      422,
      "validation_failed",
    );
    expect(error.details![0]!.path).toBe("rateLimit");
  });
});

describe("the declared bindings", () => {
  // wrangler.toml fixes each binding's limit; the code's table (also the fallback's limits) must say the same.
  it("wrangler.toml declares exactly the bindings and limits of the code's table, and each is bound", () => {
    const declared = Object.fromEntries(
      [
        ...wranglerToml.matchAll(
          /\[\[ratelimits\]\]\s*name = "(\w+)"\s*namespace_id = "\d+"\s*simple = \{ limit = (\d+), period = (\d+) \}/g,
        ),
      ].map(([, name, limit, period]) => [name, { limit: Number(limit), periodSeconds: Number(period) }]),
    );
    expect(declared).toEqual(RATE_LIMITS);
    for (const name of Object.keys(RATE_LIMITS))
      expect((env as unknown as Record<string, unknown>)[name], name).toBeDefined();
  });
});
