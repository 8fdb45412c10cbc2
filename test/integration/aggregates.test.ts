import { describe, expect, it } from "vitest";
import { admin, adminOk, expectError, postResponse, seedSurvey } from "./helpers";
import { referenceNpsInterval, round, roundCell, wilson } from "./reference";
import { insertAt } from "./seed";

type Answer = {
  kind: string;
  total: Record<string, unknown>;
  series?: Record<string, unknown>[];
  groups?: Record<string, unknown>[];
};
const aggregates = (query: string) => adminOk<Answer>("GET", `/v1/aggregates?${query}`);

describe("GET /v1/aggregates: the metrics of each kind", () => {
  it("nps on a hand-computed dataset with the 6/7 and 8/9 boundaries", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    for (const score of [0, 6, 6, 7, 8, 8, 9, 9, 10, 10])
      expect((await postResponse({ site, survey, score })).status).toBe(201);
    const { total } = await aggregates(`survey=${survey}&site=${site}`);
    // promoters 9,9,10,10 = 4; passives 7,8,8 = 3; detractors 0,6,6 = 3; NPS = 100 × (4 − 3) / 10.
    expect(roundCell(total)).toEqual({
      count: 10,
      mean: 7.3,
      distribution: { 0: 1, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 2, 7: 1, 8: 2, 9: 2, 10: 2 },
      promoters: 4,
      passives: 3,
      detractors: 3,
      nps: 10,
      // Adjusted Wald: (4.75 − 3.75) / 13 ± 1.96 × √((8.5/13 − (1/13)²) / 13), in points.
      interval: round(referenceNpsInterval(10, 4, 3)),
      // The survey was never reported shown (POST /v1/displays): no response rate.
      displays: 0,
      responseRate: null,
    });
  });

  it("csat with the 3/4 boundary", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" });
    for (const score of [1, 2, 3, 3, 4, 4, 5]) await postResponse({ site, survey, score });
    const { total } = await aggregates(`survey=${survey}&site=${site}`);
    expect(total).toMatchObject({ count: 7, satisfied: 3, distribution: { 1: 1, 2: 1, 3: 2, 4: 2, 5: 1 } });
    expect(total.csat).toBeCloseTo(300 / 7, 10);
    expect(total.mean).toBeCloseTo(22 / 7, 10);
    expect(roundCell(total).interval).toEqual(round(wilson(3, 7)));
  });

  it("ces with the 4/5 boundary", async () => {
    const { site, survey } = await seedSurvey({ kind: "ces" });
    for (const score of [1, 4, 4, 5, 7]) await postResponse({ site, survey, score });
    const { total } = await aggregates(`survey=${survey}&site=${site}`);
    expect(roundCell(total)).toEqual({
      count: 5,
      mean: 4.2,
      distribution: { 1: 1, 2: 0, 3: 0, 4: 2, 5: 1, 6: 0, 7: 1 },
      easy: 2,
      ces: 40,
      interval: round(wilson(2, 5)),
      displays: 0,
      responseRate: null,
    });
  });

  it("thumbs and text", async () => {
    const thumbs = await seedSurvey({ kind: "thumbs" });
    for (const score of [1, 1, 1, 0]) await postResponse({ ...thumbs, score });
    expect(roundCell((await aggregates(`survey=${thumbs.survey}&site=${thumbs.site}`)).total)).toEqual({
      count: 4,
      mean: 0.75,
      distribution: { 0: 1, 1: 3 },
      up: 3,
      down: 1,
      positive: 75,
      interval: round(wilson(3, 4)),
      displays: 0,
      responseRate: null,
    });
    const text = await seedSurvey({ kind: "text" });
    for (const comment of ["a", "b", "c"]) await postResponse({ ...text, comment });
    expect((await aggregates(`survey=${text.survey}&site=${text.site}`)).total).toEqual({
      count: 3,
      mean: null,
      distribution: {},
      displays: 0,
      responseRate: null,
    });
  });

  it("metrics are null when nothing was counted", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { total } = await aggregates(`survey=${survey}&site=${site}`);
    expect(total).toMatchObject({ count: 0, mean: null, promoters: 0, nps: null, interval: null });
  });
});

describe("GET /v1/aggregates: time", () => {
  it("a day series in UTC, with empty days, from rollups, with Server-Timing", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const at = (iso: string, score: number) => insertAt({ site, survey, kind: "nps", score, at: iso });
    await at("2026-03-01T00:00:00Z", 10);
    await at("2026-03-01T23:59:59Z", 0);
    await at("2026-03-03T12:30:00Z", 9);
    await at("2026-03-04T00:00:00Z", 9); // outside: `to` is exclusive
    const response = await admin(
      "GET",
      `/v1/aggregates?survey=${survey}&site=${site}&from=2026-03-01&to=2026-03-04&bucket=day`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("server-timing")).toMatch(/^d1;dur=[\d.]+;desc="rows_read=\d+", total;dur=[\d.]+$/);
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
    await expectError(
      await admin("GET", "/v1/aggregates?kind=nps&from=2026-03-02&to=2026-03-01"),
      422,
      "validation_failed",
    );
    const unknown = await expectError(
      await admin("GET", "/v1/aggregates?kind=nps&sevrice=checkout"),
      422,
      "validation_failed",
    );
    expect(unknown.details![0]!.path).toBe("query.sevrice");
  });
});
