import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../../worker/abuse/rate-limit";
import { setClock } from "./clock";
import {
  admin,
  adminOk,
  api,
  countRows,
  expectError,
  ORIGIN,
  postPublic,
  postResponse,
  randomIp,
  seedSurvey,
} from "./helpers";

type Target = { site: string; survey: string };
type Figures = {
  total: { count: number; displays?: number; responseRate?: number | null };
  series?: { start: string; count: number; displays?: number; responseRate?: number | null }[];
  groups?: { key: Record<string, string>; count: number; displays?: number; responseRate?: number | null }[];
};

/** Reports a display as the widget would; a new visitor each time unless `headers` names one. */
const postDisplay = (body: unknown, init: { origin?: string | null; headers?: Record<string, string> } = {}) =>
  postPublic("/v1/displays", body, init);

const storedCount = async (target: Target) =>
  (await env.DB.prepare("SELECT COALESCE(SUM(count), 0) AS n FROM display_rollups WHERE site_id = ? AND survey_id = ?")
    .bind(target.site, target.survey)
    .first<{ n: number }>())!.n;

/** Waits, if needed, until a rate-limit window of `periodSeconds` has at least `needSeconds` left. */
async function freshWindow(periodSeconds: number, needSeconds: number) {
  const intoWindow = Date.now() % (periodSeconds * 1000);
  if (intoWindow > (periodSeconds - needSeconds) * 1000)
    await new Promise((resolve) => setTimeout(resolve, periodSeconds * 1000 - intoWindow + 50));
}

describe("POST /v1/displays", () => {
  it("counts each display once, in one row per site, survey and UTC day, with nothing about the visitor", async () => {
    const target = await seedSurvey({ kind: "csat" });
    setClock("2026-03-10T10:00:00Z");
    for (let i = 0; i < 3; i++) {
      const response = await postDisplay(target);
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    }
    setClock("2026-03-11T08:00:00Z");
    expect((await postDisplay(target)).status).toBe(204);
    const rows = (
      await env.DB.prepare("SELECT * FROM display_rollups WHERE site_id = ? ORDER BY bucket_start")
        .bind(target.site)
        .all()
    ).results;
    const day = (date: string, count: number) => ({
      site_id: target.site,
      survey_id: target.survey,
      bucket_start: Date.parse(date),
      bucket_end: Date.parse(date) + 86_400_000,
      count,
    });
    expect(rows).toEqual([day("2026-03-10", 3), day("2026-03-11", 1)]);
  });

  it("refuses a foreign or missing Origin, an unknown or inactive survey, visitor fields and a large body", async () => {
    const target = await seedSurvey({ kind: "csat" });
    const inactive = await seedSurvey({ kind: "csat", active: false });
    await expectError(await postDisplay(target, { origin: "https://evil.example" }), 403, "origin_not_allowed");
    await expectError(await postDisplay(target, { origin: null }), 403, "origin_not_allowed");
    await expectError(await postDisplay({ ...target, site: "no-such-site" }), 404, "not_found");
    await expectError(await postDisplay({ ...target, survey: "no-such-survey" }), 404, "not_found");
    await expectError(await postDisplay(inactive), 404, "not_found");
    const extra = await expectError(
      await postDisplay({ ...target, segment: { plan: "pro" }, page: "https://shop.example/x" }),
      422,
      "validation_failed",
    );
    expect(extra.details?.length).toBeGreaterThan(0);
    await expectError(await postDisplay({ ...target, pad: "x".repeat(17_000) }), 413, "payload_too_large");
    await expectError(await postDisplay("{not json"), 400, "invalid_json");
    expect(await storedCount(target)).toBe(0);
    expect(await storedCount(inactive)).toBe(0);
  });

  it("answers a preflight from a listed origin", async () => {
    await seedSurvey({ kind: "csat" });
    const response = await api("/v1/displays", {
      method: "OPTIONS",
      headers: { origin: ORIGIN, "access-control-request-method": "POST" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
  });

  it("limits one visitor's displays at the site tier's per-visitor limit, apart from their answers", async () => {
    const target = await seedSurvey({ kind: "csat" });
    const visitor = { "cf-connecting-ip": randomIp(), "user-agent": "Display flood/1" };
    const { limit, periodSeconds } = RATE_LIMITS.RATE_LIMIT_VISITOR;
    await freshWindow(periodSeconds, 20);
    for (let i = 0; i < limit; i++) expect((await postDisplay(target, { headers: visitor })).status).toBe(204);
    const limited = await postDisplay(target, { headers: visitor });
    await expectError(limited, 429, "rate_limited");
    expect(limited.headers.get("retry-after")).toBe(String(periodSeconds));
    expect(limited.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(await storedCount(target)).toBe(limit);
    // Their answer has a budget of its own: showing a survey never keeps its visitor from answering it.
    expect((await postResponse({ ...target, score: 4 }, { headers: visitor })).status).toBe(201);
  }, 90_000);

  it("limits one IP rotating its user agent at the per-IP ceiling, apart from its answers", async () => {
    const target = await seedSurvey({ kind: "csat" });
    const ip = randomIp();
    const { limit, periodSeconds } = RATE_LIMITS.RATE_LIMIT_ADDRESS;
    await freshWindow(periodSeconds, 30);
    for (let i = 0; i < limit; i++) {
      // Each user agent is a new visitor: the per-visitor limit alone would let every one through.
      const headers = { "cf-connecting-ip": ip, "user-agent": `Rotating/${i}` };
      expect((await postDisplay(target, { headers })).status).toBe(204);
    }
    const limited = await postDisplay(target, { headers: { "cf-connecting-ip": ip, "user-agent": "New/1" } });
    expect((await expectError(limited, 429, "rate_limited")).message).toContain("IP address");
    expect(await storedCount(target)).toBe(limit);
    expect((await postDisplay(target, { headers: { "cf-connecting-ip": randomIp() } })).status).toBe(204);
    // The IP's answers have a budget of their own.
    expect((await postResponse({ ...target, score: 4 }, { headers: { "cf-connecting-ip": ip } })).status).toBe(201);
  }, 90_000);
});

describe("displays and responseRate in GET /v1/aggregates", () => {
  it("gives responses ÷ displays in the total, a daily series and per survey, and a shown-only survey", async () => {
    const target = await seedSurvey({ kind: "csat", services: ["displays-svc"], topics: ["praise"] });
    const other = { site: target.site, survey: `${target.survey}-b` };
    await adminOk("PUT", `/v1/sites/${other.site}/surveys/${other.survey}`, { kind: "csat", question: { en: "?" } });
    setClock("2026-03-10T10:00:00Z");
    for (let i = 0; i < 8; i++) expect((await postDisplay(target)).status).toBe(204);
    for (let i = 0; i < 3; i++) expect((await postDisplay(other)).status).toBe(204);
    for (const score of [5, 4]) expect((await postResponse({ ...target, score })).status).toBe(201);
    setClock("2026-03-12T10:00:00Z");
    for (let i = 0; i < 2; i++) expect((await postDisplay(target)).status).toBe(204);
    expect((await postResponse({ ...target, score: 2 })).status).toBe(201);

    const query = `/v1/aggregates?kind=csat&site=${target.site}&from=2026-03-01&to=2026-04-01`;
    const total = await adminOk<Figures>("GET", query);
    expect(total.total).toMatchObject({ count: 3, displays: 13, responseRate: 3 / 13 });

    const bySurvey = await adminOk<Figures>("GET", `${query}&groupBy=survey&bucket=day`);
    expect(bySurvey.groups).toEqual([
      expect.objectContaining({ key: { survey: target.survey }, count: 3, displays: 10, responseRate: 0.3 }),
      expect.objectContaining({ key: { survey: other.survey }, count: 0, displays: 3, responseRate: 0 }),
    ]);
    const day = (start: string) => bySurvey.series!.find((point) => point.start.startsWith(start));
    expect(day("2026-03-10")).toMatchObject({ count: 2, displays: 11, responseRate: 2 / 11 });
    expect(day("2026-03-12")).toMatchObject({ count: 1, displays: 2, responseRate: 0.5 });
    expect(day("2026-03-11")).toMatchObject({ count: 0, displays: 0, responseRate: null });

    // Displays carry no service, topic or segment, and are kept per UTC day: such queries have none.
    for (const finer of [
      "&service=displays-svc",
      "&topic=praise",
      "&groupBy=service",
      "&bucket=hour",
      "&tz=Asia/Tokyo",
    ]) {
      const figures = await adminOk<Figures>("GET", `${query}${finer}`);
      expect(figures.total.displays, finer).toBeUndefined();
      expect(figures.total.responseRate, finer).toBeUndefined();
    }
  });
});

describe("displays on an internal site", () => {
  const internal = () =>
    seedSurvey({ kind: "csat" }, { audience: "internal", dimensions: ["team"], minGroupSize: 3, origins: [ORIGIN] });
  const employee = (target: Target) => postResponse({ ...target, score: 4, segment: { team: "ops" } });

  it("reports no display of the open period: an attacker reading before and after a display learns nothing", async () => {
    const target = await internal();
    // Weeks start on Monday (UTC): 2026-09-07 closes on 2026-09-14.
    setClock("2026-09-08T09:00:00Z");
    for (let i = 0; i < 4; i++) expect((await postDisplay(target)).status).toBe(204);
    for (let i = 0; i < 3; i++) expect((await employee(target)).status).toBe(201);

    setClock("2026-09-16T09:00:00Z");
    const base = `/v1/aggregates?kind=csat&site=${target.site}`;
    const queries = [
      base,
      `${base}&groupBy=survey`,
      `${base}&bucket=week`,
      `${base}&bucket=month`,
      `${base}&from=2026-09-14`,
      `${base}&from=2026-09-16`,
      `${base}&from=2026-09-14&to=2026-09-21&groupBy=site,survey`,
      `${base}&audience=internal&groupBy=audience`,
    ];
    // The bodies, and what Server-Timing tells a credential for every site: the rows D1 read.
    const read = async () =>
      Promise.all(
        queries.map(async (query) => {
          const response = await admin("GET", query);
          expect(response.status).toBe(200);
          const rowsRead = /rows_read=(\d+)/.exec(response.headers.get("server-timing") ?? "")?.[1];
          expect(rowsRead).toBeDefined();
          return { ...((await response.json()) as Figures), rowsRead };
        }),
      );
    const before = await read();
    expect(before[0]!.total).toMatchObject({ count: 3, displays: 4, responseRate: 0.75 });
    expect(before[4]!.total).toMatchObject({ count: 0, displays: 0, responseRate: null });

    // A colleague is shown the survey in the open period (and, being prompted, has not answered yet).
    expect((await postDisplay(target)).status).toBe(204);
    expect(await read()).toEqual(before);
    // Nor does the database keep a day: the open week's displays are one row at the week's start.
    const rows = await env.DB.prepare(
      "SELECT bucket_start, bucket_end, count FROM display_rollups WHERE site_id = ? ORDER BY bucket_start",
    )
      .bind(target.site)
      .all();
    const week = (monday: string, count: number) => ({
      bucket_start: Date.parse(monday),
      bucket_end: Date.parse(monday) + 7 * 86_400_000,
      count,
    });
    expect(rows.results).toEqual([week("2026-09-07", 4), week("2026-09-14", 1)]);
    // A bucket finer than the period would split it: refused, as for the answers.
    await expectError(await admin("GET", `${base}&bucket=day&from=2026-09-01`), 422, "validation_failed");

    // Once the week has closed, its display counts, whole, in the bucket that holds the week's middle.
    setClock("2026-09-22T09:00:00Z");
    const after = await adminOk<Figures>("GET", `${base}&bucket=week&from=2026-09-07&to=2026-09-21`);
    expect(after.total).toMatchObject({ count: 3, displays: 5 });
    expect(after.series!.map((point) => point.displays)).toEqual([4, 1]);
  });

  it("limits displays on an intranet per network, like answers, under keys of their own", async () => {
    const target = await internal();
    const office = { "cf-connecting-ip": randomIp() };
    // An office behind one IP shows many prompts: the per-network ceiling, not the per-visitor one, applies.
    for (let i = 0; i < RATE_LIMITS.RATE_LIMIT_VISITOR.limit + 5; i++)
      expect((await postDisplay(target, { headers: office })).status).toBe(204);
    expect(await countRows("display_rollups", "site_id = ?", target.site)).toBe(1);
  }, 90_000);
});
