import { zFor } from "../../shared/stats/normal";
import { prng as seededRandom } from "../../shared/seeded-random";
/**
 * An independent, deliberately naive computation of the contract's Cell from raw scores, to check
 * the Worker's rollup-based answers against.
 */
export function referenceCell(kind: string, scores: (number | null)[]): Record<string, unknown> {
  const count = scores.length;
  if (kind === "text") return { count, mean: null, distribution: {} };
  const values = scores as number[];
  const range = { nps: [0, 10], csat: [1, 5], ces: [1, 7], thumbs: [0, 1] }[kind]!;
  const distribution: Record<string, number> = {};
  for (let s = range[0]!; s <= range[1]!; s++) distribution[s] = values.filter((v) => v === s).length;
  const mean = count ? values.reduce((a, b) => a + b, 0) / count : null;
  const pct = (n: number) => (count ? (100 * n) / count : null);
  const between = (lo: number, hi: number) => values.filter((v) => v >= lo && v <= hi).length;
  const base = { count, mean, distribution };
  if (kind === "nps") {
    const promoters = between(9, 10);
    const detractors = between(0, 6);
    return {
      ...base,
      promoters,
      passives: between(7, 8),
      detractors,
      nps: count ? (100 * (promoters - detractors)) / count : null,
      interval: referenceNpsInterval(count, promoters, detractors),
    };
  }
  if (kind === "csat")
    return { ...base, satisfied: between(4, 5), csat: pct(between(4, 5)), interval: wilson(between(4, 5), count) };
  if (kind === "ces")
    return { ...base, easy: between(5, 7), ces: pct(between(5, 7)), interval: wilson(between(5, 7), count) };
  return {
    ...base,
    up: between(1, 1),
    down: between(0, 0),
    positive: pct(between(1, 1)),
    interval: wilson(between(1, 1), count),
  };
}

/**
 * The 97.5th percentile of the standard normal (a two-sided 95% interval), as the Worker computes it: its
 * approximation differs from the exact 1.959963984540054 by about 1e-9, which moves bounds by about 1e-7 points.
 */
const Z = zFor(0.95);
const clamp = (value: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, value));

/**
 * The adjusted-Wald interval of an NPS, written out from Sauro & Lewis's recipe (MeasuringU, "Confidence
 * intervals for Net Promoter Scores"): 3/4 added to promoters and detractors, 3 to n; NPS points, within ±100.
 */
export function referenceNpsInterval(n: number, promoters: number, detractors: number): [number, number] | null {
  if (n === 0) return null;
  const [p, d] = [(promoters + 0.75) / (n + 3), (detractors + 0.75) / (n + 3)];
  const margin = Z * Math.sqrt((p + d - (p - d) ** 2) / (n + 3));
  return [100 * clamp(p - d - margin, -1, 1), 100 * clamp(p - d + margin, -1, 1)];
}

/** The Wilson score interval of `successes` out of `n`, in percent (Wilson, JASA 1927, eq. for the 95% case). */
export function wilson(successes: number, n: number): [number, number] | null {
  if (n === 0) return null;
  const p = successes / n;
  const centre = (p + (Z * Z) / (2 * n)) / (1 + (Z * Z) / n);
  const margin = (Z / (1 + (Z * Z) / n)) * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  return [100 * clamp(centre - margin, 0, 1), 100 * clamp(centre + margin, 0, 1)];
}

const toDigits = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** An interval's bounds, allowing float rounding in the last digits. */
export const round = (interval: [number, number] | null) =>
  interval === null ? null : interval.map((bound) => toDigits(bound, 9));

/** Compares cells, allowing float rounding in the last digits (of the interval's bounds too). */
export function roundCell(cell: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(cell).map(([k, v]) => [
      k,
      typeof v === "number" ? toDigits(v, 9) : k === "interval" ? round(v as [number, number] | null) : v,
    ]),
  );
}

/**
 * The project's seeded PRNG (shared/seeded-random.ts), with helpers, so a failing random run can be replayed from
 * its seed.
 */
export function prng(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
  };
}
