import { useId } from "preact/hooks";
import type { BandPoint } from "../service/sides";
import { strings } from "../strings";
import { ChartTable } from "./paired-table";
import { Hatch, Legend, pointText, scale, ValueAxis } from "./parts";
import { useWidth } from "./use-width";

export type PairedLine = { side: "internal" | "external"; label: string; points: BandPoint[] };
/** A vertical line at `position` (in buckets from the first start), named for screen readers. */
export type Marker = { id: string; position: number; label: string };

type Props = {
  lines: PairedLine[];
  domain: [number, number];
  format: (value: number) => string;
  title: string;
  markers?: Marker[];
};

const HEIGHT = 240;
const MARGIN = { top: 12, right: 16, bottom: 30, left: 44 };
const LABEL_SPACING = 72;

/**
 * One or two audiences' trends on one scale, each with its 95% interval shaded, and the service's actions as
 * vertical lines at their dates. A withheld period is a hatched gap (employees' answers not released), an
 * empty one breaks the line: neither is drawn as a value. The same figures are in the table below it.
 */
export function PairedChart({ lines, domain, format, title, markers = [] }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const id = useId();
  const hatchId = `${id}-hatch`;
  const count = Math.max(0, ...lines.map((line) => line.points.length));
  const plot = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: HEIGHT - MARGIN.bottom };
  const band = (plot.right - plot.left) / Math.max(count, 1);
  const x = (i: number) => plot.left + band * (i + 0.5);
  const y = scale(domain, plot.bottom, plot.top);
  const labelEvery = Math.max(1, Math.ceil(count / Math.max(1, Math.floor((plot.right - plot.left) / LABEL_SPACING))));
  const axis = lines[0]?.points ?? [];
  const withheld = lines.some((line) => line.points.some((point) => point.state === "withheld"));

  return (
    <figure class="chart paired-chart">
      <div ref={ref} class="chart-canvas">
        <svg width={width} height={HEIGHT} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>
            {lines.map((line) => summaryOf(line, format)).join(" ")}{" "}
            {markers.map((marker) => `${marker.label}.`).join(" ")}
          </desc>
          <defs>
            <Hatch id={hatchId} />
          </defs>
          <ValueAxis domain={domain} plot={plot} y={y} format={format} />
          {lines.map((line) =>
            line.points.map((point, i) =>
              point.state === "withheld" ? (
                <rect
                  key={`${line.side}-w${i}`}
                  class="withheld-band"
                  x={x(i) - band / 2}
                  y={plot.top}
                  width={band}
                  height={plot.bottom - plot.top}
                  fill={`url(#${hatchId})`}
                >
                  <title>{`${line.label}, ${point.longLabel}: ${strings.release.withheld}`}</title>
                </rect>
              ) : null,
            ),
          )}
          {lines.map((line) =>
            runsOf(line.points).map((run) => (
              <g key={`${line.side}-${run[0]}`} class={`paired-line ${line.side}`}>
                <path class="interval-band" d={bandPath(run, line.points, x, y)} />
                <path class="series-line" d={linePath(run, line.points, x, y)} />
                {run.map((i) => (
                  <circle key={i} class="series-dot" cx={x(i)} cy={y(line.points[i]!.value!)} r={band < 8 ? 2 : 3.5}>
                    <title>{`${line.label}, ${line.points[i]!.longLabel}: ${pointText(line.points[i]!, format)}`}</title>
                  </circle>
                ))}
              </g>
            )),
          )}
          {markers.map((marker) => {
            const at = plot.left + band * marker.position;
            return (
              <g key={marker.id} class="action-marker" data-action={marker.id}>
                <title>{marker.label}</title>
                <line x1={at} x2={at} y1={plot.top} y2={plot.bottom} />
                <path d={`M${at - 5},${plot.top} L${at + 5},${plot.top} L${at},${plot.top + 7} Z`} />
              </g>
            );
          })}
          {axis.map((point, i) => {
            if ((count - 1 - i) % labelEvery !== 0) return null;
            const anchor = x(i) + LABEL_SPACING / 2 > width ? "end" : x(i) - LABEL_SPACING / 2 < 0 ? "start" : "middle";
            const at = anchor === "end" ? width - 2 : anchor === "start" ? 2 : x(i);
            return (
              <text key={`l${i}`} class="tick" x={at} y={HEIGHT - 6} text-anchor={anchor}>
                {point.label}
              </text>
            );
          })}
        </svg>
      </div>
      <figcaption>
        <Legend
          series={lines.map((line) => ({ label: line.label, className: `legend-line paired-line ${line.side}` }))}
          withheld={withheld}
          hatchId={hatchId}
        />
        <p class="note">{strings.service.bandNote}</p>
      </figcaption>
      <ChartTable title={title} lines={lines} format={format} />
    </figure>
  );
}

/** Runs of consecutive shown points: a gap (withheld or empty) ends a run rather than being bridged. */
function runsOf(points: BandPoint[]): number[][] {
  const runs: number[][] = [];
  points.forEach((point, i) => {
    if (point.state !== "shown" || point.value === null) return;
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === i - 1) last.push(i);
    else runs.push([i]);
  });
  return runs;
}

type Axis = (i: number) => number;
const linePath = (run: number[], points: BandPoint[], x: Axis, y: Axis) =>
  run.map((i, n) => `${n ? "L" : "M"}${x(i).toFixed(1)},${y(points[i]!.value!).toFixed(1)}`).join("");

/** The interval as a closed shape: along the upper bounds, back along the lower ones (a dot's worth wide alone). */
function bandPath(run: number[], points: BandPoint[], x: Axis, y: Axis): string {
  const bounded = run.filter((i) => points[i]!.interval);
  if (bounded.length === 0) return "";
  const [first, last] = [bounded[0]!, bounded[bounded.length - 1]!];
  const widen = first === last ? 4 : 0;
  const edge = (i: number, bound: 0 | 1, dx: number) =>
    `${(x(i) + dx).toFixed(1)},${y(points[i]!.interval![bound]).toFixed(1)}`;
  const upper = bounded.map((i, n) => `${n ? "L" : "M"}${edge(i, 1, i === first ? -widen : i === last ? widen : 0)}`);
  const lower = [...bounded].reverse().map((i) => `L${edge(i, 0, i === last ? widen : i === first ? -widen : 0)}`);
  return `${upper.join("")}${lower.join("")}Z`;
}

function summaryOf(line: PairedLine, format: (value: number) => string): string {
  const shown = line.points.filter((point) => point.state === "shown" && point.value !== null);
  const latest = shown[shown.length - 1];
  return latest
    ? strings.service.lineSummary(line.label, shown.length, line.points.length, latest.longLabel, format(latest.value!))
    : strings.service.lineEmpty(line.label);
}
