import { describe, expect, it } from "vitest";
import { effectSentence, MIN_ANSWERS_PER_SIDE, type EffectFacts } from "../../dashboard/src/service/effect-sentence";

/** A before/after card's sentence (issue 15 item 3): what a manager reads first, so every branch is pinned. */
const facts = (patch: Partial<EffectFacts>): EffectFacts => ({
  audience: "external",
  kind: "csat",
  difference: 11.2,
  interval: [5.4, 17.4],
  significant: true,
  before: 120,
  after: 118,
  ...patch,
});

describe("effectSentence", () => {
  it("a significant rise is a real change, in whole points with half the interval as its margin", () => {
    expect(effectSentence(facts({}))).toBe("Customers' CSAT rose 11 points (±6), a real change");
  });

  it("a fall whose interval holds 0 is within the noise", () => {
    const sentence = effectSentence(
      facts({ audience: "internal", difference: -3.4, interval: [-15.1, 8.9], significant: false }),
    );
    expect(sentence).toBe("Employees' CSAT fell 3 points (±12): within the noise");
  });

  it("a side with too few answers and no significant change: no detectable change yet, with its n", () => {
    const few = MIN_ANSWERS_PER_SIDE - 16;
    const sentence = effectSentence(facts({ difference: 9, interval: [-20, 38], significant: false, after: few }));
    expect(sentence).toBe(`No detectable change yet (n = ${few})`);
  });

  it("a side with no answers at all (no difference to compute) says the same", () => {
    expect(effectSentence(facts({ difference: null, interval: null, significant: false, after: 0 }))).toBe(
      "No detectable change yet (n = 0)",
    );
  });

  it("a significant change is reported even at small n: the test keeps its 95% there", () => {
    const sentence = effectSentence(
      facts({ kind: "nps", difference: -42, interval: [-70, -14], before: 12, after: 14 }),
    );
    expect(sentence).toBe("Customers' NPS fell 42 points (±28), a real change");
  });

  it("one point is singular, and a change under half a point held steady", () => {
    expect(effectSentence(facts({ difference: 1.2, interval: [-3, 5], significant: false }))).toBe(
      "Customers' CSAT rose 1 point (±4): within the noise",
    );
    expect(effectSentence(facts({ difference: 0.3, interval: [-4, 4.6], significant: false }))).toBe(
      "Customers' CSAT held steady (±4): within the noise",
    );
  });
});
