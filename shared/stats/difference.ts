import { adjustedNps, type Interval, type NpsCounts } from "./intervals";
import { CONFIDENCE, zFor } from "./normal";

/** B minus A, in the figure's units, with its interval; significant when the interval leaves out 0. */
export type Difference = { difference: number; interval: Interval; significant: boolean };

const result = (difference: number, centre: number, margin: number): Difference => {
  const interval: Interval = [100 * (centre - margin), 100 * (centre + margin)];
  return { difference: 100 * difference, interval, significant: interval[0] > 0 || interval[1] < 0 };
};

/**
 * Two independent NPS: the difference of their adjusted-Wald estimates, its standard error the root of the sum
 * of their variances (MeasuringU, "How to compare two Net Promoter Scores", Sauro & Lewis, 2021). The
 * difference reported is the observed one; the interval is centred on the adjusted one.
 */
export function npsDifference(a: NpsCounts, b: NpsCounts, confidence = CONFIDENCE): Difference | null {
  if (a.n <= 0 || b.n <= 0) return null;
  const [adjustedA, adjustedB] = [adjustedNps(a), adjustedNps(b)];
  const observed = (b.promoters - b.detractors) / b.n - (a.promoters - a.detractors) / a.n;
  const margin = zFor(confidence) * Math.sqrt(adjustedA.variance / adjustedA.n + adjustedB.variance / adjustedB.n);
  return result(observed, adjustedB.nps - adjustedA.nps, margin);
}

/**
 * Two independent proportions: the Agresti–Caffo interval, the Wald interval after adding one success and one
 * failure to each side, whose coverage holds near 95% even at small n (A. Agresti & B. Caffo, "Simple and
 * effective confidence intervals for proportions and differences of proportions", The American Statistician
 * 54(4), 2000).
 */
export function proportionDifference(
  a: { successes: number; n: number },
  b: { successes: number; n: number },
  confidence = CONFIDENCE,
): Difference | null {
  if (a.n <= 0 || b.n <= 0) return null;
  const [pa, pb] = [(a.successes + 1) / (a.n + 2), (b.successes + 1) / (b.n + 2)];
  const margin = zFor(confidence) * Math.sqrt((pa * (1 - pa)) / (a.n + 2) + (pb * (1 - pb)) / (b.n + 2));
  return result(b.successes / b.n - a.successes / a.n, pb - pa, margin);
}
