import type { Kind } from "../../../schema/common";
import { scores, type ScoreDistribution } from "./draw";

/**
 * Known score distributions for each kind, chosen to span what services get: headline shares of 50% to 95%
 * (NPS from -30 to +60). A coverage run cycles through them, so no one true value whose binomial lattice
 * happens to suit (or spite) the interval decides the result: Wilson's coverage at a single p oscillates with
 * n, from about 91% to 98% at n = 10 (Brown, Cai & DasGupta 2001, fig. 4), and methods are compared on
 * coverage over a spread of p (Agresti & Coull 1998).
 */
export const KNOWN: Record<Exclude<Kind, "text">, ScoreDistribution[]> = {
  nps: [
    scores(0, 2, 1, 1, 2, 2, 4, 8, 15, 15, 25, 25), // +32
    scores(0, 4, 3, 3, 4, 4, 6, 11, 15, 15, 17, 18), // 0
    scores(0, 1, 0, 1, 1, 1, 2, 4, 10, 10, 30, 40), // +60
    scores(0, 8, 6, 6, 6, 6, 8, 10, 10, 10, 15, 15), // -20
    scores(0, 3, 2, 2, 3, 3, 5, 7, 20, 25, 15, 15), // +5
    scores(0, 10, 8, 8, 7, 7, 8, 7, 10, 10, 12, 13), // -30
    scores(0, 2, 2, 2, 2, 2, 3, 7, 20, 20, 20, 20), // +20
    scores(0, 5, 3, 2, 3, 3, 4, 5, 15, 15, 20, 25), // +20
  ],
  csat: [
    scores(1, 15, 15, 20, 25, 25), // 50%
    scores(1, 15, 10, 20, 25, 30), // 55%
    scores(1, 10, 10, 20, 30, 30), // 60%
    scores(1, 10, 10, 15, 30, 35), // 65%
    scores(1, 10, 5, 15, 30, 40), // 70%
    scores(1, 5, 5, 15, 35, 40), // 75%
    scores(1, 5, 5, 10, 40, 40), // 80%
    scores(1, 5, 5, 5, 40, 45), // 85%
    scores(1, 2, 3, 5, 30, 60), // 90%
    scores(1, 1, 1, 3, 25, 70), // 95%
  ],
  ces: [
    scores(1, 10, 10, 15, 15, 20, 15, 15), // 50%
    scores(1, 8, 8, 12, 12, 20, 20, 20), // 60%
    scores(1, 5, 5, 10, 10, 20, 25, 25), // 70%
    scores(1, 3, 4, 8, 10, 15, 30, 30), // 75%
    scores(1, 2, 3, 5, 10, 20, 30, 30), // 80%
    scores(1, 2, 2, 3, 8, 15, 30, 40), // 85%
    scores(1, 1, 1, 3, 5, 10, 30, 50), // 90%
    scores(1, 1, 1, 1, 2, 5, 20, 70), // 95%
  ],
  thumbs: [
    scores(0, 50, 50),
    scores(0, 40, 60),
    scores(0, 30, 70),
    scores(0, 25, 75),
    scores(0, 20, 80),
    scores(0, 15, 85),
    scores(0, 10, 90),
    scores(0, 5, 95),
  ],
};
