import { useId } from "preact/hooks";
import { formatCount } from "../format";
import { strings } from "../strings";
import { Margin } from "../margin";
import { WithheldMark } from "../marks";
import { bandPaths, MarginLegend, StepMark } from "./interval-marks";
import { Hatch, Legend, pointText, scale, ValueAxis, type TrendPoint } from "./parts";
import { useWidth } from "./use-width";

type Props = {
  points: TrendPoint[];
  domain: [number, number];
  format: (value: number) => string;
  /** The chart's name (its <title>) and the series' name in the legend. */
  title: string;
  seriesLabel: string;
};

const HEIGHT = 220;
const MARGIN = { top: 12, right: 16, bottom: 30, left: 44 };
const LABEL_SPACING = 72;

/**
 * A trend as a line. A withheld bucket (employees' answers not released) is a gap with a hatched band; a bucket with no
 * responses is a strip under the baseline, and the line bridges it with a dashed stroke, since
 * nothing is hidden there. Behind the line, each figure's 95% interval is shaded; a point that differs
 * significantly from the one before is ringed with an arrow. Screen readers get the title, a summary and the same
 * points as a table, with each margin and each significant change in words.
 */
export function LineChart({ points, domain, format, title, seriesLabel }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const id = useId();
  const hatchId = `${id}-hatch`;
  const plot = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: HEIGHT - MARGIN.bottom };
  const band = (plot.right - plot.left) / Math.max(points.length, 1);
  const x = (i: number) => plot.left + band * (i + 0.5);
  const y = scale(domain, plot.bottom, plot.top);
  const labelEvery = Math.max(
    1,
    Math.ceil(points.length / Math.max(1, Math.floor((plot.right - plot.left) / LABEL_SPACING))),
  );

  // Runs of consecutive shown points are drawn solid; a run of empty buckets between two shown points is bridged.
  const runs: number[][] = [];
  const bridges: [number, number][] = [];
  let previousShown = -1;
  points.forEach((point, i) => {
    if (point.state !== "shown") return;
    if (previousShown === i - 1 && runs.length) runs[runs.length - 1]!.push(i);
    else {
      if (previousShown >= 0 && points.slice(previousShown + 1, i).every((p) => p.state === "empty"))
        bridges.push([previousShown, i]);
      runs.push([i]);
    }
    previousShown = i;
  });
  const path = (indices: number[]) =>
    indices.map((i, n) => `${n ? "L" : "M"}${x(i).toFixed(1)},${y(points[i]!.value!).toFixed(1)}`).join("");
  const withheld = points.filter((p) => p.state === "withheld").length;
  const empty = points.filter((p) => p.state === "empty").length;
  const shown = points.length - withheld - empty;
  const steps = points.filter((p) => p.step).length;
  const bands = bandPaths(points, x, y, Math.min(8, band * 0.6));
  const [first, last] = [points[0]?.longLabel ?? "", points[points.length - 1]?.longLabel ?? ""];
  const summary = points.length
    ? `${strings.charts.trendSummary(first, last, shown, withheld, empty)} ${strings.margins.steps(steps)}`
    : strings.charts.noResponses;

  return (
    <figure class="chart">
      <div ref={ref} class="chart-canvas">
        <svg class="line-chart" width={width} height={HEIGHT} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          <defs>
            <Hatch id={hatchId} />
          </defs>
          <ValueAxis domain={domain} plot={plot} y={y} format={format} />
          {points.map((point, i) =>
            point.state === "withheld" ? (
              <rect
                key={`s${i}`}
                class="withheld-band"
                x={x(i) - band / 2}
                y={plot.top}
                width={band}
                height={plot.bottom - plot.top}
                fill={`url(#${hatchId})`}
              >
                <title>{`${point.longLabel}: ${strings.release.withheld}`}</title>
              </rect>
            ) : null,
          )}
          {bands.map((d) => (
            <path key={d} class="interval-band" d={d} />
          ))}
          {bridges.map(([from, to]) => (
            <path key={`b${from}`} class="series-bridge" d={path([from, to])} />
          ))}
          {runs.map((run) => (
            <path key={`r${run[0]}`} class="series-line" d={path(run)} />
          ))}
          {points.map((point, i) =>
            point.state === "shown" ? (
              <circle key={`p${i}`} class="series-dot" cx={x(i)} cy={y(point.value!)} r={band < 8 ? 2 : 3.5}>
                <title>{`${point.longLabel}: ${pointText(point, format)}`}</title>
              </circle>
            ) : point.state === "empty" ? (
              <rect
                key={`e${i}`}
                class="empty-mark"
                x={x(i) - band / 2 + 0.5}
                y={plot.bottom + 1}
                width={Math.max(1, band - 1)}
                height={4}
              >
                <title>{`${point.longLabel}: ${strings.charts.noResponses}`}</title>
              </rect>
            ) : null,
          )}
          {points.map((point, i) =>
            point.step ? (
              <StepMark
                key={`m${i}`}
                cx={x(i)}
                cy={y(point.value!)}
                rise={point.step.rise}
                size={band < 8 ? 2.5 : 3.5}
              />
            ) : null,
          )}
          {points.map((point, i) => {
            if ((points.length - 1 - i) % labelEvery !== 0) return null;
            // A label near an edge is anchored to it rather than cut off.
            const anchor = x(i) + LABEL_SPACING / 2 > width ? "end" : x(i) - LABEL_SPACING / 2 < 0 ? "start" : "middle";
            return (
              <text
                key={`l${i}`}
                class="tick"
                x={anchor === "end" ? width - 2 : anchor === "start" ? 2 : x(i)}
                y={HEIGHT - 6}
                text-anchor={anchor}
              >
                {point.label}
              </text>
            );
          })}
        </svg>
      </div>
      <figcaption>
        <Legend
          series={[{ label: seriesLabel, className: "legend-line" }]}
          withheld={withheld > 0}
          empty={empty > 0}
          hatchId={hatchId}
          more={<MarginLegend band={bands.length > 0} steps={steps > 0} />}
        />
      </figcaption>
      <details class="chart-table">
        <summary>{strings.charts.showTable}</summary>
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{strings.charts.period}</th>
                <th scope="col">{seriesLabel}</th>
                <th scope="col">{strings.charts.responses}</th>
                <th scope="col">{strings.margins.change}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.longLabel} class={point.state}>
                  <th scope="row">{point.longLabel}</th>
                  <td>
                    {point.state === "shown" ? (
                      <>
                        <span>{format(point.value!)}</span>
                        <Margin interval={point.interval} format={format} />
                      </>
                    ) : point.state === "withheld" ? (
                      strings.release.withheld
                    ) : (
                      strings.common.noData
                    )}
                    {point.state === "shown" && point.withheld && <WithheldMark />}
                  </td>
                  <td>{formatCount(point.count)}</td>
                  <td>{point.step ? strings.margins.step(point.step.rise, point.step.from) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
