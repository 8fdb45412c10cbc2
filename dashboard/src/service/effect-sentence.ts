import { strings } from "../strings";

/**
 * Below this many answers on a side, a change that the test does not find says nothing yet: the interval of
 * a difference of two shares at n = 30 a side is already about ±25 points, so "within the noise" would be
 * the only possible verdict for anything smaller than a landslide. A change found significant at smaller n
 * is still reported: the test (Agresti–Caffo, adjusted Wald) keeps its 95% at small n.
 */
export const MIN_ANSWERS_PER_SIDE = 30;

export type EffectFacts = {
  audience: string;
  kind: string;
  /** After minus before, in points; null when a side has no answers. */
  difference: number | null;
  interval: [number, number] | null;
  significant: boolean;
  before: number;
  after: number;
};

/** Whole points: a difference read to a tenth of a point claims more than its interval allows. */
const points = (value: number) => Math.round(Math.abs(value));

/**
 * A before/after comparison in one plain sentence: "Customers' CSAT rose 11 points (±6), a real change",
 * "Employees' CSAT fell 3 points (±12): within the noise", or "No detectable change yet (n = 14)" when a
 * side has too few answers to tell. The ± is half the interval's width, which is centred on the adjusted
 * estimate, so it reads as the margin of the difference rather than its exact bounds.
 */
export function effectSentence(facts: EffectFacts): string {
  const t = strings.actions.sentence;
  const verdict = verdictOf(facts);
  if (verdict === "unknown" || facts.difference === null || facts.interval === null)
    return t.noChangeYet(Math.min(facts.before, facts.after));
  const who = t.whose(strings.audiences[facts.audience] ?? facts.audience, strings.kinds[facts.kind] ?? facts.kind);
  const margin = points((facts.interval[1] - facts.interval[0]) / 2);
  const size = points(facts.difference);
  const moved = size === 0 ? t.held(who, margin) : t.moved(who, facts.difference > 0, size, margin);
  return verdict === "real" ? t.real(moved) : t.noise(moved);
}

/** What a comparison shows: a real change, noise, or nothing yet (a side with no or too few answers). */
export function verdictOf(facts: EffectFacts): "real" | "noise" | "unknown" {
  if (facts.difference === null || facts.interval === null) return "unknown";
  if (facts.significant) return "real";
  return Math.min(facts.before, facts.after) < MIN_ANSWERS_PER_SIDE ? "unknown" : "noise";
}
