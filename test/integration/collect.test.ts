import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ResponseInput } from "../../schema/response";
import { collectAnswer, idempotencyKeyOf } from "../../worker/collect";
import { ApiError } from "../../worker/errors";
import { countRows, ORIGIN, randomIp, seedSurvey } from "./helpers";

/** Collection as plain functions (worker/collect), called without going through HTTP. */
const request = (origin: string | null) =>
  new Request("http://feedloop.test/v1/responses", {
    method: "POST",
    headers: { "cf-connecting-ip": randomIp(), ...(origin ? { origin } : {}) },
  });

async function collect(
  body: Record<string, unknown>,
  origin: string | null = ORIGIN,
  idempotencyKey: string | null = null,
) {
  const allowed: string[] = [];
  const collected = await collectAnswer(
    env,
    { input: ResponseInput.parse(body), idempotencyKey, request: request(origin) },
    (o) => allowed.push(o),
  );
  return { ...collected, allowed };
}

describe("collectAnswer", () => {
  it("stores an answer, lets the site's origin read it, and replays a repeat of its key", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const key = crypto.randomUUID();
    const first = await collect({ site, survey, score: 9 }, ORIGIN, key);
    expect(first).toMatchObject({ replayed: false, allowed: [ORIGIN] });
    expect(await countRows("responses", "id = ?", first.created.id)).toBe(1);
    const again = await collect({ site, survey, score: 9 }, ORIGIN, key);
    expect(again).toMatchObject({ replayed: true, created: first.created });
    await expect(collect({ site, survey, score: 3 }, ORIGIN, key)).rejects.toMatchObject({
      status: 422,
      code: "idempotency_conflict",
    });
  });

  it("answers the honeypot like an answer and keeps nothing", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { created, replayed } = await collect({ site, survey, score: 9, website: "http://spam.example" });
    expect(replayed).toBe(false);
    expect(await countRows("responses", "id = ? OR site_id = ?", created.id, site)).toBe(0);
  });

  it("refuses an origin the site does not list, letting no origin read the answer", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const allowed: string[] = [];
    const refused = collectAnswer(
      env,
      {
        input: ResponseInput.parse({ site, survey, score: 9 }),
        idempotencyKey: null,
        request: request("https://elsewhere.example"),
      },
      (o) => allowed.push(o),
    );
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ status: 403, code: "origin_not_allowed" });
    expect(allowed).toEqual([]);
    expect(await countRows("responses", "site_id = ?", site)).toBe(0);
  });
});

describe("idempotencyKeyOf", () => {
  it("takes the body's key first, lower-cased, and refuses a header that is not a UUID", () => {
    const key = "0B5C6A3E-7D7A-4E0B-9C1A-2F4D8E6B1A2C";
    expect(idempotencyKeyOf(key, "ignored")).toBe(key.toLowerCase());
    expect(idempotencyKeyOf(null, key)).toBe(key.toLowerCase());
    expect(idempotencyKeyOf(undefined, undefined)).toBeNull();
    expect(() => idempotencyKeyOf(null, "not-a-uuid")).toThrow(ApiError);
  });
});
