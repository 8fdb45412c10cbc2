import { strings } from "../strings";
import type { TrendPoint } from "./parts";

/**
 * The 95% interval of a trend as shaded areas behind its line, one per run of consecutive shown points (nothing
 * is known between two runs, so no band bridges a gap); a point on its own gets a narrow bar of `width` pixels.
 */
export function bandPaths(
  points: TrendPoint[],
  x: (i: number) => number,
  y: (value: number) => number,
  width: number,
): string[] {
  const runs: number[][] = [];
  points.forEach((point, i) => {
    if (point.state !== "shown" || !point.interval) return;
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === i - 1) run.push(i);
    else runs.push([i]);
  });
  const at = (px: number, value: number) => `${px.toFixed(1)},${y(value).toFixed(1)}`;
  return runs.map((run) => {
    const ends = run.map((i) => points[i]!.interval!);
    if (run.length === 1) {
      const [[lo, hi], left, right] = [ends[0]!, x(run[0]!) - width / 2, x(run[0]!) + width / 2];
      return `M${at(left, hi)}L${at(right, hi)}L${at(right, lo)}L${at(left, lo)}Z`;
    }
    const upper = run.map((i, n) => `${n ? "L" : "M"}${at(x(i), ends[n]![1])}`).join("");
    const lower = [...run].reverse().map((i, n) => `L${at(x(i), ends[run.length - 1 - n]![0])}`);
    return `${upper}${lower.join("")}Z`;
  });
}

/**
 * The mark of a point that differs significantly from the one before: a ring around its dot and a small arrow
 * pointing the way it moved, so it reads without colour. It sits inside a role="img" chart, whose name, table and
 * tooltips carry its words.
 */
export function StepMark({ cx, cy, rise, size }: { cx: number; cy: number; rise: boolean; size: number }) {
  const tip = rise ? cy - size * 2.6 : cy + size * 2.6;
  const base = rise ? tip + size : tip - size;
  return (
    <g class={`step-mark ${rise ? "rise" : "fall"}`}>
      <circle class="step-ring" cx={cx} cy={cy} r={size * 1.6} />
      <path class="step-arrow" d={`M${cx},${tip}L${cx + size},${base}L${cx - size},${base}Z`} />
    </g>
  );
}

/** The legend's swatch of the band and of the mark, beside their words. */
export function MarginLegend({ band, steps }: { band: boolean; steps: boolean }) {
  return (
    <>
      {band && (
        <li>
          <svg width="22" height="12" aria-hidden="true">
            <rect class="interval-band" x="1" y="1" width="20" height="10" />
          </svg>
          {strings.margins.band}
        </li>
      )}
      {steps && (
        <li>
          <svg width="16" height="16" aria-hidden="true">
            <StepMark cx={8} cy={11} rise size={2.5} />
          </svg>
          {strings.margins.stepMark}
        </li>
      )}
    </>
  );
}
