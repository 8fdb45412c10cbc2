import type { Interval } from "../../shared/stats/intervals";
import { significantSteps } from "../../shared/stats/cells";
import type { AggregatesQuery, Cell, Kind, Point } from "./api-types";
import type { TrendPoint } from "./charts/parts";
import { strings } from "./strings";

/** The kinds that have a score, so a figure, a distribution and a trend. */
export const SCORE_KINDS = ["nps", "csat", "ces", "thumbs"] as const satisfies readonly Kind[];
export type ScoreKind = (typeof SCORE_KINDS)[number];
export const isScoreKind = (value: string | null | undefined): value is ScoreKind =>
  (SCORE_KINDS as readonly string[]).includes(value ?? "");

/**
 * The score range of each kind (schema/common.ts SCORE_RANGE, repeated: the dashboard imports no runtime code
 * from schema/).
 */
export const SCORE_RANGE: Record<ScoreKind, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
  thumbs: { min: 0, max: 1 },
};

/** Where a figure can go: NPS runs from −100 to 100, every other figure is a share in percent. */
export const FIGURE_DOMAIN: Record<ScoreKind, [number, number]> = {
  nps: [-100, 100],
  csat: [0, 100],
  ces: [0, 100],
  thumbs: [0, 100],
};

/** The headline figure of a cell: NPS, the CSAT share, the CES "easy" share, the thumbs-up share. */
export function figureOf(kind: ScoreKind, cell: Cell): number | null {
  const value = { nps: cell.nps, csat: cell.csat, ces: cell.ces, thumbs: cell.positive }[kind];
  return typeof value === "number" ? value : null;
}

/**
 * What a cell shows: a figure (`shown`, perhaps with some employees' answers withheld), nothing because
 * employees' answers were withheld and none are left (`withheld`), or no responses at all (`empty`).
 * The last two must never look alike: "no one answered" and "not released" mean different things.
 */
export type CellState = "withheld" | "empty" | "shown";
export function stateOf(kind: ScoreKind, cell: Cell): CellState {
  if (cell.count && figureOf(kind, cell) !== null) return "shown";
  return cell.withheld ? "withheld" : "empty";
}

// The page's language decides how numbers and dates read, so a translation only changes <html lang>.
const locale = () => document.documentElement.lang || "en";

/** NPS as a signed number ("+32", "−7.5"); shares as percents ("87.5%"), to one decimal. */
export function formatFigure(kind: ScoreKind, value: number): string {
  if (kind === "nps")
    return new Intl.NumberFormat(locale(), { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value);
  return new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 1 }).format(value / 100);
}

/** A difference between two figures, in points: "+12.5", "−3", "0". */
export const formatDelta = (value: number) =>
  new Intl.NumberFormat(locale(), { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value);

export const formatCount = (value: number) => new Intl.NumberFormat(locale()).format(value);

export const formatMean = (value: number) =>
  new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(value);

/** The aggregate buckets the dashboard offers: the API's, less `hour`. */
export type Bucket = Exclude<NonNullable<AggregatesQuery["bucket"]>, "hour">;

/**
 * A series point's label. `start` is ISO 8601 with the zone's offset, so its date part is already the
 * local date: read it as written rather than through the browser's zone.
 */
export function formatBucket(start: string, bucket: Bucket, long = false): string {
  const [year, month, day] = start.slice(0, 10).split("-").map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  const options: Intl.DateTimeFormatOptions =
    bucket === "month"
      ? { month: long ? "long" : "short", year: "numeric", timeZone: "UTC" }
      : { day: "numeric", month: "short", ...(long ? { year: "numeric" } : {}), timeZone: "UTC" };
  const text = new Intl.DateTimeFormat(locale(), options).format(date);
  return bucket === "week" && long ? strings.charts.weekOf(text) : text;
}

/** A local date (YYYY-MM-DD) as the page's language writes it: "3 Nov 2026". */
export function formatDay(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale(), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year!, month! - 1, date!)),
  );
}

/** An aggregate's series as chart points. */
export function trendOf(kind: ScoreKind, series: Point[], bucket: Bucket): TrendPoint[] {
  // Only shown points are compared: a withheld or empty bucket has no figure to differ from.
  const shown = series.map((cell) => (stateOf(kind, cell) === "shown" ? cell : null));
  const significant = significantSteps(kind, shown);
  return series.map((cell, i) => ({
    label: formatBucket(cell.start, bucket),
    longLabel: formatBucket(cell.start, bucket, true),
    value: figureOf(kind, cell),
    state: stateOf(kind, cell),
    count: cell.count ?? 0,
    withheld: !!cell.withheld,
    interval: shown[i]?.interval ?? null,
    step: significant[i] ? stepOf(kind, shown, i, bucket) : null,
  }));
}

// Margins of error (issue 15, item 1): every aggregate cell carries its headline figure's 95% interval.

/**
 * A figure's margin of error: half its 95% interval's width. The adjusted-Wald interval of an NPS is centred on
 * the adjusted NPS, not the observed one (shared/stats/intervals.ts), and Wilson's pulls towards 50%, so
 * "figure ± margin" is a summary of the interval's width, not its exact ends; the ends are in the tooltip.
 * Null without an interval (no answers, or nothing released).
 */
export const marginOf = (interval: Interval | null | undefined): number | null =>
  interval ? (interval[1] - interval[0]) / 2 : null;

/** "±9", in points; below one point "±0.4", so a tiny margin never reads as none. */
export const formatMargin = (margin: number) =>
  `±${new Intl.NumberFormat(locale(), { maximumFractionDigits: margin < 0.95 ? 1 : 0 }).format(margin)}`;

/** A figure as written with its margin: "+20 ±9", "82% ±6"; the figure alone without an interval. */
export function withMargin(figure: string, interval: Interval | null | undefined): string {
  const margin = marginOf(interval);
  return margin === null ? figure : `${figure} ${formatMargin(margin)}`;
}

/** How a significant point moved from the last shown point before it (the one significantSteps tested it against). */
function stepOf(kind: ScoreKind, shown: (Point | null)[], i: number, bucket: Bucket): TrendPoint["step"] {
  let before = i - 1;
  while (before >= 0 && !shown[before]) before--;
  const [previous, current] = [shown[before], shown[i]];
  if (!previous || !current) return null;
  const change = (figureOf(kind, current) ?? 0) - (figureOf(kind, previous) ?? 0);
  return change === 0 ? null : { rise: change > 0, from: formatBucket(previous.start, bucket, true) };
}
