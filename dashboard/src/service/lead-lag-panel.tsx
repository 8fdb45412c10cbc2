import { leadLag, MIN_PAIRED_PERIODS, type Lag } from "../../../shared/stats/correlation";
import type { Bucket, ScoreKind } from "../format";
import { strings } from "../strings";

type Props = {
  internal: (number | null)[];
  external: (number | null)[];
  kinds: { internal: ScoreKind; external: ScoreKind };
  bucket: Bucket;
};

const t = strings.leadLag;
const locale = () => document.documentElement.lang || "en";
const formatR = (r: number) =>
  new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(r);

/**
 * Issue 15 item 4: does the employees' figure move before the customers'? Pearson's r of the internal series
 * at t against the external one at t + lag, lag 0 to 3 periods, each with its Fisher z interval
 * (shared/stats/correlation.ts). Below MIN_PAIRED_PERIODS pairs it says so instead of a number. Only released
 * figures go in: a withheld period is a gap on both sides of every pair it would be in.
 */
export function LeadLagPanel({ internal, external, kinds, bucket }: Props) {
  const lags = leadLag(internal, external, 3);
  return (
    <section class="panel lead-lag" aria-labelledby="lead-lag-title">
      <h2 id="lead-lag-title">{t.title}</h2>
      <p class="muted">{t.intro}</p>
      {/* Focusable and named: on a phone the table scrolls sideways, by keyboard too (WCAG 2.1.1). */}
      <section class="table-scroll" aria-label={strings.charts.tableRegion(t.title)} tabindex={0}>
        <table class="lead-lag-table">
          <thead>
            <tr>
              <th scope="col">{t.lag}</th>
              <th scope="col">{t.r}</th>
              <th scope="col" class="number">
                {t.pairs}
              </th>
            </tr>
          </thead>
          <tbody>
            {lags.map((lag) => (
              <tr key={lag.lag} data-lag={lag.lag}>
                <th scope="row">{t.lagName(lag.lag, t.units[bucket] ?? bucket)}</th>
                <td>
                  <Finding lag={lag} kinds={kinds} bucket={bucket} />
                </td>
                <td class="number">{lag.pairs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p class="note">{t.caution}</p>
    </section>
  );
}

function Finding({ lag, kinds, bucket }: { lag: Lag; kinds: Props["kinds"]; bucket: Bucket }) {
  if (lag.pairs < MIN_PAIRED_PERIODS) return <span class="muted">{t.notEnough(lag.pairs, MIN_PAIRED_PERIODS)}</span>;
  if (lag.r === null || lag.interval === null) return <span class="muted">{t.flat}</span>;
  const when = lag.lag === 0 ? t.sameTime : t.later(t.lagName(lag.lag, t.units[bucket] ?? bucket));
  const [lo, hi] = lag.interval;
  return (
    <span class="finding">
      <RBar r={lag.r} interval={lag.interval} />
      {t.sentence(
        strings.kinds[kinds.internal]!,
        strings.kinds[kinds.external]!,
        when,
        formatR(lag.r),
        formatR(lo),
        formatR(hi),
      )}
    </span>
  );
}

const BAR = { width: 120, height: 14 };

/** r and its interval on a −1..1 scale, for the eye only (the sentence beside it says the same). */
function RBar({ r, interval }: { r: number; interval: [number, number] }) {
  const x = (value: number) => ((value + 1) / 2) * (BAR.width - 8) + 4;
  return (
    <svg class="r-bar" width={BAR.width} height={BAR.height} aria-hidden="true">
      <line class="track" x1={4} x2={BAR.width - 4} y1={7} y2={7} />
      <line class="zero" x1={x(0)} x2={x(0)} y1={2} y2={12} />
      <line class="range" x1={x(interval[0])} x2={x(interval[1])} y1={7} y2={7} />
      <circle class="dot" cx={x(r)} cy={7} r={3.5} />
    </svg>
  );
}
