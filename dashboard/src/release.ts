import { ApiFailure, SEVERAL } from "./api";
import type { Period, ReportingPeriod, Site, Survey } from "./api-types";
import type { Bucket } from "./format";
import { strings } from "./strings";

/**
 * Employees' answers are released per closed reporting period, as whole groups (README: "Employees'
 * anonymity"). What the dashboard needs to know about that: which internal sites a figure may count,
 * the finest series bucket the API accepts for them, and how a period or a generalised value reads.
 */
const GRAIN: Record<Bucket | ReportingPeriod, number> = { day: 1, week: 2, month: 3, quarter: 4 };
const BUCKETS: Bucket[] = ["day", "week", "month"];

/** The internal sites whose answers a figure may count: in the filter's scope, with a survey of the kind. */
export function internalInScope(
  sites: Site[],
  surveys: Survey[],
  scope: { site?: string | null; kind?: string | null },
): Site[] {
  return sites.filter(
    (site) =>
      site.audience === "internal" &&
      (!scope.site || site.id === scope.site) &&
      (!scope.kind || surveys.some((survey) => survey.site === site.id && survey.kind === scope.kind)),
  );
}

/**
 * The bucket to ask for: `wanted`, or the next coarser one when an internal site in scope reports per
 * a longer period (a finer bucket would split its groups: the API answers 422). Null when no bucket is
 * coarse enough (a quarterly site): then the figure is asked for without a series.
 */
export function bucketFor(wanted: Bucket, internal: Site[]): Bucket | null {
  const floor = Math.max(0, ...internal.map((site) => GRAIN[site.reportingPeriod] ?? GRAIN.week));
  return BUCKETS.find((bucket) => GRAIN[bucket] >= GRAIN[wanted] && GRAIN[bucket] >= floor) ?? null;
}

/** The buckets a filter form may offer: those no finer than every internal site's period in scope. */
export const bucketsFor = (internal: Site[]): Bucket[] =>
  BUCKETS.filter((bucket) => bucketFor(bucket, internal) === bucket);

/** The next coarser bucket, for when the API still refuses one (a site it knows of and the list did not). */
export const coarserThan = (bucket: Bucket): Bucket | null => BUCKETS[BUCKETS.indexOf(bucket) + 1] ?? null;

/** The API's 422 for a bucket finer than an internal site's reporting period. */
export function isBucketRefusal(error: unknown): error is ApiFailure {
  if (!(error instanceof ApiFailure) || error.status !== 422) return false;
  const details = Array.isArray(error.details) ? (error.details as { path?: string }[]) : [];
  return (
    details.some((problem) => problem.path === "query.bucket" || problem.path === "bucket") ||
    /\bbucket\b/.test(error.message)
  );
}

// The page's language decides how dates read (as in format.ts).
const locale = () => document.documentElement.lang || "en";

/**
 * A reporting period by its start, read in the site's zone (its start is local midnight there):
 * "week of 30 Nov", "1 Dec 2026", "December 2026", "Q4 2026".
 */
export function formatPeriod(period: Period, reportingPeriod: ReportingPeriod | null, timeZone = "UTC"): string {
  const start = new Date(period.start);
  const length = reportingPeriod ?? lengthOf(period);
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale(), { ...options, timeZone }).format(start);
  if (length === "day") return format({ day: "numeric", month: "short", year: "numeric" });
  if (length === "week") return strings.release.weekOf(format({ day: "numeric", month: "short" }));
  if (length === "month") return format({ month: "long", year: "numeric" });
  const month = Number(new Intl.DateTimeFormat("en", { month: "numeric", timeZone }).format(start));
  return strings.release.quarter(Math.ceil(month / 3), format({ year: "numeric" }));
}

/** A period's kind from its length, for a row whose site is not in the list (a deleted site). */
function lengthOf(period: Period): ReportingPeriod {
  const days = (Date.parse(period.end) - Date.parse(period.start)) / 86_400_000;
  return days <= 1.5 ? "day" : days <= 7.5 ? "week" : days <= 32 ? "month" : "quarter";
}

/** When the open period's answers appear: "Monday 14 December", in the site's zone. */
export const formatRelease = (end: string, timeZone: string) =>
  new Intl.DateTimeFormat(locale(), { weekday: "long", day: "numeric", month: "long", timeZone }).format(new Date(end));

/** A release group's attribute as it reads: its value, or "several" when generalised. */
export const groupValue = (value: string, name: (value: string) => string = (v) => v) =>
  value === SEVERAL ? strings.release.several : name(value);
