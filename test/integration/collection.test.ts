import { describe, expect, it } from "vitest";
import { api, countRows, expectError, ORIGIN, postResponse, seedSurvey } from "./helpers";

const KINDS = {
  nps: { valid: [0, 5, 10], invalid: [-1, 11, 7.5] },
  csat: { valid: [1, 3, 5], invalid: [0, 6, 4.2] },
  ces: { valid: [1, 4, 7], invalid: [0, 8, 1.5] },
  thumbs: { valid: [0, 1], invalid: [-1, 2, 0.5] },
} as const;

describe("POST /v1/responses: scores per kind", () => {
  for (const [kind, { valid, invalid }] of Object.entries(KINDS)) {
    it(`${kind}: accepts ${valid.join(", ")} and refuses ${invalid.join(", ")} and a missing score`, async () => {
      const { site, survey } = await seedSurvey({ kind });
      for (const score of valid) {
        const response = await postResponse({ site, survey, score });
        expect(response.status, `score ${score}`).toBe(201);
        const body = (await response.json()) as { id: string; followUp: string };
        expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(body.followUp.length).toBeGreaterThanOrEqual(32);
      }
      for (const score of [...invalid, undefined, "5"]) {
        const error = await expectError(await postResponse({ site, survey, score }), 422, "validation_failed");
        expect(error.details!.map((d) => d.path)).toContain("score");
      }
      expect(await countRows("responses", "site_id = ?", site)).toBe(valid.length);
    });
  }

  it("text: takes a comment and no score", async () => {
    const { site, survey } = await seedSurvey({ kind: "text" });
    expect((await postResponse({ site, survey, comment: "The search is slow" })).status).toBe(201);
    const missing = await expectError(await postResponse({ site, survey }), 422, "validation_failed");
    expect(missing.details).toEqual([{ path: "comment", message: "required for text surveys" }]);
    const blank = await expectError(await postResponse({ site, survey, comment: "   " }), 422, "validation_failed");
    expect(blank.details![0]!.path).toBe("comment");
    const scored = await expectError(
      await postResponse({ site, survey, score: 3, comment: "x" }),
      422,
      "validation_failed",
    );
    expect(scored.details![0]!.path).toBe("score");
    expect(await countRows("responses", "site_id = ?", site)).toBe(1);
  });
});

describe("POST /v1/responses: every 422 of the contract stores nothing", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["comment over 4096 characters", { comment: "a".repeat(4097) }, "comment"],
    ["comment over 4096 characters after NFC", { comment: "\u00e9".repeat(4097) }, "comment"],
    ["service not in the survey's list", { service: "payroll" }, "service"],
    ["unknown service", { service: "no-such-service" }, "service"],
    ["segment key not among the site's dimensions", { segment: { shoeSize: "42" } }, "segment.shoeSize"],
    ["segment value over 64 characters", { segment: { plan: "p".repeat(65) } }, "segment.plan"],
    ["topic not in the survey's topics", { topic: "gossip" }, "topic"],
    ["control characters in a comment", { comment: "hello\u0007world" }, "comment"],
    ["control characters in a segment value", { segment: { plan: "pro\u0000" } }, "segment.plan"],
    ["a field the contract does not know", { color: "red" }, ""],
    ["an id that is not a slug", { survey: "Bad Survey" }, "survey"],
  ];
  for (const [name, patch, path] of cases) {
    it(name, async () => {
      const { site, survey } = await seedSurvey(
        { kind: "nps", services: ["checkout"], topics: ["complaint"] },
        { dimensions: ["plan"] },
      );
      const error = await expectError(
        await postResponse({ site, survey, score: 9, ...patch }),
        422,
        "validation_failed",
      );
      expect(
        error.details!.some((d) => d.path === path),
        JSON.stringify(error.details),
      ).toBe(true);
      expect(await countRows("responses", "site_id = ?", site)).toBe(0);
      expect(await countRows("rollups", "site_id = ?", site)).toBe(0);
    });
  }

  it("accepts edge values: 4096 characters after NFC, a 64-character segment value, tabs and newlines", async () => {
    const { site, survey } = await seedSurvey(
      { kind: "nps", services: ["checkout"], topics: ["complaint"] },
      { dimensions: ["plan"] },
    );
    // 4096 decomposed "é" (e + combining acute) are 8192 code units before NFC and 4096 after.
    const response = await postResponse({
      site,
      survey,
      score: 9,
      comment: "e\u0301".repeat(4096),
      segment: { plan: "p".repeat(64) },
      service: "checkout",
      topic: "complaint",
    });
    expect(response.status).toBe(201);
    expect((await postResponse({ site, survey, score: 9, comment: "line one\r\n\tline two" })).status).toBe(201);
  });

  it("reports every problem of a body at once", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps", topics: ["complaint"] });
    const error = await expectError(
      await postResponse({ site, survey, score: 42, topic: "gossip", segment: { team: "x" } }),
      422,
      "validation_failed",
    );
    expect(error.details!.map((d) => d.path).sort()).toEqual(["score", "segment.team", "topic"]);
  });

  // The domain (domain/ingest.ts) finds the problems; collect/ answers them as ever, byte for byte.
  it("answers what the survey and the site cannot take with the bytes it always has", async () => {
    const { site, survey } = await seedSurvey({ kind: "text", topics: ["complaint"] });
    const answer = {
      site,
      survey,
      score: 3,
      service: "checkout",
      topic: "gossip",
      segment: { team: "x" },
      page: "ftp://files.example/a",
    };
    const response = await postResponse(answer);
    expect(response.status).toBe(422);
    const details = [
      { path: "score", message: "text surveys take no score" },
      { path: "comment", message: "required for text surveys" },
      { path: "service", message: "this survey rates no service" },
      { path: "topic", message: "must be one of complaint" },
      { path: "segment.team", message: "this site takes no segment" },
      { path: "page", message: "must be an http(s) URL" },
    ];
    const message = details.map((problem) => `${problem.path}: ${problem.message}`).join("; ");
    expect(await response.text()).toBe(JSON.stringify({ error: { code: "validation_failed", message, details } }));
  });

  it("refuses a body that is not JSON (400) or not JSON-typed (415)", async () => {
    const { site } = await seedSurvey({ kind: "nps" });
    await expectError(await postResponse(`{"site":"${site}",`), 400, "invalid_json");
    const form = await api("/v1/responses", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
      body: "a=b",
    });
    await expectError(form, 415, "unsupported_media_type");
  });
});

describe("POST /v1/responses: sites, surveys and origins", () => {
  it("404 for an unknown site, an unknown survey and an inactive survey", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    await expectError(await postResponse({ site: "no-such-site", survey, score: 5 }), 404, "not_found");
    await expectError(await postResponse({ site, survey: "no-such-survey", score: 5 }), 404, "not_found");
    const inactive = await seedSurvey({ kind: "nps", active: false });
    await expectError(await postResponse({ ...inactive, score: 5 }), 404, "not_found");
    expect(await countRows("responses", "site_id IN (?, ?)", site, inactive.site)).toBe(0);
  });

  it("403 origin_not_allowed, with nothing stored, for another origin or none", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    for (const origin of ["https://evil.example", "https://shop.example.evil.example", null]) {
      const response = await postResponse({ site, survey, score: 10 }, { origin });
      await expectError(response, 403, "origin_not_allowed");
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    }
    expect(await countRows("responses", "site_id = ?", site)).toBe(0);
    expect(await countRows("rollups", "site_id = ?", site)).toBe(0);
    const allowed = await postResponse({ site, survey, score: 10 });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ORIGIN);
  });

  it("answers a CORS preflight for an origin some site allows, and refuses others", async () => {
    await seedSurvey({ kind: "nps" });
    const preflight = (origin: string) =>
      api("/v1/responses", {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
    const ok = await preflight(ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(ok.headers.get("access-control-allow-methods")).toContain("POST");
    expect(ok.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
    const refused = await preflight("https://evil.example");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("413 for a body of 16 KiB + 1, sent with Content-Length and sent chunked", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const prefix = JSON.stringify({ site, survey, score: 5, comment: "" }).slice(0, -2);
    const body = `${prefix}${"x".repeat(16 * 1024 + 1 - prefix.length - 2)}"}`;
    expect(new TextEncoder().encode(body).length).toBe(16 * 1024 + 1);
    await expectError(await postResponse(body), 413, "payload_too_large");
    const bytes = new TextEncoder().encode(body);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
        controller.close();
      },
    });
    const response = await api("/v1/responses", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json" },
      body: chunked,
    });
    await expectError(response, 413, "payload_too_large");
    expect(await countRows("responses", "site_id = ?", site)).toBe(0);
  });
});

describe("POST /v1/responses: idempotency", () => {
  it("replays the first answer for the same key and payload, storing one row", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" });
    const idempotencyKey = crypto.randomUUID();
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const response = await postResponse({ site, survey, score: 4, comment: "Quick help", idempotencyKey });
      answers.push({
        status: response.status,
        body: await response.text(),
        replayed: response.headers.get("idempotent-replayed"),
      });
    }
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers.map((a) => a.replayed)).toEqual([null, "true", "true", "true", "true"]);
    expect(await countRows("responses", "site_id = ?", site)).toBe(1);
    const total = await api(`/v1/aggregates?survey=${survey}&site=${site}`, {
      headers: { authorization: "Bearer test-admin-token-0123456789abcdef" },
    });
    expect(((await total.json()) as { total: { count: number } }).total.count).toBe(1);
  });

  it("takes the key from the Idempotency-Key header, the body's key winning over it", async () => {
    const { site, survey } = await seedSurvey({ kind: "thumbs" });
    const headerKey = crypto.randomUUID();
    const first = await postResponse({ site, survey, score: 1 }, { headers: { "idempotency-key": headerKey } });
    const again = await postResponse({ site, survey, score: 1 }, { headers: { "idempotency-key": headerKey } });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(await first.text());
    const bodyKey = crypto.randomUUID();
    const withBoth = await postResponse(
      { site, survey, score: 1, idempotencyKey: bodyKey },
      { headers: { "idempotency-key": headerKey } },
    );
    expect(withBoth.headers.get("idempotent-replayed")).toBeNull();
    expect(await countRows("responses", "site_id = ?", site)).toBe(2);
    await expectError(
      await postResponse({ site, survey, score: 1 }, { headers: { "idempotency-key": "not-a-uuid" } }),
      422,
      "validation_failed",
    );
  });

  it("422 idempotency_conflict for the same key with another payload, keeping the first", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const idempotencyKey = crypto.randomUUID();
    expect((await postResponse({ site, survey, score: 9, idempotencyKey })).status).toBe(201);
    await expectError(await postResponse({ site, survey, score: 3, idempotencyKey }), 422, "idempotency_conflict");
    const row = await (await import("cloudflare:test")).env.DB.prepare("SELECT score FROM responses WHERE site_id = ?")
      .bind(site)
      .all<{ score: number }>();
    expect(row.results).toEqual([{ score: 9 }]);
  });

  it("stores one row when the same key races in parallel", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const idempotencyKey = crypto.randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => postResponse({ site, survey, score: 7, idempotencyKey })),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(await Promise.all(responses.map((r) => r.text()))).size).toBe(1);
    expect(await countRows("responses", "site_id = ?", site)).toBe(1);
  });
});
