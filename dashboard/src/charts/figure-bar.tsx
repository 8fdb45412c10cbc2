import type { Interval } from "../../../shared/stats/intervals";
import type { CellState } from "../format";
import { scale } from "./parts";

/**
 * A figure as a horizontal bar inside a table row, from zero (the middle for NPS, which runs from −100
 * to 100). Decoration only: the row states the figure in text, so the bar is hidden from screen readers.
 * Drawn on a 0–100 viewBox stretched to the cell, which is fine for rectangles and needs no inline style;
 * a withheld figure is a hatched strip drawn by CSS. The figure's 95% interval is an error bar across the bar's
 * end: a thin line between two ticks.
 */
export function FigureBar({
  value,
  state,
  domain,
  className = "",
  interval = null,
}: {
  value: number | null;
  state: CellState;
  domain: [number, number];
  className?: string;
  interval?: Interval | null | undefined;
}) {
  // Hatching drawn by CSS: an SVG pattern would be stretched with the viewBox.
  if (state === "withheld") return <span class={`figure-bar withheld-strip ${className}`} aria-hidden="true" />;
  const x = scale(domain, 0, 100);
  const zero = x(Math.max(domain[0], 0));
  const end = value === null ? zero : x(Math.min(domain[1], Math.max(domain[0], value)));
  return (
    <svg
      class={`figure-bar ${className}`}
      viewBox="0 0 100 12"
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect class="track" x="0" y="0" width="100" height="12" />
      {state === "shown" && value !== null && (
        <rect
          class={`bar ${value < 0 ? "negative" : ""}`}
          x={Math.min(zero, end)}
          y="1"
          width={Math.max(0.5, Math.abs(end - zero))}
          height="10"
        />
      )}
      {domain[0] < 0 && <line class="zero" x1={zero} x2={zero} y1="0" y2="12" vector-effect="non-scaling-stroke" />}
      {state === "shown" && interval && (
        <g class="interval-bar">
          <line x1={x(interval[0])} x2={x(interval[1])} y1="6" y2="6" vector-effect="non-scaling-stroke" />
          <line x1={x(interval[0])} x2={x(interval[0])} y1="2" y2="10" vector-effect="non-scaling-stroke" />
          <line x1={x(interval[1])} x2={x(interval[1])} y1="2" y2="10" vector-effect="non-scaling-stroke" />
        </g>
      )}
    </svg>
  );
}
