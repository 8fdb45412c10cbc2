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
    };
  }
  if (kind === "csat") return { ...base, satisfied: between(4, 5), csat: pct(between(4, 5)) };
  if (kind === "ces") return { ...base, easy: between(5, 7), ces: pct(between(5, 7)) };
  return { ...base, up: between(1, 1), down: between(0, 0), positive: pct(between(1, 1)) };
}

/** Compares cells, allowing float rounding in the last digits. */
export function roundCell(cell: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(cell).map(([k, v]) => [k, typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v]),
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
