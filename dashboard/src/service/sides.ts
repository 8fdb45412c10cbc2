import type { Interval } from "../../../shared/stats/intervals";
import type { Point, Site, Survey } from "../api-types";
import type { Catalog } from "../catalog";
import type { TrendPoint } from "../charts/parts";
import { figureOf, isScoreKind, SCORE_KINDS, stateOf, trendOf, type Bucket, type ScoreKind } from "../format";

export const SIDES = ["internal", "external"] as const;
export type Side = (typeof SIDES)[number];

/** A trend point with its 95% interval (schema/aggregates.ts Cell `interval`), for the shaded band. */
export type BandPoint = TrendPoint & { interval: Interval | null; start: string };

/** The surveys that rate `service`, by the audience of their site. */
function ratingSurveys(catalog: Catalog, service: string): { survey: Survey; site: Site }[] {
  return catalog.surveys.flatMap((survey) => {
    const site = catalog.sites.find((candidate) => candidate.id === survey.site);
    return site && survey.services.includes(service) && isScoreKind(survey.kind) ? [{ survey, site }] : [];
  });
}

export type Sides = {
  /** The kind each side is shown in; absent: that side does not rate the service. */
  kinds: Partial<Record<Side, ScoreKind>>;
  /** The internal sites whose reporting periods decide the common bucket. */
  internalSites: Site[];
};

/**
 * Which kind each side is shown in: one both sides rate the service in when there is one (so the two lines
 * share a chart and a scale), else each side's own, in the dashboard's order of kinds.
 */
export function sidesOf(catalog: Catalog, service: string): Sides {
  const rating = ratingSurveys(catalog, service);
  const kindsOf = (side: Side) =>
    SCORE_KINDS.filter((kind) => rating.some(({ survey, site }) => site.audience === side && survey.kind === kind));
  const [internal, external] = [kindsOf("internal"), kindsOf("external")];
  const shared = internal.find((kind) => external.includes(kind));
  const kinds: Partial<Record<Side, ScoreKind>> = {};
  if (internal.length) kinds.internal = shared ?? internal[0];
  if (external.length) kinds.external = shared ?? external[0];
  const internalSites = rating
    .filter(({ site, survey }) => site.audience === "internal" && survey.kind === kinds.internal)
    .map(({ site }) => site);
  return { kinds, internalSites: [...new Map(internalSites.map((site) => [site.id, site])).values()] };
}

/** A side's series as chart points with their intervals (shown points only carry one). */
export function bandPointsOf(kind: ScoreKind, series: Point[], bucket: Bucket): BandPoint[] {
  return trendOf(kind, series, bucket).map((point, i) => ({
    ...point,
    start: series[i]!.start,
    interval: point.state === "shown" ? (series[i]!.interval ?? null) : null,
  }));
}

/**
 * The figures the lead/lag correlation pairs, one per period: a withheld or empty period is a gap (null),
 * never a zero, so it drops out of every pair it would have been in.
 */
export const figuresOf = (kind: ScoreKind, series: Point[]): (number | null)[] =>
  series.map((cell) => (stateOf(kind, cell) === "shown" ? figureOf(kind, cell) : null));

/**
 * Where a day falls on a series, in buckets from the first one's start: 2.5 is halfway through the third.
 * Null when it falls outside the series.
 */
export function positionOf(day: string, starts: string[], bucket: Bucket): number | null {
  const at = Date.parse(`${day}T00:00:00Z`);
  const edges = starts.map((start) => Date.parse(start));
  if (edges.length === 0) return null;
  const last = edges[edges.length - 1]!;
  // The end of the last bucket: a week is 7 days; a month, the next month's first day in the same offset.
  const end =
    bucket === "month"
      ? Date.parse(nextMonth(starts[starts.length - 1]!))
      : last + (bucket === "week" ? 7 : 1) * 86_400_000;
  edges.push(end);
  for (let i = 0; i + 1 < edges.length; i++)
    if (at >= edges[i]! && at < edges[i + 1]!) return i + (at - edges[i]!) / (edges[i + 1]! - edges[i]!);
  return null;
}

/** `2026-11-01T00:00:00+01:00` → `2026-12-01T00:00:00+01:00`. */
function nextMonth(start: string): string {
  const [year, month] = start.slice(0, 7).split("-").map(Number);
  const next = month === 12 ? `${year! + 1}-01` : `${year}-${String(month! + 1).padStart(2, "0")}`;
  return `${next}${start.slice(7)}`;
}
