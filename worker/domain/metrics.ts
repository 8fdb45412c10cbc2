import { SCORE_RANGE, type Kind } from "../../schema/common";
import { headlineInterval } from "../../shared/stats/cells";
import type { Interval } from "../../shared/stats/intervals";

/** Counts of one cell: `n` responses, `scores[s]` of them gave score s (index 0..10). */
export type Tally = { n: number; scores: number[] };

export const emptyTally = (): Tally => ({ n: 0, scores: new Array<number>(11).fill(0) });

/** A stored row of counts (rollups, release groups): `n` and `s0`…`s10`. */
export const tallyOfRow = (row: { n: number } & Record<`s${number}`, number>): Tally => ({
  n: row.n,
  scores: Array.from({ length: 11 }, (_, s) => row[`s${s}`] ?? 0),
});

export function addTally(into: Tally, from: Tally, sign: 1 | -1 = 1): void {
  into.n += sign * from.n;
  for (let s = 0; s < 11; s++) into.scores[s]! += sign * (from.scores[s] ?? 0);
}

export type Cell = {
  count: number;
  mean: number | null;
  distribution: Record<string, number>;
  promoters?: number;
  passives?: number;
  detractors?: number;
  nps?: number | null;
  satisfied?: number;
  csat?: number | null;
  easy?: number;
  ces?: number | null;
  up?: number;
  down?: number;
  positive?: number | null;
  /** The headline figure's 95% interval (shared/stats/cells.ts); null with no answers. */
  interval?: Interval | null;
};

const share = (part: number, count: number) => (count === 0 ? null : (100 * part) / count);
const sumScores = (tally: Tally, from: number, to: number) => {
  let sum = 0;
  for (let s = from; s <= to; s++) sum += tally.scores[s] ?? 0;
  return sum;
};

/** The contract's Cell for a kind, with exactly its formulas (figures unrounded) and its headline's interval. */
export function toCell(kind: Kind, tally: Tally): Cell {
  const cell = figuresOf(kind, tally);
  return kind === "text" ? cell : { ...cell, interval: headlineInterval(kind, cell) };
}

function figuresOf(kind: Kind, tally: Tally): Cell {
  const count = tally.n;
  if (kind === "text") return { count, mean: null, distribution: {} };
  const { min, max } = SCORE_RANGE[kind];
  const distribution: Record<string, number> = {};
  let total = 0;
  for (let s = min; s <= max; s++) {
    distribution[String(s)] = tally.scores[s] ?? 0;
    total += s * (tally.scores[s] ?? 0);
  }
  const cell: Cell = { count, mean: count === 0 ? null : total / count, distribution };
  switch (kind) {
    case "nps": {
      const promoters = sumScores(tally, 9, 10);
      const passives = sumScores(tally, 7, 8);
      const detractors = sumScores(tally, 0, 6);
      return {
        ...cell,
        promoters,
        passives,
        detractors,
        nps: count === 0 ? null : (100 * (promoters - detractors)) / count,
      };
    }
    case "csat": {
      const satisfied = sumScores(tally, 4, 5);
      return { ...cell, satisfied, csat: share(satisfied, count) };
    }
    case "ces": {
      const easy = sumScores(tally, 5, 7);
      return { ...cell, easy, ces: share(easy, count) };
    }
    case "thumbs": {
      const up = tally.scores[1] ?? 0;
      const down = tally.scores[0] ?? 0;
      return { ...cell, up, down, positive: share(up, count) };
    }
  }
}
