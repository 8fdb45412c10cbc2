import { describe, expect, it } from "vitest";
import { periodStart } from "../../worker/identity/ballot";

const at = (iso: string) => Date.parse(iso);

describe("periodStart: the UTC period a ballot is cast in", () => {
  it("day: the UTC date, whatever the hour", () => {
    expect(periodStart("day", at("2026-03-14T00:00:00Z"))).toBe("2026-03-14");
    expect(periodStart("day", at("2026-03-14T23:59:59.999Z"))).toBe("2026-03-14");
    expect(periodStart("day", at("2026-03-15T00:00:00Z"))).toBe("2026-03-15");
  });

  it("week: the Monday of the ISO week, across months and years", () => {
    expect(periodStart("week", at("2026-03-16T00:00:00Z"))).toBe("2026-03-16"); // a Monday
    expect(periodStart("week", at("2026-03-22T23:59:59Z"))).toBe("2026-03-16"); // its Sunday
    expect(periodStart("week", at("2026-03-23T00:00:00Z"))).toBe("2026-03-23");
    expect(periodStart("week", at("2026-01-01T12:00:00Z"))).toBe("2025-12-29"); // a Thursday
    expect(periodStart("week", at("2024-03-01T08:00:00Z"))).toBe("2024-02-26"); // leap year
  });

  it("month and quarter: the first day, quarters starting in January, April, July and October", () => {
    expect(periodStart("month", at("2026-02-28T23:59:59Z"))).toBe("2026-02-01");
    expect(periodStart("month", at("2026-03-01T00:00:00Z"))).toBe("2026-03-01");
    expect(periodStart("quarter", at("2026-01-01T00:00:00Z"))).toBe("2026-01-01");
    expect(periodStart("quarter", at("2026-03-31T23:59:59Z"))).toBe("2026-01-01");
    expect(periodStart("quarter", at("2026-04-01T00:00:00Z"))).toBe("2026-04-01");
    expect(periodStart("quarter", at("2026-09-15T00:00:00Z"))).toBe("2026-07-01");
    expect(periodStart("quarter", at("2026-12-31T23:59:59Z"))).toBe("2026-10-01");
  });
});
