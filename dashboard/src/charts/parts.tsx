import type { ComponentChildren } from "preact";
import type { Interval } from "../../../shared/stats/intervals";
import { withMargin, type CellState } from "../format";
import { strings } from "../strings";

/** One point of a trend: a bucket's label, its figure when shown, and whether employees' answers were withheld. */
export type TrendPoint = {
  /** Short ("3 Nov") for the axis, long ("week of 3 Nov 2026") for tooltips and the table. */
  label: string;
  longLabel: string;
  value: number | null;
  state: CellState;
  count: number;
  /** Some employees' answers of this bucket are not counted (the figure, if any, is of the rest). */
  withheld: boolean;
  /** The figure's 95% interval, when shown. */
  interval: Interval | null;
  /**
   * Set when the figure differs from the last shown point before it (`from`, its long label) at 95% across
   * the whole series (shared/stats/cells.ts significantSteps); null for noise.
   */
  step: { rise: boolean; from: string } | null;
};

/** A linear scale from `domain` onto [from, to] pixels (to may be smaller: SVG's y grows downwards). */
export const scale =
  ([min, max]: [number, number], from: number, to: number) =>
  (value: number) =>
    from + ((value - min) / (max - min || 1)) * (to - from);

/** Four equal steps: −100, −50, 0, 50, 100 for NPS; 0, 25, 50, 75, 100 for shares. */
const ticksOf = ([min, max]: [number, number]) => Array.from({ length: 5 }, (_, i) => min + ((max - min) * i) / 4);

/** The value axis of a trend: a grid line and a label per tick (a solid line at 0), and the baseline. */
export function ValueAxis(props: {
  domain: [number, number];
  plot: { left: number; right: number; bottom: number };
  y: (value: number) => number;
  format: (value: number) => string;
}) {
  const { domain, plot, y, format } = props;
  return (
    <>
      {ticksOf(domain).map((tick) => (
        <g key={tick}>
          <line class={tick === 0 ? "axis zero" : "grid"} x1={plot.left} x2={plot.right} y1={y(tick)} y2={y(tick)} />
          <text class="tick" x={plot.left - 6} y={y(tick)} text-anchor="end" dominant-baseline="middle">
            {format(tick)}
          </text>
        </g>
      ))}
      <line class="axis" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
    </>
  );
}

/** Diagonal hatching: the mark of a withheld bucket in every chart, never used for "no data". */
export function Hatch({ id }: { id: string }) {
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect class="hatch-bg" width="6" height="6" />
      <line class="hatch-line" x1="0" y1="0" x2="0" y2="6" />
    </pattern>
  );
}

/** What a point says in words: for tooltips, aria labels and tables. */
export function pointText(point: TrendPoint, format: (value: number) => string): string {
  if (point.state === "withheld") return strings.release.withheld;
  if (point.state === "empty" || point.value === null) return strings.charts.noResponses;
  const figure = withMargin(format(point.value), point.interval);
  const text = (point.withheld ? strings.charts.figureWithheld : strings.charts.figureWithCount)(figure, point.count);
  return point.step ? `${text}, ${strings.margins.step(point.step.rise, point.step.from)}` : text;
}

/** The key under a chart; only the marks that appear in it are explained. */
export function Legend(props: {
  series?: { label: string; className: string }[];
  withheld?: boolean;
  empty?: boolean;
  hatchId: string;
  /** Further keys (a trend's interval band and significance mark). */
  more?: ComponentChildren;
}) {
  return (
    <ul class="legend">
      {props.series?.map((series) => (
        <li key={series.label}>
          <svg width="22" height="10" aria-hidden="true" class={series.className}>
            <line class="series-line" x1="1" y1="5" x2="21" y2="5" />
          </svg>
          {series.label}
        </li>
      ))}
      {props.withheld && (
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <rect class="withheld-mark" x="0.5" y="0.5" width="13" height="13" fill={`url(#${props.hatchId})`} />
          </svg>
          {strings.release.withheld}
        </li>
      )}
      {props.empty && (
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <rect class="empty-mark" x="1" y="9" width="12" height="4" />
          </svg>
          {strings.charts.noResponses}
        </li>
      )}
      {props.more}
    </ul>
  );
}
