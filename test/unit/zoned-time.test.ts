import { describe, expect, it } from "vitest";
import { bucketRanges, isoWithOffset } from "../../worker/domain/buckets";
import { zonedToEpoch } from "../../worker/domain/zoned-time";

describe("zoned time", () => {
  it("finds local midnight on both sides of a DST change", () => {
    expect(new Date(zonedToEpoch("Europe/Warsaw", 2026, 3, 29)).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(new Date(zonedToEpoch("Europe/Warsaw", 2026, 3, 30)).toISOString()).toBe("2026-03-29T22:00:00.000Z");
    // 02:30 does not exist on the spring-forward night: the first instant after is 03:00 CEST.
    expect(new Date(zonedToEpoch("Europe/Warsaw", 2026, 3, 29, 2, 30)).toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  it("makes a 23-hour and a 25-hour day where the clocks change", () => {
    const spring = bucketRanges(
      "day",
      "Europe/Warsaw",
      Date.parse("2026-03-28T23:00:00Z"),
      Date.parse("2026-03-30T22:00:00Z"),
    );
    expect(spring.map((b) => (b.to - b.from) / 3_600_000)).toEqual([23, 24]);
    const autumn = bucketRanges(
      "day",
      "Europe/Warsaw",
      Date.parse("2026-10-24T22:00:00Z"),
      Date.parse("2026-10-26T23:00:00Z"),
    );
    expect(autumn.map((b) => (b.to - b.from) / 3_600_000)).toEqual([25, 24]);
    expect(isoWithOffset("Europe/Warsaw", autumn[1]!.start)).toBe("2026-10-26T00:00:00+01:00");
  });

  it("starts weeks on Monday in the zone", () => {
    const weeks = bucketRanges(
      "week",
      "America/New_York",
      Date.parse("2026-03-04T12:00:00Z"),
      Date.parse("2026-03-20T00:00:00Z"),
    );
    expect(weeks.map((b) => isoWithOffset("America/New_York", b.start))).toEqual([
      "2026-03-02T00:00:00-05:00",
      "2026-03-09T00:00:00-04:00",
      "2026-03-16T00:00:00-04:00",
    ]);
  });
});
