import { useId } from "preact/hooks";
import { formatCount, SCORE_RANGE, type ScoreKind } from "../format";
import { strings } from "../strings";
import { scale } from "./parts";
import { useWidth } from "./use-width";

export type Tone = "low" | "middle" | "high";

/**
 * The contract's bands: NPS detractors 0–6, passives 7–8, promoters 9–10; CSAT satisfied 4–5; CES easy 5–7;
 * thumbs up.
 */
export function toneOf(kind: ScoreKind, score: number): Tone {
  switch (kind) {
    case "nps":
      return score <= 6 ? "low" : score <= 8 ? "middle" : "high";
    case "csat":
      return score <= 2 ? "low" : score === 3 ? "middle" : "high";
    case "ces":
      return score <= 3 ? "low" : score === 4 ? "middle" : "high";
    case "thumbs":
      return score === 0 ? "low" : "high";
  }
}

export const scoreLabel = (kind: ScoreKind, score: number) =>
  kind === "thumbs" ? strings.charts.thumbs[score === 1 ? "up" : "down"] : String(score);

const HEIGHT = 180;
const MARGIN = { top: 20, bottom: 26, side: 8 };

/** How many responses gave each score, as bars coloured by the kind's bands (the counts are written on them). */
export function DistributionChart({
  kind,
  distribution,
  title,
}: {
  kind: ScoreKind;
  distribution: Record<string, number>;
  title: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const id = useId();
  const { min, max } = SCORE_RANGE[kind];
  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const counts = scores.map((score) => distribution[String(score)] ?? 0);
  const total = counts.reduce((sum, count) => sum + count, 0);
  const highest = Math.max(1, ...counts);
  // At most 56 px a bar, so thumbs' two bars don't fill a desktop screen.
  const chartWidth = Math.min(width, MARGIN.side * 2 + scores.length * 56);
  const band = (chartWidth - 2 * MARGIN.side) / scores.length;
  const y = scale([0, highest], HEIGHT - MARGIN.bottom, MARGIN.top);
  const described = scores
    .map((score, i) => strings.charts.scoreCount(scoreLabel(kind, score), counts[i]!, total))
    .join("; ");
  return (
    <div ref={ref} class="chart-canvas">
      <svg
        class="distribution-chart"
        width={chartWidth}
        height={HEIGHT}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{described}</desc>
        <line
          class="axis"
          x1={MARGIN.side}
          x2={chartWidth - MARGIN.side}
          y1={HEIGHT - MARGIN.bottom}
          y2={HEIGHT - MARGIN.bottom}
        />
        {scores.map((score, i) => {
          const left = MARGIN.side + band * i;
          const top = y(counts[i]!);
          return (
            <g key={score}>
              <rect
                class={`bar tone-${toneOf(kind, score)}`}
                x={left + band * 0.15}
                width={band * 0.7}
                y={top}
                height={HEIGHT - MARGIN.bottom - top}
              />
              <text class="bar-value" x={left + band / 2} y={top - 5} text-anchor="middle">
                {formatCount(counts[i]!)}
              </text>
              <text class="tick" x={left + band / 2} y={HEIGHT - 8} text-anchor="middle">
                {scoreLabel(kind, score)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
