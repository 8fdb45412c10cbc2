import type { Kind } from "../../schema/common";
import { MAX_ANSWER_CELLS, TooManyCells, type Answer, type PublicCell } from "./aggregate";
import type { Bucket } from "./buckets";
import { emptyTally, toCell } from "./metrics";
import { bucketOf } from "./release-facts";
import { periodEnd, periodStart, type PeriodRule } from "./reporting-period";

const DAY = 86_400_000;

/** What decides where a display is counted: the site's audience and, on an intranet, its reporting period. */
export type DisplaySite = { id: string; audience: "external" | "internal" } & PeriodRule;

/**
 * The bucket a display counts in: the UTC day on a customers' site; on an internal site, the start of its
 * reporting period, the only granularity at which employees' displays are ever reported (README: "Displays
 * and response rate"), so not even the database holds a finer count.
 */
export function displayBucket(site: DisplaySite, now: number): { start: number; end: number } {
  if (site.audience === "external") return { start: now - (now % DAY), end: now - (now % DAY) + DAY };
  const start = periodStart(site, now);
  return { start, end: periodEnd(site, start) };
}

/** A stored count, with the bucket it was counted in. */
export type DisplayCount = { site: string; survey: string; start: number; end: number; count: number };

/** The group-by fields displays know: they carry no service, topic or segment. */
export const DISPLAY_FIELDS = ["site", "survey", "audience"];

/**
 * Whether displays can be counted exactly for these buckets: customers' displays are kept per UTC day,
 * so every bucket must start and end on a UTC midnight, except the last one, which may end at or after
 * `now` (no display of today is later than now). Employees' displays count by period, like their answers.
 */
export function displaysFit(buckets: Bucket[], now: number): boolean {
  return buckets.every(
    (bucket, b) => bucket.from % DAY === 0 && (bucket.to % DAY === 0 || (b === buckets.length - 1 && bucket.to >= now)),
  );
}

/**
 * Adds `displays` and `responseRate` (responses ÷ displays, null when displays is 0) to every cell of an
 * answer. A customers' day counts in the bucket holding its start; an employees' period in the bucket
 * holding its middle, as its release groups do (domain/release-facts.ts), so the two always line up.
 * A group that was shown but never answered is listed too, with a count of 0.
 */
export function withDisplays(
  kind: Kind,
  answer: Answer,
  counts: DisplayCount[],
  options: { groupBy: string[]; buckets: Bucket[]; bucketed: boolean },
  sites: Map<string, DisplaySite>,
): Answer {
  const sums = new Map<string, number>();
  const add = (key: string, count: number) => sums.set(key, (sums.get(key) ?? 0) + count);
  const groupKeys = new Map<string, (string | null)[]>();
  const keyValue = (count: DisplayCount, field: string) =>
    field === "site" ? count.site : field === "survey" ? count.survey : (sites.get(count.site)?.audience ?? null);
  for (const count of counts) {
    const site = sites.get(count.site);
    if (!site) continue;
    const at = site.audience === "internal" ? (count.start + count.end) / 2 : count.start;
    const bucket = bucketOf(options.buckets, at);
    if (bucket < 0) continue;
    add("total", count.count);
    add(`point:${bucket}`, count.count);
    if (options.groupBy.length > 0) {
      const values = options.groupBy.map((field) => keyValue(count, field));
      const key = JSON.stringify(values);
      groupKeys.set(key, values);
      add(`group:${key}`, count.count);
      add(`group:${key}:${bucket}`, count.count);
    }
  }
  const rate = <C extends PublicCell>(cell: C, key: string): C => {
    const displays = sums.get(key) ?? 0;
    return { ...cell, displays, responseRate: displays === 0 ? null : cell.count / displays };
  };
  const labels = answer.series?.map((point) => point.start) ?? [];
  const result: Answer = { ...answer, total: rate(answer.total, "total") };
  if (answer.series) result.series = answer.series.map((point, b) => rate(point, `point:${b}`));
  if (answer.groups) {
    const listed = new Map(
      answer.groups.map((group) => [JSON.stringify(options.groupBy.map((field) => group.key[field] ?? null)), group]),
    );
    for (const [key, values] of groupKeys) {
      if (listed.has(key)) continue;
      if ((listed.size + 1) * (labels.length + 1) > MAX_ANSWER_CELLS) throw new TooManyCells();
      const empty = toCell(kind, emptyTally());
      listed.set(key, {
        key: Object.fromEntries(options.groupBy.map((field, f) => [field, values[f]!])),
        ...empty,
        ...(options.bucketed ? { series: labels.map((start) => ({ start, ...empty })) } : {}),
      });
    }
    result.groups = [...listed.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, group]) => ({
        ...rate(group, `group:${key}`),
        ...(group.series ? { series: group.series.map((point, b) => rate(point, `group:${key}:${b}`)) } : {}),
      }));
  }
  return result;
}
