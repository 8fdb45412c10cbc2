import { useId } from "preact/hooks";
import { strings } from "../strings";
import { bandPaths, StepMark } from "./interval-marks";
import { Hatch, pointText, scale, type TrendPoint } from "./parts";

const WIDTH = 104;
const HEIGHT = 32;
const PAD = 4;

/**
 * A trend in a table cell: the same marks as the line chart (a hatched gap when withheld, a dashed
 * bridge over buckets with no responses, the shaded 95% interval, the mark of a significant change) without
 * axes. Its accessible name reads every point, with its margin and any significant change.
 */
export function Sparkline(props: {
  points: TrendPoint[];
  domain: [number, number];
  format: (value: number) => string;
  label: string;
  className?: string;
}) {
  const { points, domain, format } = props;
  const hatchId = `${useId()}-hatch`;
  const band = (WIDTH - 2 * PAD) / Math.max(points.length, 1);
  const x = (i: number) => PAD + band * (i + 0.5);
  const y = scale(domain, HEIGHT - PAD, PAD);
  const shown = points.flatMap((point, i) => (point.state === "shown" ? [i] : []));
  const segments: string[] = [];
  const bridges: string[] = [];
  for (let n = 1; n < shown.length; n++) {
    const [from, to] = [shown[n - 1]!, shown[n]!];
    const d =
      `M${x(from).toFixed(1)},${y(points[from]!.value!).toFixed(1)}` +
      `L${x(to).toFixed(1)},${y(points[to]!.value!).toFixed(1)}`;
    if (to === from + 1) segments.push(d);
    else if (points.slice(from + 1, to).every((p) => p.state === "empty")) bridges.push(d);
  }
  const spoken = points.map((point) => `${point.label}: ${pointText(point, format)}`).join("; ");
  return (
    <svg
      class={`sparkline ${props.className ?? ""}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={strings.charts.sparklineLabel(props.label, spoken)}
    >
      <defs>
        <Hatch id={hatchId} />
      </defs>
      <line class="grid" x1={PAD} x2={WIDTH - PAD} y1={HEIGHT - PAD} y2={HEIGHT - PAD} />
      {points.map((point, i) =>
        point.state === "withheld" ? (
          <rect
            key={i}
            class="withheld-band"
            x={x(i) - band / 2}
            y={PAD}
            width={band}
            height={HEIGHT - 2 * PAD}
            fill={`url(#${hatchId})`}
          />
        ) : null,
      )}
      {bandPaths(points, x, y, Math.min(4, band * 0.6)).map((d) => (
        <path key={d} class="interval-band" d={d} />
      ))}
      {bridges.map((d) => (
        <path key={d} class="series-bridge" d={d} />
      ))}
      {segments.map((d) => (
        <path key={d} class="series-line" d={d} />
      ))}
      {points.map((point, i) =>
        point.state === "shown" ? (
          <circle key={i} class="series-dot" cx={x(i)} cy={y(point.value!)} r="2" />
        ) : point.state === "empty" ? (
          <rect
            key={i}
            class="empty-mark"
            x={x(i) - band / 2 + 0.5}
            y={HEIGHT - PAD}
            width={Math.max(1, band - 1)}
            height="2.5"
          />
        ) : null,
      )}
      {points.map((point, i) =>
        point.step ? <StepMark key={`m${i}`} cx={x(i)} cy={y(point.value!)} rise={point.step.rise} size={1.8} /> : null,
      )}
    </svg>
  );
}
