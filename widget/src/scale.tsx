import type { WidgetConfig } from "../../schema/widget";

type Point = { score: number; text: string; ariaLabel?: string };

type Props = {
  config: WidgetConfig;
  score: number | null;
  onPick(score: number): void;
};

/**
 * The score as a radio group of real `<input type="radio">`s: arrow keys, one tab stop and the
 * announced "2 of 11" come from the browser. The inputs lie invisibly over their labels, which are
 * what is seen (styles.ts: `.pt`).
 */
export function Scale({ config, score, onPick }: Props) {
  const { scale, strings } = config;
  if (!scale) return null;
  const thumbs = config.kind === "thumbs";
  const points: Point[] = thumbs
    ? [
        { score: 1, text: strings.thumbsUp },
        { score: 0, text: strings.thumbsDown },
      ]
    : range(scale.min, scale.max).map((value) => ({
        score: value,
        text: String(value),
        ariaLabel: strings.scoreLabel.replace("{score}", String(value)),
      }));
  return (
    <div>
      <div
        class={thumbs ? "scale thumbs" : "scale"}
        role="radiogroup"
        aria-labelledby="fl-q"
        aria-describedby={thumbs ? undefined : "fl-ends"}
      >
        {points.map((point) => (
          <span class="pt" key={point.score}>
            <input
              type="radio"
              name="score"
              id={`fl-s${point.score}`}
              value={point.score}
              checked={score === point.score}
              aria-label={point.ariaLabel}
              onChange={() => onPick(point.score)}
            />
            <label for={`fl-s${point.score}`}>{point.text}</label>
          </span>
        ))}
      </div>
      {!thumbs && (
        <div class="ends" id="fl-ends">
          <span>{scale.minLabel}</span>
          <span>{scale.maxLabel}</span>
        </div>
      )}
    </div>
  );
}

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, index) => min + index);
}
