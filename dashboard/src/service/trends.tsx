import { useId } from "preact/hooks";
import { client } from "../api";
import type { Catalog } from "../catalog";
import { PairedChart, type Marker, type PairedLine } from "../charts/paired-chart";
import { addDays, localDate, timeZone } from "../filters";
import { FIGURE_DOMAIN, formatDay, formatFigure, type Bucket, type ScoreKind } from "../format";
import type { ViewProps } from "../main";
import { ReleaseNotes } from "../marks";
import { PeriodLines } from "../period-line";
import { bucketFor } from "../release";
import { Status } from "../status";
import { strings } from "../strings";
import { useApi } from "../use-api";
import { ActionsPanel } from "./actions-panel";
import { LeadLagPanel } from "./lead-lag-panel";
import { bandPointsOf, figuresOf, positionOf, sidesOf, SIDES, type Side } from "./sides";

/** How many periods the page shows: enough for 8 paired periods at a lag of 3, and more. */
export const SPANS = [13, 26, 52] as const;
export const DEFAULT_SPAN = 26;

/** The first day of the bucket `periods - 1` buckets before today's, as a local date. */
function firstDay(bucket: Bucket, periods: number, today = localDate(new Date())): string {
  if (bucket === "day") return addDays(today, 1 - periods);
  if (bucket === "week") {
    const [year, month, date] = today.split("-").map(Number);
    const monday = addDays(today, -((new Date(year!, month! - 1, date!).getDay() + 6) % 7));
    return addDays(monday, -7 * (periods - 1));
  }
  const [year, month] = today.split("-").map(Number);
  return localDate(new Date(year!, month! - periods, 1));
}

export type TrendsProps = ViewProps & {
  catalog: Catalog;
  service: string;
  span: number;
  onSpan: (periods: number) => void;
};

/**
 * The service's trends, lead/lag and actions over the last `span` periods of the employees' reporting period.
 */
export function Trends({ catalog, service, span, onSpan, access }: TrendsProps) {
  const spanId = useId();
  const actions = useApi(client.v1.services[":service"].actions.$get, {
    param: { service: encodeURIComponent(service) },
  });
  const { kinds, internalSites } = sidesOf(catalog, service);
  const bucket = internalSites.length ? bucketFor("week", internalSites) : "week";
  const from = bucket ? firstDay(bucket, span) : null;
  const to = addDays(localDate(new Date()), 1);
  const queryOf = (side: Side) => {
    const kind = kinds[side];
    if (!kind || !bucket || !from) return null;
    return { query: { kind, service, audience: side, from, to, tz: timeZone, bucket } };
  };
  const internal = useApi(client.v1.aggregates.$get, queryOf("internal"));
  const external = useApi(client.v1.aggregates.$get, queryOf("external"));
  const answers = { internal, external };
  const rated = SIDES.filter((side) => kinds[side]);
  if (rated.length === 0) return <p>{strings.service.notRated}</p>;
  const actionsPanel = (
    <>
      <Status loading={false} error={actions.error} reload={actions.reload} />
      {actions.data && (
        <ActionsPanel
          service={service}
          actions={actions.data.items}
          canWrite={access.scope === "admin" && access.sites === null}
          reload={actions.reload}
        />
      )}
    </>
  );
  if (!bucket)
    return (
      <>
        <p class="note">{strings.service.quarterly}</p>
        {actionsPanel}
      </>
    );

  const by = strings.filters.byBucket[bucket];
  const lines: (PairedLine & { kind: ScoreKind })[] = rated.flatMap((side) => {
    const data = answers[side].data;
    const kind = kinds[side]!;
    if (!data?.series || data.kind !== kind) return [];
    return [{ side, kind, label: strings.audiences[side]!, points: bandPointsOf(kind, data.series, bucket) }];
  });
  const shared = lines.length === 2 && lines[0]!.kind === lines[1]!.kind;
  const charts = shared ? [lines] : lines.map((line) => [line]);
  const starts = lines[0]?.points.map((point) => point.start) ?? [];
  const markers: Marker[] = (actions.data?.items ?? []).flatMap((action) => {
    const position = positionOf(action.date, starts, bucket);
    const label = strings.service.actionMark(action.title, formatDay(action.date));
    return position === null ? [] : [{ id: action.id, position, label }];
  });
  const loading = rated.some((side) => answers[side].loading);
  const error = rated.map((side) => answers[side].error).find(Boolean) ?? null;
  const internalSeries = answers.internal.data?.series;
  const externalSeries = answers.external.data?.series;

  return (
    <>
      <form class="filters" aria-label={strings.filters.label} onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for={spanId}>{strings.service.span}</label>
          <select id={spanId} value={span} onChange={(event) => onSpan(Number(event.currentTarget.value))}>
            {SPANS.map((periods) => (
              <option key={periods} value={periods}>
                {strings.service.spans(periods, by)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <PeriodLines sites={internalSites} />
      {rated.length === 1 && <p class="note">{strings.service.oneSide(strings.audiences[rated[0]!]!)}</p>}
      {internalSites.length > 0 && <p class="note">{strings.service.commonPeriod(by)}</p>}
      <Status
        loading={loading}
        error={error}
        reload={() => {
          for (const side of rated) answers[side].reload();
        }}
      />
      {charts.map((group) => {
        const kind = group[0]!.kind;
        const audiences = group.length === 2 ? strings.service.both : group[0]!.label;
        const title = strings.service.chartTitle(audiences, strings.kinds[kind]!, by);
        return (
          <section key={group.map((line) => line.side).join("-")} class="panel" aria-label={title}>
            <h2>{title}</h2>
            <PairedChart
              lines={group}
              domain={FIGURE_DOMAIN[kind]}
              format={(value) => formatFigure(kind, value)}
              title={title}
              markers={markers}
            />
          </section>
        );
      })}
      {kinds.internal && kinds.external && internalSeries && externalSeries && (
        <LeadLagPanel
          internal={figuresOf(kinds.internal, internalSeries)}
          external={figuresOf(kinds.external, externalSeries)}
          kinds={{ internal: kinds.internal, external: kinds.external }}
          bucket={bucket}
        />
      )}
      {actionsPanel}
      <ReleaseNotes
        withheld={!!internalSeries?.some((point) => point.withheld)}
        several={false}
        minGroupSize={internalSites.length ? Math.max(...internalSites.map((site) => site.minGroupSize)) : null}
      />
    </>
  );
}
