import { wallTime, zonedToEpoch } from "./zoned-time";

export type BucketSize = "hour" | "day" | "week" | "month";

export const MAX_BUCKETS = 2000;

/** Start of the bucket (in the zone) holding an instant. Weeks start on Monday (ISO 8601). */
export function bucketStart(size: BucketSize, timeZone: string, epochMs: number): number {
  const w = wallTime(timeZone, epochMs);
  switch (size) {
    case "hour":
      return zonedToEpoch(timeZone, w.year, w.month, w.day, w.hour);
    case "day":
      return zonedToEpoch(timeZone, w.year, w.month, w.day);
    case "week": {
      const weekday = (new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() + 6) % 7; // Monday = 0
      const monday = new Date(Date.UTC(w.year, w.month - 1, w.day - weekday));
      return zonedToEpoch(timeZone, monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate());
    }
    case "month":
      return zonedToEpoch(timeZone, w.year, w.month, 1);
  }
}

/** Start of the bucket after the one that starts at `start`. */
export function nextBucket(size: BucketSize, timeZone: string, start: number): number {
  const w = wallTime(timeZone, start);
  switch (size) {
    case "hour":
      // Local hours are an hour of real time apart, also across DST changes (which repeat or skip one).
      return start + 3_600_000;
    case "day":
    case "week": {
      const days = size === "day" ? 1 : 7;
      const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
      return zonedToEpoch(timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    }
    case "month": {
      const d = new Date(Date.UTC(w.year, w.month, 1));
      return zonedToEpoch(timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
  }
}

export type Bucket = {
  /** Where the bucket starts in the zone: the label of a series point. */
  start: number;
  /** The part of the bucket inside the query's [from, to): what the point counts. */
  from: number;
  to: number;
};

/** The buckets that cover [from, to); the first and last are clipped to the range. */
export function bucketRanges(size: BucketSize, timeZone: string, from: number, to: number): Bucket[] {
  const buckets: Bucket[] = [];
  for (let start = bucketStart(size, timeZone, from); start < to; ) {
    const end = nextBucket(size, timeZone, start);
    buckets.push({ start, from: Math.max(start, from), to: Math.min(end, to) });
    if (buckets.length > MAX_BUCKETS) throw new RangeError(`more than ${MAX_BUCKETS} buckets`);
    start = end;
  }
  return buckets;
}

/** ISO 8601 with the zone's numeric offset, e.g. `2026-03-29T00:00:00+01:00`. */
export function isoWithOffset(timeZone: string, epochMs: number): string {
  const w = wallTime(timeZone, epochMs);
  const offsetMinutes = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - epochMs) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const offset = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:00${offset}`;
}
