/**
 * Wall-clock arithmetic in IANA time zones with nothing but Intl, so buckets follow the zone's local
 * midnight across daylight-saving changes (a local day may last 23 or 25 hours).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export type WallTime = { year: number; month: number; day: number; hour: number; minute: number };

/** The local wall-clock time at an instant. `month` is 1-based. */
export function wallTime(timeZone: string, epochMs: number): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(epochMs)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** Offset of the zone from UTC at an instant, in milliseconds. */
export function offsetAt(timeZone: string, epochMs: number): number {
  const wall = wallTime(timeZone, epochMs);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return asUtc - Math.floor(epochMs / 60_000) * 60_000;
}

/**
 * The first instant whose local time is at or after the given wall-clock time. When the time does
 * not exist (skipped by a DST jump) that is the moment the clocks jumped; when it exists twice, the
 * earlier one.
 */
export function zonedToEpoch(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Offsets on Earth lie within ±14 h; try the offsets seen around the guess and keep the earliest match.
  const candidates = new Set<number>();
  for (const probe of [wall - 14 * 3_600_000, wall, wall + 14 * 3_600_000])
    candidates.add(wall - offsetAt(timeZone, probe));
  const matches = [...candidates].filter((t) => wallKey(timeZone, t) === wall).sort((a, b) => a - b);
  if (matches.length > 0) return matches[0]!;
  // A skipped time: the transition is the first instant whose local time is past the wall time.
  let low = Math.min(...candidates) - 3_600_000;
  let high = Math.max(...candidates) + 3_600_000;
  while (high - low > 60_000) {
    const mid = Math.floor((low + high) / 2 / 60_000) * 60_000;
    if (wallKey(timeZone, mid) >= wall) high = mid;
    else low = mid;
  }
  return high;
}

function wallKey(timeZone: string, epochMs: number): number {
  const w = wallTime(timeZone, epochMs);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
}
