import type { Cell } from "../api-types";
import { useCatalog } from "../catalog";
import { DistributionChart, toneOf, type Tone } from "../charts/distribution-chart";
import { LineChart } from "../charts/line-chart";
import { aggregateQuery, FilterBar, useFilters } from "../filters";
import {
  FIGURE_DOMAIN,
  figureOf,
  formatCount,
  formatDay,
  formatFigure,
  formatMean,
  SCORE_RANGE,
  stateOf,
  trendOf,
  type ScoreKind,
} from "../format";
import type { ViewProps } from "../main";
import { Margin } from "../margin";
import { ReleaseNotes, WithheldMark } from "../marks";
import { PeriodLines } from "../period-line";
import { ResponseRates } from "./response-rates";
import { bucketFor, bucketsFor, internalInScope } from "../release";
import { Status } from "../status";
import { strings } from "../strings";
import { useAggregate } from "../use-aggregate";

/**
 * For a period, a kind and optionally a site: the headline figure, its trend and how the scores spread.
 * With employees' answers in scope the trend is by their reporting period at the finest.
 */
export function Overview(_props: ViewProps) {
  const [filters, setFilters] = useFilters();
  const { catalog, error: catalogError, reload } = useCatalog();
  const kind = filters.kind;
  const internal = catalog ? internalInScope(catalog.sites, catalog.surveys, { site: filters.site, kind }) : [];
  const answer = useAggregate(
    catalog ? (bucket) => aggregateQuery(filters, { bucket }) : null,
    bucketFor(filters.bucket, internal),
  );
  const total = answer.data?.kind === kind ? answer.data.total : null;
  const format = (value: number) => formatFigure(kind, value);
  const trendTitle = answer.bucket
    ? strings.overview.trend(strings.kinds[kind]!, strings.filters.byBucket[answer.bucket])
    : strings.kinds[kind]!;
  const series = answer.data?.series ?? [];
  return (
    <>
      <h1>{strings.nav.overview}</h1>
      <FilterBar
        filters={{ ...filters, bucket: answer.bucket ?? filters.bucket }}
        onChange={setFilters}
        sites={catalog?.sites ?? []}
        buckets={bucketsFor(internal)}
      />
      <PeriodLines sites={internal} />
      <Status
        loading={answer.loading}
        error={answer.error ?? (catalogError ? new Error(catalogError) : null)}
        reload={catalogError ? reload : answer.reload}
      />
      {total && (
        <div class="overview-grid">
          <Headline
            kind={kind}
            total={total}
            period={strings.overview.period(formatDay(filters.first), formatDay(filters.last))}
          />
          <section class="panel" aria-labelledby="distribution-title">
            <h2 id="distribution-title">{strings.overview.distribution}</h2>
            {stateOf(kind, total) === "shown" ? (
              <>
                <DistributionChart
                  kind={kind}
                  distribution={total.distribution ?? {}}
                  title={strings.overview.distributionOf(strings.kinds[kind]!)}
                />
                <Bands kind={kind} total={total} />
              </>
            ) : (
              <p class={`no-figure ${stateOf(kind, total)}`}>
                {total.withheld ? strings.release.withheldFigure : strings.overview.nothingYet}
              </p>
            )}
          </section>
          <section class="panel trend" aria-labelledby="trend-title">
            <h2 id="trend-title">{trendTitle}</h2>
            {answer.bucket ? (
              <LineChart
                points={trendOf(kind, series, answer.bucket)}
                domain={FIGURE_DOMAIN[kind]}
                format={format}
                title={trendTitle}
                seriesLabel={strings.overview.figureName[kind]}
              />
            ) : (
              <p class="muted">{strings.release.noTrend}</p>
            )}
            {answer.bucket && answer.bucket !== filters.bucket && (
              <p class="note">{strings.release.coarserBucket(strings.filters.byBucket[answer.bucket])}</p>
            )}
          </section>
        </div>
      )}
      {total && (
        <ReleaseNotes
          withheld={!!answer.data?.withheld || !!total.withheld || series.some((point) => point.withheld)}
          several={false}
          minGroupSize={internal.length ? Math.max(...internal.map((site) => site.minGroupSize)) : null}
        />
      )}
      {catalog && <ResponseRates filters={filters} catalog={catalog} />}
    </>
  );
}

function Headline({ kind, total, period }: { kind: ScoreKind; total: Cell; period: string }) {
  const state = stateOf(kind, total);
  const value = figureOf(kind, total);
  return (
    <section class="panel headline" aria-labelledby="headline-title">
      <h2 id="headline-title">{strings.overview.figureName[kind]}</h2>
      {state === "shown" && value !== null ? (
        <p class="figure">
          <span>{formatFigure(kind, value)}</span>
          <Margin interval={total.interval} format={(figure) => formatFigure(kind, figure)} />
          {total.withheld && <WithheldMark />}
        </p>
      ) : (
        <p class={`figure no-figure ${state}`}>
          {state === "withheld" ? strings.release.withheldFigure : strings.common.noData}
        </p>
      )}
      <p class="muted">
        {strings.common.responses(total.count ?? 0)}
        {" · "}
        {period}
      </p>
      {kind === "ces" && state === "shown" && typeof total.mean === "number" && (
        <p>{strings.overview.cesMean(formatMean(total.mean), SCORE_RANGE.ces.max)}</p>
      )}
    </section>
  );
}

/**
 * The counts behind the figure (promoters, passives, detractors; satisfied; easy; up and down), keyed to the
 * bars' colours.
 */
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
