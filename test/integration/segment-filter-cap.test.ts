import { describe, expect, it } from "vitest";
import { admin, expectError, postResponse, seedSurvey } from "./helpers";

/** Issue 13 item 9: many `segment.*` filters were a 500 (`too many SQL variables`); now a 422 that says the cap. */
const READS = [
  "/v1/responses?",
  "/v1/responses.csv?",
  "/v1/responses.ndjson?",
  "/v1/aggregates?kind=nps&",
  "/v1/aggregates?kind=nps&source=raw&",
  "/v1/aggregates?kind=nps&source=raw&bucket=day&",
];
const segmentFilters = (count: number) =>
  Array.from({ length: count }, (_, i) => `segment.dim${i}=value${i}`).join("&");

describe("segment filters are capped at 20 per request", () => {
  it("60 filters are a 422 naming the cap on every read, not a 500", async () => {
    const { site } = await seedSurvey({ kind: "nps" });
    for (const read of READS) {
      const error = await expectError(
        await admin("GET", `${read}site=${site}&${segmentFilters(60)}`),
        422,
        "validation_failed",
      );
      expect(error.details, read).toEqual([
        { path: "query.segment", message: "at most 20 segment.<dim> filters per request; this one has 60" },
      ]);
    }
  });

  it("20 filters still answer, with the answers that match them all", async () => {
    const dimensions = Array.from({ length: 20 }, (_, i) => `dim${i}`);
    const { site, survey } = await seedSurvey({ kind: "nps" }, { dimensions });
    const segment = Object.fromEntries(dimensions.map((d, i) => [d, `value${i}`]));
    expect((await postResponse({ site, survey, score: 9, segment })).status).toBe(201);
    expect((await postResponse({ site, survey, score: 2, segment: { ...segment, dim0: "other" } })).status).toBe(201);
    for (const read of READS) {
      const response = await admin("GET", `${read}site=${site}&${segmentFilters(20)}`);
      expect(response.status, read).toBe(200);
      const text = await response.text();
      if (read.startsWith("/v1/aggregates")) expect(JSON.parse(text).total.count, read).toBe(1);
      else if (read.startsWith("/v1/responses?")) expect(JSON.parse(text).items, read).toHaveLength(1);
      else expect(text.trim().split("\n"), read).toHaveLength(read.includes(".csv") ? 2 : 1);
    }
  });
});
