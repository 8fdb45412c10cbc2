import { describe, expect, it } from "vitest";
import { admin, adminOk, expectError, postResponse, seedSurvey, uid } from "./helpers";
import { setClock } from "./clock";
import { insertAt } from "./seed";

type Cell = Record<string, unknown>;
type Answer = {
  kind: string;
  total: Cell;
  series?: ({ start: string } & Cell)[];
  groups?: ({ key: Record<string, string | null>; series?: ({ start: string } & Cell)[] } & Cell)[];
};
const get = (query: string) => adminOk<Answer>("GET", `/v1/aggregates?${query}`);
const counts = (series: ({ start: string } & Cell)[]) => series.map((p) => [p.start, p.count]);

describe("buckets in a time zone, across daylight-saving changes", () => {
  it("day buckets follow Warsaw's local midnight through the spring-forward night", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" });
    for (const at of ["2026-03-28T22:30:00Z", "2026-03-28T23:30:00Z", "2026-03-29T21:30:00Z", "2026-03-29T22:30:00Z"])
      await insertAt({ site, survey, kind: "csat", score: 5, at });
    const query = `survey=${survey}&site=${site}&bucket=day&tz=Europe/Warsaw&from=2026-03-28&to=2026-03-31`;
    const answer = await get(query);
    // 22:30Z is 23:30 on the 28th (CET); 23:30Z is 00:30 on the 29th; 21:30Z on the 29th is 23:30 CEST.
    expect(counts(answer.series!)).toEqual([
      ["2026-03-28T00:00:00+01:00", 1],
      ["2026-03-29T00:00:00+01:00", 2],
      ["2026-03-30T00:00:00+02:00", 1],
    ]);
    expect(await get(`${query}&source=raw`)).toEqual(answer);
  });

  it("week buckets start on Monday in New York, before and after the clocks change", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    // 03:30Z on 9 March is Sunday 23:30 EDT (week of 2 March); 04:30Z is Monday 00:30 EDT.
    for (const [at, score] of [
      ["2026-03-03T12:00:00Z", 10],
      ["2026-03-09T03:30:00Z", 0],
      ["2026-03-09T04:30:00Z", 9],
    ] as const)
      await insertAt({ site, survey, kind: "nps", score, at });
    const answer = await get(
      `survey=${survey}&site=${site}&bucket=week&tz=America/New_York&from=2026-03-02&to=2026-03-16`,
    );
    expect(answer.series!.map((p) => [p.start, p.count, p.nps])).toEqual([
      ["2026-03-02T00:00:00-05:00", 2, 0],
      ["2026-03-09T00:00:00-04:00", 1, 100],
    ]);
  });

  it("month buckets and an hour bucket in a zone with a half-hour offset (answered from raw rows)", async () => {
    const { site, survey } = await seedSurvey({ kind: "thumbs" });
    for (const at of ["2026-01-31T18:00:00Z", "2026-01-31T19:00:00Z"])
      await insertAt({ site, survey, kind: "thumbs", score: 1, at });
    const response = await admin(
      "GET",
      `/v1/aggregates?survey=${survey}&site=${site}&bucket=month&tz=Asia/Kolkata&from=2026-01-01&to=2026-03-01`,
    );
    expect(response.headers.get("x-feedloop-source")).toBe("raw");
    const answer = (await response.json()) as Answer;
    // 18:00Z is 23:30 IST on 31 January; 19:00Z is 00:30 IST on 1 February.
    expect(counts(answer.series!)).toEqual([
      ["2026-01-01T00:00:00+05:30", 1],
      ["2026-02-01T00:00:00+05:30", 1],
    ]);
  });
});

describe("breakdowns", () => {
  it("groups by two fields, and each group has its own series when a bucket is asked for", async () => {
    const { site, survey } = await seedSurvey(
      { kind: "nps", services: ["checkout", "delivery"] },
      { dimensions: ["plan"] },
    );
    const rows = [
      ["checkout", "pro", 10],
      ["checkout", "pro", 9],
      ["checkout", "free", 3],
      ["delivery", "pro", 7],
    ] as const;
    for (const [service, plan, score] of rows)
      await insertAt({ site, survey, kind: "nps", score, service, segment: { plan }, at: "2026-05-04T10:00:00Z" });
    await insertAt({ site, survey, kind: "nps", score: 8, service: "delivery", at: "2026-05-05T10:00:00Z" });
    const answer = await get(
      `survey=${survey}&site=${site}&groupBy=service,segment.plan&from=2026-05-04&to=2026-05-06&bucket=day`,
    );
    const byKey = Object.fromEntries(answer.groups!.map((g) => [`${g.key.service}/${g.key["segment.plan"]}`, g]));
    expect(Object.keys(byKey).sort()).toEqual(["checkout/free", "checkout/pro", "delivery/null", "delivery/pro"]);
    expect(byKey["checkout/pro"]).toMatchObject({ count: 2, nps: 100 });
    expect(byKey["checkout/free"]).toMatchObject({ count: 1, nps: -100 });
    expect(counts(byKey["delivery/null"]!.series!)).toEqual([
      ["2026-05-04T00:00:00+00:00", 0],
      ["2026-05-05T00:00:00+00:00", 1],
    ]);
    expect(answer.total).toMatchObject({ count: 5 });
  });

  it("kind= aggregates every survey of that kind (true NPS across surveys)", async () => {
    const owner = uid("team");
    const service = uid("svc");
    await adminOk("PUT", `/v1/services/${service}`, { name: "Support", owner });
    const a = await seedSurvey({ kind: "nps", services: [service] });
    const b = await seedSurvey({ kind: "nps", services: [service] });
    for (const score of [10, 10, 2]) await postResponse({ ...a, score, service });
    for (const score of [9, 6]) await postResponse({ ...b, score, service });
    const answer = await get(`kind=nps&owner=${owner}&groupBy=survey`);
    // promoters 10, 10, 9; detractors 2, 6 → NPS = 100 × (3 − 2) / 5.
    expect(answer.total).toMatchObject({ count: 5, promoters: 3, detractors: 2, nps: 20 });
    expect(answer.groups!.map((g) => [g.key.survey, g.count]).sort()).toEqual(
      [
        [a.survey, 3],
        [b.survey, 2],
      ].sort(),
    );
  });

  it("groupBy=audience shows how employees and customers rate the same service, side by side", async () => {
    const service = uid("svc");
    const internal = await seedSurvey({ kind: "csat", services: [service] }, { audience: "internal" });
    const external = await seedSurvey({ kind: "csat", services: [service] }, { audience: "external" });
    // Employees' answers count once their week has closed (README: "Employees' anonymity").
    setClock("2026-09-08T09:00:00Z");
    for (const score of [2, 3, 4, 2, 5]) await postResponse({ ...internal, score, service });
    for (const score of [5, 5, 4]) await postResponse({ ...external, score, service });
    setClock("2026-09-15T09:00:00Z");
    const answer = await get(`kind=csat&service=${service}&groupBy=audience&from=2026-09-01`);
    const byAudience = Object.fromEntries(answer.groups!.map(({ key, ...cell }) => [key.audience, cell]));
    expect(byAudience.internal).toMatchObject({ count: 5, satisfied: 2, csat: 40 });
    expect(byAudience.external).toMatchObject({ count: 3, satisfied: 3, csat: 100 });
  });

  it("an impossible date is a 422 on its parameter, in aggregates and the inbox alike", async () => {
    for (const [parameter, value] of [
      ["from", "2026-02-30"],
      ["to", "2026-13-01"],
      ["from", "2026-13-45T00:00Z"],
      ["to", "2026-03-01T24:30Z"],
    ] as const) {
      for (const path of [`/v1/aggregates?kind=nps&${parameter}=${value}`, `/v1/responses?${parameter}=${value}`]) {
        const error = await expectError(await admin("GET", path), 422, "validation_failed");
        expect(error.details, path).toEqual([
          expect.objectContaining({ path: `query.${parameter}`, message: expect.stringContaining("exist") }),
        ]);
      }
    }
    expect(
      (await admin("GET", "/v1/aggregates?kind=nps&from=2028-02-29&to=2028-03-01T10:15:30.5%2B05:30")).status,
    ).toBe(200);
  });
});
