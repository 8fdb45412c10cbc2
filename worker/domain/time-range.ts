import type { BucketSize } from "./buckets";
import { bucketStart } from "./buckets";
import { zonedToEpoch } from "./zoned-time";

/** Reads an ISO date or date-time; without an offset it is wall-clock time in `timeZone`. */
export function parseInstant(value: string, timeZone: string): number {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(value)) return Date.parse(value);
  const [date, time = "00:00"] = value.split("T");
  const [year, month, day] = date!.split("-").map(Number);
  const [hour, minute, second = "0"] = time.split(":");
  return zonedToEpoch(timeZone, year!, month!, day!, Number(hour), Number(minute)) + Math.round(Number(second) * 1000);
}

/** How far back a series goes when `from` is not given: a readable number of points. */
const DEFAULT_POINTS: Record<BucketSize, number> = { hour: 48, day: 30, week: 12, month: 12 };
const HOUR = 3_600_000;

export function resolveRange(
  query: { from?: string; to?: string; bucket?: BucketSize },
  timeZone: string,
  now: number,
): { from: number; to: number } {
  const to = query.to ? parseInstant(query.to, timeZone) : Math.ceil(now / HOUR) * HOUR;
  let from = 0;
  if (query.from) from = parseInstant(query.from, timeZone);
  else if (query.bucket) {
    const span = { hour: HOUR, day: 24 * HOUR, week: 7 * 24 * HOUR, month: 31 * 24 * HOUR }[query.bucket];
    from = bucketStart(query.bucket, timeZone, to - DEFAULT_POINTS[query.bucket] * span + span);
  }
  return { from, to };
}
