import { h } from "./dom";
import type { View } from "./state";

/**
 * The score as a radio group of real `<input type="radio">`s: arrow keys, one tab stop and the
 * announced "2 of 11" come from the browser, and the end labels describe the group. Thumbs: 1 is up,
 * 0 is down.
 */
export function Scale({ scale, strings, kind, score: picked, change }: View) {
  if (!scale) return;
  const thumbs = kind == "thumbs";
  const scores = thumbs ? [1, 0] : Array.from({ length: scale.max - scale.min + 1 }, (_, index) => scale.min + index);
  return [
    <div class="scale" role="radiogroup" aria-labelledby="q" aria-describedby="e">
      {scores.map((score) => (
        <label class="pt">
          <input
            type="radio"
            name="score"
            checked={picked == score}
            aria-label={thumbs ? undefined : strings.scoreLabel.replace("{score}", score + "")}
            onChange={() => change({ score })}
          />
          {thumbs ? (score ? strings.thumbsUp : strings.thumbsDown) : score}
        </label>
      ))}
    </div>,
    !thumbs && (
      <div class="scale" id="e">
        <span>{scale.minLabel}</span>
        <span>{scale.maxLabel}</span>
      </div>
    ),
  ];
}
