import type { Kind } from "../../../schema/common";
import { prng } from "../../../shared/seeded-random";
import { emptyTally, toCell, type Cell } from "../../../worker/domain/metrics";

/** A known distribution of scores: `weights[s]` is the chance of score s (index 0..10). */
export type ScoreDistribution = number[];

/** The headline figure a distribution truly has, in the cell's units. */
export function trueFigure(kind: Exclude<Kind, "text">, weights: ScoreDistribution): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const share = (from: number, to: number) => (100 * weights.slice(from, to + 1).reduce((s, w) => s + w, 0)) / total;
  if (kind === "nps") return share(9, 10) - share(0, 6);
  if (kind === "csat") return share(4, 5);
  if (kind === "ces") return share(5, 7);
  return share(1, 1);
}

/** A seeded sampler: n answers from a distribution, folded into the product's own cell (toCell). */
export function sampler(seed: number) {
  const random = prng(seed);
  return (kind: Kind, weights: ScoreDistribution, n: number): Cell => {
    const total = weights.reduce((sum, w) => sum + w, 0);
    const tally = emptyTally();
    for (let i = 0; i < n; i++) {
      let u = random() * total;
      let score = 0;
      while (u >= weights[score]! && score < weights.length - 1) u -= weights[score++]!;
      tally.scores[score]!++;
      tally.n++;
    }
    return toCell(kind, tally);
  };
}

/** Shorthand for a distribution over the scores from..: the rest of 0..10 get no weight. */
export const scores = (from: number, ...weights: number[]): ScoreDistribution =>
  Array.from({ length: 11 }, (_, s) => (s >= from && s < from + weights.length ? weights[s - from]! : 0));
