import { describe, expect, it } from "vitest";
import { suppressionMask } from "../../worker/domain/privacy";

describe("suppressionMask", () => {
  it("hides internal cells under the threshold and shows them at it", () => {
    expect(suppressionMask([{ count: 4, threshold: 5 }])).toEqual([true]);
    expect(suppressionMask([{ count: 5, threshold: 5 }])).toEqual([false]);
    expect(suppressionMask([{ count: 1, threshold: 0 }])).toEqual([false]);
  });

  it("hides the next-smallest sibling so the hidden one cannot be worked out from the total", () => {
    expect(suppressionMask([{ count: 40, threshold: 5 }, { count: 2, threshold: 5 }, { count: 9, threshold: 5 }, { count: 7, threshold: 5 }])).toEqual([false, true, false, true]);
  });

  it("keeps hiding until the hidden cells together reach the threshold", () => {
    expect(suppressionMask([{ count: 1, threshold: 5 }, { count: 1, threshold: 5 }, { count: 6, threshold: 5 }, { count: 30, threshold: 5 }])).toEqual([true, true, true, false]);
  });
});
