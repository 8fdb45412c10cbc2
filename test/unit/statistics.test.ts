import { describe, expect, it } from "vitest";
import type { Cell } from "../../worker/domain/metrics";
import { headlineDifference, significantSteps, type ScoreKind } from "../../shared/stats/cells";
import { fisherInterval, pearson } from "../../shared/stats/correlation";
import { prng } from "../../shared/seeded-random";
import { KNOWN } from "./stats/distributions";
import { sampler, scores, trueFigure } from "./stats/draw";

const SAMPLES = 2_000;
const KINDS: ScoreKind[] = ["nps", "csat", "ces", "thumbs"];

/** The textbook Wald interval, p ± z·sqrt(p(1-p)/n), for NPS over -1/0/+1: what not to use at small n. */
function plainWald(kind: ScoreKind, cell: Cell): [number, number] {
  const n = cell.count;
  if (kind === "nps") {
    const [p, d] = [cell.promoters! / n, cell.detractors! / n];
    const margin = 1.96 * Math.sqrt((p + d - (p - d) ** 2) / n);
    return [100 * (p - d - margin), 100 * (p - d + margin)];
  }
  const p = (kind === "csat" ? cell.satisfied! : kind === "ces" ? cell.easy! : cell.up!) / n;
  const margin = 1.96 * Math.sqrt((p * (1 - p)) / n);
  return [100 * (p - margin), 100 * (p + margin)];
}

/** The share of SAMPLES cells of n answers whose interval holds the true figure, cycling through KNOWN. */
function coverage(kind: ScoreKind, n: number, interval: (cell: Cell) => [number, number] | null | undefined) {
  const draw = sampler(1_000 * n + KINDS.indexOf(kind));
  const known = KNOWN[kind];
  let covered = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const weights = known[i % known.length]!;
    const [lo, hi] = interval(draw(kind, weights, n)) ?? [Number.NaN, Number.NaN];
    const truth = trueFigure(kind, weights);
    if (lo <= truth + 1e-9 && truth <= hi + 1e-9) covered++;
  }
  return covered / SAMPLES;
}

describe("95% intervals keep their promise at small counts (2,000 samples per kind and n)", () => {
  for (const kind of KINDS)
    for (const n of [10, 30, 200])
      it(`${kind} at n = ${n}: adjusted Wald (NPS) or Wilson covers the true figure 93–97% of the time`, () => {
        const share = coverage(kind, n, (cell) => cell.interval);
        expect(share).toBeGreaterThanOrEqual(0.93);
        expect(share).toBeLessThanOrEqual(0.97);
      });

  for (const kind of KINDS)
    it(`${kind} at n = 10: the plain Wald interval falls out of that band, so the check above can fail`, () => {
      expect(coverage(kind, 10, (cell) => plainWald(kind, cell))).toBeLessThan(0.93);
    });
});

describe("a difference is called significant when it is real, and only then", () => {
  const draw = sampler(7);
  const rate = (kind: ScoreKind, a: number[], b: number[], n: number, runs = SAMPLES) => {
    let significant = 0;
    for (let i = 0; i < runs; i++)
      if (headlineDifference(kind, draw(kind, a, n), draw(kind, b, n))?.significant) significant++;
    return significant / runs;
  };

  for (const kind of KINDS)
    for (const n of [30, 200])
      it(`${kind}: fewer than 6% of 2,000 A/A comparisons at n = ${n} per side are called significant`, () => {
        const known = KNOWN[kind];
        let significant = 0;
        for (let i = 0; i < SAMPLES; i++) {
          const weights = known[i % known.length]!;
          if (headlineDifference(kind, draw(kind, weights, n), draw(kind, weights, n))?.significant) significant++;
        }
        expect(significant / SAMPLES).toBeLessThan(0.06);
      });

  // Power depends on the spread of answers as much as on the shift: NPS's per-answer variance is
  // p + d - (p - d)^2, small when most answers are passives and about 0.6 for a typical spread.
  it("detects a 15-point NPS shift at n = 200 per side at least 80% of the time when most answers are passives", () => {
    const steady = scores(0, 1, 1, 1, 1, 1, 2, 3, 40, 40, 5, 5); // 10% promoters, 10% detractors: NPS 0
    const better = scores(0, 0, 0, 0, 0, 0, 1, 1.5, 40, 40, 9, 8.5); // 17.5% and 2.5%: NPS +15
    expect(trueFigure("nps", better) - trueFigure("nps", steady)).toBeCloseTo(15, 6);
    expect(rate("nps", steady, better, 200)).toBeGreaterThanOrEqual(0.8);
  });

  it("with a typical spread, power matches the normal approximation: about half at n = 200, 80% by n = 500", () => {
    const typical = scores(0, 3, 2, 2, 3, 3, 5, 7, 20, 15, 20, 20); // 40% promoters, 25% detractors: +15
    const shifted = scores(0, 2, 1, 1, 2, 2, 4, 5.5, 20, 15, 27.5, 20); // 47.5% and 17.5%: +30
    expect(trueFigure("nps", shifted) - trueFigure("nps", typical)).toBeCloseTo(15, 6);
    const variance = (promoters: number, detractors: number) => promoters + detractors - (promoters - detractors) ** 2;
    const predicted = (n: number) => {
      const z = 0.15 / Math.sqrt((variance(0.4, 0.25) + variance(0.475, 0.175)) / n) - 1.96;
      return 0.5 * (1 + Math.tanh(0.7978845608 * (z + 0.044715 * z ** 3))); // Φ(z) to about 0.001
    };
    const at200 = rate("nps", typical, shifted, 200);
    expect(Math.abs(at200 - predicted(200))).toBeLessThan(0.05);
    expect(at200).toBeLessThan(0.7);
    expect(rate("nps", typical, shifted, 500, 1_000)).toBeGreaterThanOrEqual(0.8);
  });
});

describe("series marks and correlations", () => {
  const draw = sampler(11);
  it("marks no point of a flat series of noise in at least 95% of 1,000 twelve-point series", () => {
    let marked = 0;
    for (let i = 0; i < 1_000; i++) {
      const weights = KNOWN.csat[i % KNOWN.csat.length]!;
      const series = Array.from({ length: 12 }, () => draw("csat", weights, 40));
      if (significantSteps("csat", series).some(Boolean)) marked++;
    }
    expect(marked / 1_000).toBeLessThan(0.05);
  });

  it("marks a real jump: CSAT from 60% to 90% between two weeks of 100 answers", () => {
    const before = Array.from({ length: 6 }, () => draw("csat", KNOWN.csat[2]!, 100));
    const after = Array.from({ length: 6 }, () => draw("csat", KNOWN.csat[8]!, 100));
    expect(significantSteps("csat", [...before, ...after])).toEqual([
      ...new Array(6).fill(false),
      true,
      ...new Array(5).fill(false),
    ]);
  });

  it("the Fisher z interval of r holds the true correlation 93–97% of the time at 20 paired periods", () => {
    const random = prng(5);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const rho = 0.5;
    let covered = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const xs: number[] = [];
      const ys: number[] = [];
      for (let t = 0; t < 20; t++) {
        const [x, e] = [normal(), normal()];
        xs.push(x);
        ys.push(rho * x + Math.sqrt(1 - rho * rho) * e);
      }
      const [lo, hi] = fisherInterval(pearson(xs, ys)!, 20)!;
      if (lo <= rho && rho <= hi) covered++;
    }
    expect(covered / SAMPLES).toBeGreaterThanOrEqual(0.93);
    expect(covered / SAMPLES).toBeLessThanOrEqual(0.97);
  });
});
