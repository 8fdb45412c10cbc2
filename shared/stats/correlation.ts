import type { Interval } from "./intervals";
import { CONFIDENCE, zFor } from "./normal";

/** Below this many paired periods a correlation is too unsteady to show (the rule; Fisher z needs n > 3). */
export const MIN_PAIRED_PERIODS = 8;

/** Pearson's r of paired values, or null when either side does not vary. */
export function pearson(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  const meanX = xs.reduce((sum, x) => sum + x, 0) / n;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / n;
  let [sxy, sxx, syy] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const [dx, dy] = [xs[i]! - meanX, ys[i]! - meanY];
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * The interval of a correlation through Fisher's z = atanh(r), roughly normal with standard error 1/sqrt(n - 3)
 * (R. A. Fisher, "On the probable error of a coefficient of correlation deduced from a small sample", Metron 1,
 * 1921). It assumes independent pairs: a trending series breaks that, so the interval is a guide, not a test.
 */
export function fisherInterval(r: number, pairs: number, confidence = CONFIDENCE): Interval | null {
  if (pairs <= 3) return null;
  const z = Math.atanh(Math.max(-0.999999, Math.min(0.999999, r)));
  const margin = zFor(confidence) / Math.sqrt(pairs - 3);
  return [Math.tanh(z - margin), Math.tanh(z + margin)];
}

export type Lag = {
  /** Periods by which the internal series leads: internal at t against external at t + lag. */
  lag: number;
  pairs: number;
  /** Null below MIN_PAIRED_PERIODS pairs, or when a side is flat. */
  r: number | null;
  interval: Interval | null;
};

/**
 * Internal figures against external ones `lag` periods later, for lags 0..maxLag. A period counts only where
 * both sides have a figure (null: no figure, or one withheld).
 */
export function leadLag(internal: (number | null)[], external: (number | null)[], maxLag = 3): Lag[] {
  return Array.from({ length: maxLag + 1 }, (_, lag) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let t = 0; t + lag < external.length && t < internal.length; t++) {
      const [x, y] = [internal[t], external[t + lag]];
      if (x == null || y == null) continue;
      xs.push(x);
      ys.push(y);
    }
    const r = xs.length >= MIN_PAIRED_PERIODS ? pearson(xs, ys) : null;
    return { lag, pairs: xs.length, r, interval: r === null ? null : fisherInterval(r, xs.length) };
  });
}
