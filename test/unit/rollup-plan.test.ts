import { describe, expect, it } from "vitest";
import { coverRange, nextPeriod, type Piece } from "../../worker/domain/rollup-plan";
import { prng } from "../integration/reference";

const HOUR = 3_600_000;

/** How many times each hour of [lo, hi) is counted by the signed pieces. */
function hourCounts(pieces: Piece[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const piece of pieces) {
    for (let t = piece.period; t < nextPeriod(piece.grain, piece.period); t += HOUR)
      counts.set(t, (counts.get(t) ?? 0) + piece.sign);
  }
  for (const [t, n] of counts) if (n === 0) counts.delete(t);
  return counts;
}

describe("coverRange", () => {
  it("counts every hour of the range exactly once and nothing else, for random ranges", () => {
    const random = prng(42);
    for (let i = 0; i < 200; i++) {
      const from = Date.parse("2025-11-01T00:00:00Z") + random.int(0, 400 * 24) * HOUR;
      const to = from + random.int(1, 100 * 24) * HOUR;
      const counts = hourCounts(coverRange(from, to));
      const wrong = [...counts].filter(([t, n]) => n !== 1 || t < from || t >= to);
      expect({ size: counts.size, wrong }, `${new Date(from).toISOString()}..${new Date(to).toISOString()}`).toEqual({
        size: (to - from) / HOUR,
        wrong: [],
      });
    }
  });

  it("reads a Warsaw local day as three periods, not 24 hours", () => {
    const from = Date.parse("2026-03-09T23:00:00Z");
    const pieces = coverRange(from, from + 24 * HOUR);
    expect(pieces).toHaveLength(3);
    expect(pieces.filter((p) => p.grain === "d")).toHaveLength(1);
  });

  it("reads a whole UTC year as twelve months", () => {
    expect(coverRange(Date.parse("2026-01-01T00:00:00Z"), Date.parse("2027-01-01T00:00:00Z"))).toHaveLength(12);
  });
});
