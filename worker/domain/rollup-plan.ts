/**
 * Which rollup rows answer a time range. Rollups exist per UTC hour, day and month; a range is
 * covered by whole periods, added or subtracted, choosing the cover that reads the fewest periods.
 * A Warsaw day (23:00Z to 23:00Z) is "UTC day D, minus hour 23 of D, plus hour 23 of D-1": 3 periods,
 * not 24 hours. Counts are exact, so subtracting a period is as exact as adding one.
 */
export type Grain = "h" | "d" | "m";
export type Piece = { grain: Grain; period: number; sign: 1 | -1 };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function floorTo(grain: Grain, t: number): number {
  if (grain === "h") return Math.floor(t / HOUR) * HOUR;
  if (grain === "d") return Math.floor(t / DAY) * DAY;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function nextPeriod(grain: Grain, period: number): number {
  if (grain === "h") return period + HOUR;
  if (grain === "d") return period + DAY;
  const d = new Date(period);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

const ceilTo = (grain: Grain, t: number) => (floorTo(grain, t) === t ? t : nextPeriod(grain, floorTo(grain, t)));

/** True when rollups can answer [from, to) exactly: both ends on a UTC hour. */
export const isHourAligned = (from: number, to: number) => from % HOUR === 0 && to % HOUR === 0;

const negate = (pieces: Piece[]): Piece[] => pieces.map((p) => ({ ...p, sign: p.sign === 1 ? -1 : 1 }));
const cheaper = (a: Piece[], b: Piece[]) => (b.length < a.length ? b : a);

/** Pieces whose signed sum is exactly [from, to); both ends must be hour-aligned. */
export function coverRange(from: number, to: number, grains: Grain[] = ["m", "d", "h"]): Piece[] {
  if (from >= to) return [];
  const [grain, ...finer] = grains;
  if (!grain) throw new Error("coverRange: ends are not hour-aligned");
  if (grain === "h") {
    const pieces: Piece[] = [];
    for (let t = from; t < to; t += HOUR) pieces.push({ grain, period: t, sign: 1 });
    return pieces;
  }
  const first = ceilTo(grain, from);
  const last = floorTo(grain, to);
  if (first > last) {
    // Both ends inside one period P: the range itself, or P minus what lies outside the range.
    const start = floorTo(grain, from);
    const end = nextPeriod(grain, start);
    const outside = [...coverRange(start, from, finer), ...coverRange(to, end, finer)];
    return cheaper(coverRange(from, to, finer), [{ grain, period: start, sign: 1 }, ...negate(outside)]);
  }
  const middle: Piece[] = [];
  for (let t = first; t < last; t = nextPeriod(grain, t)) middle.push({ grain, period: t, sign: 1 });
  const head =
    from === first
      ? []
      : cheaper(coverRange(from, first, finer), [
          { grain, period: floorTo(grain, from), sign: 1 },
          ...negate(coverRange(floorTo(grain, from), from, finer)),
        ]);
  const tail =
    to === last
      ? []
      : cheaper(coverRange(last, to, finer), [
          { grain, period: last, sign: 1 },
          ...negate(coverRange(to, nextPeriod(grain, last), finer)),
        ]);
  return [...head, ...middle, ...tail];
}
