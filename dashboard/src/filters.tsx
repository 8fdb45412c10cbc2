import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import type { AggregatesQuery, Site } from "./api-types";
import { isScoreKind, SCORE_KINDS, type Bucket, type ScoreKind } from "./format";
import { useHashQuery } from "./hash-query";
import { strings } from "./strings";

/**
 * The period, kind, site and bucket most views are filtered by, kept in the hash's query
 * (`#/overview?kind=nps&period=30d&bucket=week&site=shop`) and read as dates in the browser's zone.
 */
export const PERIODS = ["7d", "30d", "90d", "year", "custom"] as const;
export type Period = (typeof PERIODS)[number];
export const BUCKETS: readonly Bucket[] = ["day", "week", "month"];

export type Filters = {
  kind: ScoreKind;
  period: Period;
  /** The first and last day shown, inclusive, as local dates (YYYY-MM-DD). */
  first: string;
  last: string;
  site: string | null;
  bucket: Bucket;
};
export type FilterPatch = Partial<Record<"kind" | "period" | "from" | "to" | "site" | "bucket", string | null>> &
  Record<string, string | null | undefined>;

/** The browser's IANA zone: days and weeks start at the viewer's midnight. */
export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const pad = (n: number) => String(n).padStart(2, "0");
export const localDate = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split("-").map(Number);
  return localDate(new Date(year!, month! - 1, date! + days));
}
const daysBetween = (first: string, last: string) =>
  Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000) + 1;

export function readFilters(params: URLSearchParams, today = localDate(new Date())): Filters {
  const kind = params.get("kind");
  const period = (PERIODS as readonly string[]).includes(params.get("period") ?? "")
    ? (params.get("period") as Period)
    : "30d";
  let first: string;
  let last = today;
  if (period === "custom") {
    const from = params.get("from") ?? "";
    const to = params.get("to") ?? "";
    first = DATE.test(from) ? from : addDays(today, -29);
    last = DATE.test(to) ? to : today;
    if (last < first) [first, last] = [last, first];
  } else if (period === "year") first = `${today.slice(0, 4)}-01-01`;
  else first = addDays(today, 1 - Number(period.slice(0, -1)));
  const bucket = params.get("bucket");
  return {
    kind: isScoreKind(kind) ? kind : "nps",
    period,
    first,
    last,
    site: params.get("site") || null,
    bucket: (BUCKETS as readonly string[]).includes(bucket ?? "") ? (bucket as Bucket) : defaultBucket(first, last),
  };
}

/** About 7 to 60 points, unless the hash asks for another bucket. */
function defaultBucket(first: string, last: string): Bucket {
  const days = daysBetween(first, last);
  return days <= 31 ? "day" : days <= 190 ? "week" : "month";
}

/** What a view adds to the filters: a group-by, a series' bucket, an owner. */
type Extra = { groupBy?: string; bucket?: Bucket | null; owner?: string | null };

/** The filters as the API's query: `to` is exclusive, so the day after the last one. */
export function aggregateQuery(filters: Filters, { groupBy, bucket, owner }: Extra = {}): AggregatesQuery {
  const to = addDays(filters.last, 1);
  const query: AggregatesQuery = { kind: filters.kind, from: filters.first, to, tz: timeZone, groupBy };
  // Absent rather than empty: the client would send `site=` (and `null` as "null").
  if (filters.site) query.site = filters.site;
  if (bucket) query.bucket = bucket;
  if (owner) query.owner = owner;
  return query;
}

const DAY = 86_400_000;

/**
 * The whole UTC days that cover the filters' local days (`to` exclusive): displays are kept per UTC day, so
 * the API gives `displays` and `responseRate` only for a range of whole UTC days asked with `tz=UTC`
 * (README: "Displays and response rate"). East of UTC the range starts a day early, west of it ends a day late.
 */
export function utcDaysOf(filters: Pick<Filters, "first" | "last">): { from: string; to: string } {
  const midnight = (day: string) => {
    const [year, month, date] = day.split("-").map(Number);
    return new Date(year!, month! - 1, date!).getTime();
  };
  const iso = (at: number) => new Date(at).toISOString().slice(0, 10);
  const start = midnight(filters.first);
  const end = midnight(addDays(filters.last, 1));
  return { from: iso(start - (start % DAY)), to: iso(Math.ceil(end / DAY) * DAY) };
}

/** The filters from the hash, and a setter that writes them back. */
export function useFilters(): [Filters, (patch: FilterPatch) => void, URLSearchParams] {
  const [params, update] = useHashQuery();
  return [readFilters(params), update, params];
}

type Control = "period" | "kind" | "site" | "bucket";

/** The filter form; `children` adds a view's own fields (a dimension, an owner) at the end. */
export function FilterBar(props: {
  filters: Filters;
  onChange: (patch: FilterPatch) => void;
  sites: Site[];
  controls?: Control[];
  /** The buckets the figures in scope allow (employees' answers come per reporting period). */
  buckets?: readonly Bucket[];
  children?: ComponentChildren;
}) {
  const { filters, onChange, sites, controls = ["period", "kind", "site", "bucket"], buckets = BUCKETS } = props;
  const id = useId();
  const show = (control: Control) => controls.includes(control);
  const value = (event: Event) => (event.currentTarget as HTMLSelectElement | HTMLInputElement).value;
  return (
    <form class="filters" aria-label={strings.filters.label} onSubmit={(event) => event.preventDefault()}>
      {show("period") && (
        <div class="field">
          <label for={`${id}-period`}>{strings.filters.period}</label>
          <select
            id={`${id}-period`}
            value={filters.period}
            onChange={(event) => {
              const period = value(event);
              // Custom starts from the period on screen, so switching to it changes nothing until edited.
              onChange(
                period === "custom"
                  ? { period, from: filters.first, to: filters.last, bucket: null }
                  : { period, from: null, to: null, bucket: null },
              );
            }}
          >
            {PERIODS.map((period) => (
              <option key={period} value={period}>
                {strings.filters.periods[period]}
              </option>
            ))}
          </select>
        </div>
      )}
      {show("period") && filters.period === "custom" && (
        <>
          <div class="field">
            <label for={`${id}-from`}>{strings.filters.from}</label>
            <input
              id={`${id}-from`}
              type="date"
              value={filters.first}
              max={filters.last}
              onChange={(event) => value(event) && onChange({ from: value(event), bucket: null })}
            />
          </div>
          <div class="field">
            <label for={`${id}-to`}>{strings.filters.to}</label>
            <input
              id={`${id}-to`}
              type="date"
              value={filters.last}
              min={filters.first}
              onChange={(event) => value(event) && onChange({ to: value(event), bucket: null })}
            />
          </div>
        </>
      )}
      {show("kind") && (
        <div class="field">
          <label for={`${id}-kind`}>{strings.filters.kind}</label>
          <select id={`${id}-kind`} value={filters.kind} onChange={(event) => onChange({ kind: value(event) })}>
            {SCORE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {strings.kinds[kind]}
              </option>
            ))}
          </select>
        </div>
      )}
      {show("site") && (
        <div class="field">
          <label for={`${id}-site`}>{strings.filters.site}</label>
          <select
            id={`${id}-site`}
            value={filters.site ?? ""}
            onChange={(event) => onChange({ site: value(event) || null })}
          >
            <option value="">{strings.filters.allSites}</option>
            {sites.map((site) => (
              <option key={site.id} value={site.id}>
                {strings.filters.siteOption(site.name, strings.audiences[site.audience] ?? site.audience)}
              </option>
            ))}
          </select>
        </div>
      )}
      {show("bucket") && (
        <div class="field">
          <label for={`${id}-bucket`}>{strings.filters.bucket}</label>
          <select id={`${id}-bucket`} value={filters.bucket} onChange={(event) => onChange({ bucket: value(event) })}>
            {buckets.map((bucket) => (
              <option key={bucket} value={bucket}>
                {strings.filters.buckets[bucket]}
              </option>
            ))}
          </select>
        </div>
      )}
      {props.children}
    </form>
  );
}
