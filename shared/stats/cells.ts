import { proportionDifference, npsDifference, type Difference } from "./difference";
import { npsInterval, wilsonInterval, type Interval } from "./intervals";
import { CONFIDENCE } from "./normal";

/** The counts behind a cell's headline figure (schema/aggregates.ts Cell). */
export type HeadlineCounts = {
  count: number;
  promoters?: number;
  detractors?: number;
  satisfied?: number;
  easy?: number;
  up?: number;
};

export type ScoreKind = "nps" | "csat" | "ces" | "thumbs";

/** The answers that count as a success for a percentage kind: satisfied, easy or thumbs up. */
const successesOf = (kind: Exclude<ScoreKind, "nps">, cell: HeadlineCounts) =>
  (kind === "csat" ? cell.satisfied : kind === "ces" ? cell.easy : cell.up) ?? 0;

const npsCounts = (cell: HeadlineCounts) => ({
  n: cell.count,
  promoters: cell.promoters ?? 0,
  detractors: cell.detractors ?? 0,
});

/** A cell's 95% interval: adjusted Wald for NPS, Wilson for the percentages; null for no answers. */
export function headlineInterval(kind: ScoreKind, cell: HeadlineCounts, confidence = CONFIDENCE): Interval | null {
  return kind === "nps"
    ? npsInterval(npsCounts(cell), confidence)
    : wilsonInterval(successesOf(kind, cell), cell.count, confidence);
}

/** B's headline figure minus A's, with its interval; null when either has no answers. */
export function headlineDifference(
  kind: ScoreKind,
  a: HeadlineCounts,
  b: HeadlineCounts,
  confidence = CONFIDENCE,
): Difference | null {
  if (kind === "nps") return npsDifference(npsCounts(a), npsCounts(b), confidence);
  const side = (cell: HeadlineCounts) => ({ successes: successesOf(kind, cell), n: cell.count });
  return proportionDifference(side(a), side(b), confidence);
}

/**
 * Which points of a series differ from the point before at `confidence` across the whole series: a chart of
 * m comparisons tests each at 1 - (1 - confidence) / m (Bonferroni), so a flat series of noise is marked at most
 * 5% of the time in all, not 5% per point. Index i is whether point i differs from the last point with answers
 * before it.
 */
export function significantSteps(
  kind: ScoreKind,
  points: (HeadlineCounts | null)[],
  confidence = CONFIDENCE,
): boolean[] {
  const pairs: [number, number][] = [];
  let last = -1;
  points.forEach((point, i) => {
    if (!point || point.count <= 0) return;
    if (last >= 0) pairs.push([last, i]);
    last = i;
  });
  const marked = points.map(() => false);
  const perTest = 1 - (1 - confidence) / Math.max(1, pairs.length);
  for (const [before, after] of pairs)
    marked[after] = headlineDifference(kind, points[before]!, points[after]!, perTest)?.significant ?? false;
  return marked;
}
