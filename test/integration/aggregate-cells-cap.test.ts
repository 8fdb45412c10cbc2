import { describe, expect, it } from "vitest";
import { admin, expectError, seedSurvey } from "./helpers";
import { insertAt } from "./seed";

/**
 * Issue 13 item 2: a breakdown by a visitor-chosen segment value, by hour, had no cap (128 MB of JSON).
 * An answer holds at most 10,000 cells, groups × (buckets + 1); past that, a 422 that says how to narrow it.
 */
const TWO_WEEKS_BY_HOUR = "from=2026-03-02T00:00Z&to=2026-03-16T00:00Z&bucket=hour"; // 336 buckets

async function siteWithPlans(plans: number) {
  const { site, survey } = await seedSurvey({ kind: "nps" }, { dimensions: ["plan"] });
  for (let i = 0; i < plans; i++) {
    const at = Date.parse("2026-03-02T00:00Z") + i * 3_600_000;
    await insertAt({ site, survey, kind: "nps", score: i % 11, at, segment: { plan: `plan-${i}` } });
  }
  return site;
}

describe("an aggregate answer holds at most 10,000 cells", () => {
  it("40 groups × 337 hourly cells is a 422 saying how to narrow the request", async () => {
    const site = await siteWithPlans(40);
    for (const source of ["auto", "raw"]) {
      const path = `/v1/aggregates?kind=nps&site=${site}&groupBy=segment.plan&${TWO_WEEKS_BY_HOUR}&source=${source}`;
      const error = await expectError(await admin("GET", path), 422, "validation_failed");
      expect(error.details, source).toEqual([
        {
          path: "query.groupBy",
          message:
            "the answer would hold more than 10000 cells (groups × (buckets + 1)); group by fewer fields, " +
            "filter on one of them, or use a larger bucket or a shorter range",
        },
      ]);
    }
    // Narrowed as it says: by day, or without the breakdown, it answers.
    const byDay = `/v1/aggregates?kind=nps&site=${site}&groupBy=segment.plan&${TWO_WEEKS_BY_HOUR.replace("hour", "day")}`;
    const answer = (await (await admin("GET", byDay)).json()) as { groups: unknown[]; total: { count: number } };
    expect(answer.groups).toHaveLength(40);
    expect(answer.total.count).toBe(40);
  });

  it("20 groups × 337 hourly cells still answer", async () => {
    const site = await siteWithPlans(20);
    const path = `/v1/aggregates?kind=nps&site=${site}&groupBy=segment.plan&${TWO_WEEKS_BY_HOUR}`;
    const response = await admin("GET", path);
    expect(response.status, await response.clone().text()).toBe(200);
    const answer = (await response.json()) as { groups: { series: unknown[] }[] };
    expect(answer.groups).toHaveLength(20);
    expect(answer.groups[0]!.series).toHaveLength(336);
  });
});
