import type { Interval } from "../../shared/stats/intervals";
import { formatMargin, marginOf } from "./format";
import { strings } from "./strings";

/**
 * A figure's margin of error beside it: "±9" to the eye, "margin of error ±9 points at 95%" to a screen reader
 * (which may skip a "±"), and the interval's own ends on hover, since they are not symmetric about the figure
 * (see marginOf). Nothing without an interval: no answers, or nothing released.
 */
export function Margin(props: { interval: Interval | null | undefined; format: (value: number) => string }) {
  const { interval, format } = props;
  const margin = marginOf(interval);
  if (margin === null || !interval) return null;
  const text = formatMargin(margin);
  const ends = strings.margins.range(format(interval[0]), format(interval[1]));
  return (
    <span class="margin" title={ends}>
      <span aria-hidden="true">{text}</span>
      <span class="visually-hidden">{strings.margins.spoken(text)}</span>
    </span>
  );
}
