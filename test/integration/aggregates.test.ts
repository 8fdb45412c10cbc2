import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { insertResponse } from "../../worker/db/responses";
import { admin, adminOk, expectError, postResponse, seedSurvey } from "./helpers";
import { prng, referenceCell, roundCell } from "./reference";

type Answer = { kind: string; total: Record<string, unknown>; series?: Record<string, unknown>[]; groups?: Record<string, unknown>[] };
const aggregates = (query: string) => adminOk<Answer>("GET", `/v1/aggregates?${query}`);

describe("GET /v1/aggregates: the metrics of each kind", () => {
  it("nps on a hand-computed dataset with the 6/7 and 8/9 boundaries", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    for (const score of [0, 6, 6, 7, 8, 8, 9, 9, 10, 10]) expect((await postResponse({ site, survey, score })).status).toBe(201);
    const { total } = await aggregates(`survey=${survey}&site=${site}`);
    // promoters 9,9,10,10 = 4; passives 7,8,8 = 3; detractors 0,6,6 = 3; NPS = 100 × (4 − 3) / 10.
    expect(total).toEqual({
      count: 10,
      mean: 7.3,
      distribution: { 0: 1, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 2, 7: 1, 8: 2, 9: 2, 10: 2 },
      promoters: 4,
      passives: 3,
      detractors: 3,
      nps: 10,
    });
  });

  it("csat with the 3/4 boundary", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" });
    for (const score of [1, 2, 3, 3, 4, 4, 5]) await postResponse({ site, survey, score });
    const { total } = await aggregates(`survey=${survey}&site=${site}`);
    expect(total).toMatchObject({ count: 7, satisfied: 3, distribution: { 1: 1, 2: 1, 3: 2, 4: 2, 5: 1 } });
    expect(total.csat).toBeCloseTo(300 / 7, 10);
    expect(total.mean).toBeCloseTo(22 / 7, 10);
  });

  it("ces with the 4/5 boundary", async () => {
    const { site, survey } = await seedSurvey({ kind: "ces" });
    for (const score of [1, 4, 4, 5, 7]) await postResponse({ site, survey, score });
    const { total } = await aggregates(`survey=${survey}&site=${site}`);
    expect(total).toEqual({ count: 5, mean: 4.2, distribution: { 1: 1, 2: 0, 3: 0, 4: 2, 5: 1, 6: 0, 7: 1 }, easy: 2, ces: 40 });
  });

  it("thumbs and text", async () => {
    const thumbs = await seedSurvey({ kind: "thumbs" });
    for (const score of [1, 1, 1, 0]) await postResponse({ ...thumbs, score });
    expect((await aggregates(`survey=${thumbs.survey}&site=${thumbs.site}`)).total).toEqual({ count: 4, mean: 0.75, distribution: { 0: 1, 1: 3 }, up: 3, down: 1, positive: 75 });
    const text = await seedSurvey({ kind: "text" });
    for (const comment of ["a", "b", "c"]) await postResponse({ ...text, comment });
    expect((await aggregates(`survey=${text.survey}&site=${text.site}`)).total).toEqual({ count: 3, mean: null, distribution: {} });
  });

  it("metrics are null when nothing was counted", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { total } = await aggregates(`survey=${survey}&site=${site}`);
    expect(total).toMatchObject({ count: 0, mean: null, promoters: 0, nps: null });
  });
});

describe("GET /v1/aggregates: time", () => {
  it("a day series in UTC, with empty days, from rollups, with Server-Timing", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const at = (iso: string, score: number) =>
      insertResponse(env.DB, { id: crypto.randomUUID(), site, survey, kind: "nps", score, comment: null, service: "", topic: "", segment: {}, locale: null, page: null, followUpHash: crypto.randomUUID(), createdAt: Date.parse(iso) });
    await at("2026-03-01T00:00:00Z", 10);
    await at("2026-03-01T23:59:59Z", 0);
    await at("2026-03-03T12:30:00Z", 9);
    await at("2026-03-04T00:00:00Z", 9); // outside: `to` is exclusive
    const response = await admin("GET", `/v1/aggregates?survey=${survey}&site=${site}&from=2026-03-01&to=2026-03-04&bucket=day`);
    expect(response.status).toBe(200);
    expect(response.headers.get("server-timing")).toMatch(/^d1;dur=[\d.]+;desc="rows_read=\d+"$/);
    expect(response.headers.get("x-feedloop-source")).toBe("rollups");
    const answer = (await response.json()) as Answer;
    expect(answer.total).toMatchObject({ count: 3, nps: (100 * (2 - 1)) / 3 });
    expect(answer.series!.map((point) => [point.start, point.count, point.nps])).toEqual([
      ["2026-03-01T00:00:00+00:00", 2, 0],
      ["2026-03-02T00:00:00+00:00", 0, null],
      ["2026-03-03T00:00:00+00:00", 1, 100],
    ]);
  });

  it("refuses an unknown kind, a bad date, a reversed range and an unknown parameter", async () => {
    await expectError(await admin("GET", "/v1/aggregates"), 422, "validation_failed");
    await expectError(await admin("GET", "/v1/aggregates?kind=stars"), 422, "validation_failed");
    await expectError(await admin("GET", "/v1/aggregates?kind=nps&from=yesterday"), 422, "validation_failed");
    await expectError(await admin("GET", "/v1/aggregates?kind=nps&from=2026-03-02&to=2026-03-01"), 422, "validation_failed");
    const unknown = await expectError(await admin("GET", "/v1/aggregates?kind=nps&sevrice=checkout"), 422, "validation_failed");
    expect(unknown.details![0]!.path).toBe("query.sevrice");
  });
});

describe("GET /v1/aggregates: rollups equal a raw recomputation", () => {
  it("after a random sequence of inserts, for random filters, ranges and group-bys", async () => {
    const seed = Date.now();
    const random = prng(seed);
    const services = ["svc-a", "svc-b", "svc-c"];
    const topics = ["complaint", "praise"];
    const sites = [];
    for (let i = 0; i < 3; i++) sites.push(await seedSurvey({ kind: "csat", services, topics }, { dimensions: ["plan"] }));
    const start = Date.parse("2026-01-10T00:00:00Z");
    for (let i = 0; i < 300; i++) {
      const target = random.pick(sites);
      await insertResponse(env.DB, {
        id: crypto.randomUUID(),
        site: target.site,
        survey: target.survey,
        kind: "csat",
        score: random.int(1, 5),
        comment: null,
        service: random.next() < 0.8 ? random.pick(services) : "",
        topic: random.next() < 0.5 ? random.pick(topics) : "",
        segment: random.next() < 0.7 ? { plan: random.pick(["free", "pro", "team"]) } : {},
        locale: null,
        page: null,
        followUpHash: crypto.randomUUID(),
        createdAt: start + random.int(0, 70 * 24 * 60) * 60_000,
      });
    }
    const siteIds = sites.map((s) => s.site);
    const { results: rows } = await env.DB.prepare(`SELECT * FROM responses WHERE site_id IN (?, ?, ?)`).bind(...siteIds).all<{
      site_id: string; service_id: string; topic: string; segment: string; score: number; created_at: number;
    }>();
    expect(rows.length).toBe(300);

    for (let q = 0; q < 25; q++) {
      const site = random.next() < 0.3 ? random.pick(siteIds) : null;
      const service = random.next() < 0.3 ? random.pick(services) : null;
      const topic = random.next() < 0.2 ? random.pick(topics) : null;
      const groupBy = random.pick([[], ["service"], ["site", "service"], ["topic"], ["segment.plan"], ["service", "segment.plan"]]);
      // Whole hours, or a range that is not hour-aligned (answered from raw rows).
      const from = start + random.int(0, 40 * 24) * 3_600_000 + (random.next() < 0.2 ? random.int(1, 59) * 60_000 : 0);
      const to = from + random.int(1, 30 * 24) * 3_600_000;
      const inScope = rows.filter((r) => (!site || r.site_id === site) && (!service || r.service_id === service) && (!topic || r.topic === topic) && r.created_at >= from && r.created_at < to);
      // Without a site filter, group by site too so other tests' csat rows can be told apart.
      const fields = site ? groupBy : ["site", ...groupBy.filter((f) => f !== "site")].slice(0, 2);
      const params = new URLSearchParams({ kind: "csat", from: new Date(from).toISOString(), to: new Date(to).toISOString() });
      if (site) params.set("site", site);
      if (service) params.set("service", service);
      if (topic) params.set("topic", topic);
      if (fields.length) params.set("groupBy", fields.join(","));
      const answer = await aggregates(params.toString());
      const keyOf = (r: (typeof rows)[number]) =>
        fields.map((f) => (f === "site" ? r.site_id : f === "service" ? r.service_id || null : f === "topic" ? r.topic || null : (JSON.parse(r.segment) as Record<string, string>).plan ?? null));
      const context = `seed ${seed}, query ${params}`;
      if (site) expect(roundCell(answer.total), context).toEqual(roundCell(referenceCell("csat", inScope.map((r) => r.score))));
      if (fields.length) {
        const expected = new Map<string, number[]>();
        for (const r of inScope) expected.set(JSON.stringify(keyOf(r)), [...(expected.get(JSON.stringify(keyOf(r))) ?? []), r.score]);
        const actual = (answer.groups ?? []).filter((g) => site || siteIds.includes((g.key as Record<string, string>).site!));
        expect(actual.length, `${context} ${JSON.stringify(answer)}`).toBe(expected.size);
        for (const group of actual) {
          const key = JSON.stringify(fields.map((f) => (group.key as Record<string, string | null>)[f]));
          const { key: _key, ...cell } = group;
          expect(roundCell(cell), `${context} group ${key}`).toEqual(roundCell(referenceCell("csat", expected.get(key) ?? [])));
        }
      }
    }
  });
});
