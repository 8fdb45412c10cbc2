import type { Aggregate, Cell, Site } from "../api";
import { DistributionChart, toneOf, type Tone } from "../charts/distribution-chart";
import { LineChart } from "../charts/line-chart";
import { aggregatePath, FilterBar, useFilters } from "../filters";
import { FIGURE_DOMAIN, figureOf, formatCount, formatDay, formatFigure, formatMean, minGroupSizeOf, SCORE_RANGE, stateOf, suppressedLabel, trendOf, type ScoreKind } from "../format";
import type { ViewProps } from "../main";
import { Status } from "../status";
import { strings } from "../strings";
import { useApi, useList } from "../use-api";

/** For a period, a kind and optionally a site: the headline figure, its trend and how the scores spread. */
export function Overview(_props: ViewProps) {
  const [filters, setFilters] = useFilters();
  const sites = useList<Site>("/v1/sites");
  const answer = useApi<Aggregate>(aggregatePath(filters, { bucket: filters.bucket }));
  const hidden = suppressedLabel(minGroupSizeOf(sites.items, { site: filters.site }));
  const kind = filters.kind;
  const total = answer.data?.kind === kind ? answer.data.total : null;
  const format = (value: number) => formatFigure(kind, value);
  const trendTitle = strings.overview.trend(strings.kinds[kind]!, strings.filters.byBucket[filters.bucket]);
  return (
    <>
      <h1>{strings.nav.overview}</h1>
      <FilterBar filters={filters} onChange={setFilters} sites={sites.items} />
      <Status loading={answer.loading} error={answer.error ?? sites.error} reload={answer.reload} />
      {total && (
        <div class="overview-grid">
          <Headline kind={kind} total={total} period={strings.overview.period(formatDay(filters.first), formatDay(filters.last))} hidden={hidden} />
          <section class="panel" aria-labelledby="distribution-title">
            <h2 id="distribution-title">{strings.overview.distribution}</h2>
            {stateOf(kind, total) === "shown" ? (
              <>
                <DistributionChart kind={kind} distribution={total.distribution ?? {}} title={strings.overview.distributionOf(strings.kinds[kind]!)} />
                <Bands kind={kind} total={total} />
              </>
            ) : (
              <p class={`no-figure ${stateOf(kind, total)}`}>{total.suppressed ? hidden : strings.overview.nothingYet}</p>
            )}
          </section>
          <section class="panel trend" aria-labelledby="trend-title">
            <h2 id="trend-title">{trendTitle}</h2>
            <LineChart
              points={trendOf(kind, answer.data?.series ?? [], filters.bucket)}
              domain={FIGURE_DOMAIN[kind]}
              format={format}
              title={trendTitle}
              seriesLabel={strings.overview.figureName[kind]}
              suppressedLabel={hidden}
            />
          </section>
        </div>
      )}
    </>
  );
}

function Headline({ kind, total, period, hidden }: { kind: ScoreKind; total: Cell; period: string; hidden: string }) {
  const state = stateOf(kind, total);
  const value = figureOf(kind, total);
  return (
    <section class="panel headline" aria-labelledby="headline-title">
      <h2 id="headline-title">{strings.overview.figureName[kind]}</h2>
      {state === "shown" && value !== null ? (
        <p class="figure">{formatFigure(kind, value)}</p>
      ) : (
        <p class={`figure no-figure ${state}`}>{state === "suppressed" ? hidden : strings.common.noData}</p>
      )}
      <p class="muted">
        {state === "suppressed" ? strings.overview.hiddenTotal : strings.common.responses(total.count ?? 0)}
        {" · "}
        {period}
      </p>
      {kind === "ces" && state === "shown" && typeof total.mean === "number" && <p>{strings.overview.cesMean(formatMean(total.mean), SCORE_RANGE.ces.max)}</p>}
    </section>
  );
}

/** The counts behind the figure (promoters, passives, detractors; satisfied; easy; up and down), keyed to the bars' colours. */
function Bands({ kind, total }: { kind: ScoreKind; total: Cell }) {
  const count: Record<Tone, number> = { low: 0, middle: 0, high: 0 };
  for (const [score, n] of Object.entries(total.distribution ?? {})) count[toneOf(kind, Number(score))] += n;
  const bands = strings.overview.bands[kind];
  return (
    <dl class="bands">
      {(Object.keys(bands) as Tone[]).map((tone) => (
        <div key={tone}>
          <dt>
            <span class={`swatch tone-${tone}`} aria-hidden="true" />
            {bands[tone]}
          </dt>
          <dd>{formatCount(count[tone])}</dd>
        </div>
      ))}
    </dl>
  );
}
