import { formatCount } from "../format";
import { WithheldMark } from "../marks";
import type { BandPoint } from "../service/sides";
import { strings } from "../strings";

type Line = { side: string; label: string; points: BandPoint[] };

/** The paired chart's figures as a table: each period, each side's figure with its interval and its count. */
export function ChartTable({ title, lines, format }: { title: string; lines: Line[]; format: (v: number) => string }) {
  const periods = lines[0]?.points ?? [];
  return (
    <details class="chart-table">
      <summary>{strings.charts.showTable}</summary>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{strings.charts.period}</th>
              {lines.map((line) => (
                <th key={line.side} scope="col">
                  {line.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {periods.map((period, i) => (
              <tr key={period.start}>
                <th scope="row">{period.longLabel}</th>
                {lines.map((line) => (
                  <td key={line.side}>
                    <Figure point={line.points[i]} format={format} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Figure({ point, format }: { point: BandPoint | undefined; format: (v: number) => string }) {
  if (!point || point.state === "empty") return <span class="muted">{strings.common.noData}</span>;
  if (point.state === "withheld" || point.value === null) return <>{strings.release.withheld}</>;
  const interval = point.interval;
  return (
    <>
      {format(point.value)}
      {interval && <span class="muted"> {strings.service.intervalText(format(interval[0]), format(interval[1]))}</span>}{" "}
      <span class="muted">({formatCount(point.count)})</span>
      {point.withheld && <WithheldMark />}
    </>
  );
}
