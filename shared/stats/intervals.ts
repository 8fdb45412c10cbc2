import { CONFIDENCE, zFor } from "./normal";

/** An interval in the figure's own units: NPS points (-100..100) or percent (0..100). */
export type Interval = [lo: number, hi: number];

/** Promoters and detractors out of `n` answers. */
export type NpsCounts = { n: number; promoters: number; detractors: number };

const clamp = (value: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, value));

/**
 * The adjusted-Wald interval of an NPS: add 3 to n and 3/4 to the promoters and to the detractors, then use
 * the variance of a difference of two proportions from one sample. Rocks (2016), "Interval estimation for the
 * 'net promoter score'", The American Statistician 70(4), found it the best of six methods at small n; MeasuringU
 * recommends it ("Confidence intervals for Net Promoter Scores", Sauro & Lewis, 2021:
 * measuringu.com/nps-confidence-intervals). Its centre is the adjusted NPS, not the observed one.
 */
export function adjustedNps({ n, promoters, detractors }: NpsCounts): { nps: number; variance: number; n: number } {
  const adjustedN = n + 3;
  const promoterShare = (promoters + 0.75) / adjustedN;
  const detractorShare = (detractors + 0.75) / adjustedN;
  const nps = promoterShare - detractorShare;
  return { nps, variance: promoterShare + detractorShare - nps * nps, n: adjustedN };
}

export function npsInterval(counts: NpsCounts, confidence = CONFIDENCE): Interval | null {
  if (counts.n <= 0) return null;
  const { nps, variance, n } = adjustedNps(counts);
  const margin = zFor(confidence) * Math.sqrt(variance / n);
  return [100 * clamp(nps - margin, -1, 1), 100 * clamp(nps + margin, -1, 1)];
}

/**
 * The Wilson score interval of a proportion, in percent: its coverage stays near the nominal level at small n
 * and near 0% or 100%, where the plain Wald interval collapses (E. B. Wilson, "Probable inference, the law of
 * succession, and statistical inference", JASA 22, 1927; Brown, Cai & DasGupta, "Interval estimation for a
 * binomial proportion", Statistical Science 16, 2001, recommend it for n below 40).
 */
export function wilsonInterval(successes: number, n: number, confidence = CONFIDENCE): Interval | null {
  if (n <= 0) return null;
  const z = zFor(confidence);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const margin = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return [100 * clamp(centre - margin, 0, 1), 100 * clamp(centre + margin, 0, 1)];
}
