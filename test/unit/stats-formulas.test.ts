import { describe, expect, it } from "vitest";
import { leadLag, fisherInterval, pearson } from "../../shared/stats/correlation";
import { npsDifference, proportionDifference } from "../../shared/stats/difference";
import { npsInterval, wilsonInterval } from "../../shared/stats/intervals";
import { normalQuantile, zFor } from "../../shared/stats/normal";

const rounded = (interval: [number, number] | null, digits: number) =>
  interval?.map((bound) => Number(bound.toFixed(digits)));

describe("the statistics agree with their published worked examples", () => {
  it("z: 1.959964 at 95% and 2.575829 at 99%, from the normal quantile", () => {
    expect(zFor(0.95)).toBeCloseTo(1.959964, 5);
    expect(zFor(0.99)).toBeCloseTo(2.575829, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
  });

  // R. G. Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven methods",
  // Statistics in Medicine 17 (1998), table II, method 3 (score interval without continuity correction).
  it("Wilson matches Newcombe's table: 81/263, 15/148, 0/20 and 1/29", () => {
    expect(rounded(wilsonInterval(81, 263), 2)).toEqual([25.53, 36.62]);
    expect(rounded(wilsonInterval(15, 148), 2)).toEqual([6.24, 16.05]);
    expect(rounded(wilsonInterval(0, 20), 2)).toEqual([0, 16.11]);
    expect(rounded(wilsonInterval(1, 29), 2)).toEqual([0.61, 17.18]);
  });

  it("adjusted-Wald NPS: 3 added to n and 3/4 to promoters and detractors, clamped to ±100", () => {
    // 10 answers, all passives: shares 0.75/13 each, variance 1.5/13, margin 1.96·sqrt(1.5/169) = 18.47 points.
    expect(rounded(npsInterval({ n: 10, promoters: 0, detractors: 0 }), 2)).toEqual([-18.47, 18.47]);
    expect(npsInterval({ n: 5, promoters: 5, detractors: 0 })![1]).toBe(100);
    expect(npsInterval({ n: 0, promoters: 0, detractors: 0 })).toBeNull();
  });

  it("differences are B minus A, significant only when the interval leaves out 0", () => {
    const same = proportionDifference({ successes: 30, n: 40 }, { successes: 30, n: 40 })!;
    expect(same.difference).toBe(0);
    expect(same.significant).toBe(false);
    const rise = npsDifference({ n: 200, promoters: 60, detractors: 60 }, { n: 200, promoters: 120, detractors: 20 })!;
    expect(rise.difference).toBeCloseTo(50, 10);
    expect(rise.significant).toBe(true);
    expect(rise.interval[0]).toBeGreaterThan(0);
    expect(proportionDifference({ successes: 1, n: 0 }, { successes: 1, n: 2 })).toBeNull();
  });

  it("Fisher z: r = 0.5 over 20 pairs is 0.07 to 0.77", () => {
    expect(rounded(fisherInterval(0.5, 20), 2)).toEqual([0.07, 0.77]);
    expect(fisherInterval(0.5, 3)).toBeNull();
  });

  it("lead/lag pairs internal at t with external at t + lag, skips gaps, and gives no r below 8 pairs", () => {
    const internal = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const external = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => 10 - v);
    const lags = leadLag(internal, external);
    expect(lags.map((lag) => lag.pairs)).toEqual([10, 10, 9, 8]);
    expect(lags.every((lag) => lag.r !== null && lag.r < -0.999)).toBe(true);
    const gappy = leadLag([1, null, 3, 4, 5, 6, 7, 8, 9], [2, 3, null, 5, 6, 7, 8, 9, 10]);
    expect(gappy[0]).toMatchObject({ pairs: 7, r: null, interval: null });
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});
