import type { ReportingPeriod } from "../../schema/common";
import { bucketStart, nextBucket } from "./buckets";
import { wallTime, zonedToEpoch } from "./zoned-time";

/** Where a site's reporting periods fall: local midnight in its zone, weeks on Monday (ISO 8601). */
export type PeriodRule = { reportingPeriod: ReportingPeriod; timeZone: string };

/** Start of the reporting period holding an instant. */
export function periodStart(rule: PeriodRule, epochMs: number): number {
  if (rule.reportingPeriod !== "quarter") return bucketStart(rule.reportingPeriod, rule.timeZone, epochMs);
  const w = wallTime(rule.timeZone, epochMs);
  return zonedToEpoch(rule.timeZone, w.year, w.month - ((w.month - 1) % 3), 1);
}

/** Start of the period after the one that starts at `start`: when that one closes. */
export function periodEnd(rule: PeriodRule, start: number): number {
  if (rule.reportingPeriod !== "quarter") return nextBucket(rule.reportingPeriod, rule.timeZone, start);
  const w = wallTime(rule.timeZone, start);
  const d = new Date(Date.UTC(w.year, w.month - 1 + 3, 1));
  return zonedToEpoch(rule.timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The open period at `now`: its answers are visible nowhere until `end`. */
export function currentPeriod(rule: PeriodRule, now: number): { start: number; end: number } {
  const start = periodStart(rule, now);
  return { start, end: periodEnd(rule, start) };
}

const ORDER: Record<string, number> = { hour: 0, day: 1, week: 2, month: 3, quarter: 4 };

/**
 * Whether a series bucket is finer than a reporting period (a day within a week): such a bucket would
 * split a release group. A week is finer than a month too, though a month is not finer than a week
 * (a week period counts in the month that holds its middle).
 */
export const isFinerThan = (bucket: string, period: ReportingPeriod) => ORDER[bucket]! < ORDER[period]!;
