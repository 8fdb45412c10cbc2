import { useId } from "preact/hooks";
import { headlineDifference } from "../../../shared/stats/cells";
import { SEVERAL } from "../api";
import type { Group, Service } from "../api-types";
import { useCatalog } from "../catalog";
import { commonKind, kindsBySide, type Side } from "../service-sides";
import { Sparkline } from "../charts/sparkline";
import { aggregateQuery, FilterBar, useFilters, type Filters } from "../filters";
import {
  FIGURE_DOMAIN,
  figureOf,
  formatDelta,
  formatFigure,
  isScoreKind,
  stateOf,
  trendOf,
  type Bucket,
  type ScoreKind,
} from "../format";
import type { ViewProps } from "../main";
import { Margin } from "../margin";
import { ReleaseNotes, WithheldMark } from "../marks";
import { PeriodLines } from "../period-line";
import { bucketFor, internalInScope } from "../release";
import { serviceHref } from "../service/href";
import { Status } from "../status";
import { strings } from "../strings";
import { useAggregate } from "../use-aggregate";

const SIDES = ["internal", "external"] as const;

/** Sparklines by week, or by month once a period holds more than about 13 weeks. */
const trendBucket = (filters: Filters): Bucket =>
  Date.parse(filters.last) - Date.parse(filters.first) > 92 * 86_400_000 ? "month" : "week";

/**
 * Every service with how employees rate it next to how customers rate it: one aggregate grouped by
 * service and audience, each side with its trend. Both trends go by the employees' reporting period at
 * the finest (a monthly intranet: by month), so the two sides stay comparable point by point.
 */
export function Services(_props: ViewProps) {
  const [asked, setFilters, params] = useFilters();
  const owner = params.get("owner") || null;
  const { catalog, error: catalogError, reload } = useCatalog();
  const services = catalog?.services ?? [];
  const rated = catalog ? kindsBySide(catalog) : new Map<string, Record<Side, Set<string>>>();
  const ownersServices = services.filter((service) => !owner || service.owner === owner).map((service) => service.id);
  // A link that names no kind opens on the one both sides rate for the most of the services listed.
  const opening = isScoreKind(params.get("kind")) ? null : commonKind(rated, ownersServices);
  const filters = opening ? { ...asked, kind: opening.kind } : asked;
  const kind = filters.kind;
  const internal = catalog ? internalInScope(catalog.sites, catalog.surveys, { kind }) : [];
  const everySite = { ...filters, site: null };
  const answer = useAggregate(
    catalog ? (bucket) => aggregateQuery(everySite, { groupBy: "service,audience", bucket, owner }) : null,
    bucketFor(trendBucket(filters), internal),
  );
  const bucket = answer.bucket;
  const ownerId = useId();

  const sides = new Map<string, Partial<Record<(typeof SIDES)[number], Group>>>();
  if (answer.data?.kind === kind) {
    for (const group of answer.data.groups ?? []) {
      const service = group.key.service;
      const audience = group.key.audience as (typeof SIDES)[number] | null;
      if (!service || !audience) continue;
      sides.set(service, { ...sides.get(service), [audience]: group });
    }
  }
  const owners = [...new Set(services.map((service) => service.owner).filter((o): o is string => !!o))].sort();
  const listed: Pick<Service, "id" | "name" | "owner">[] = services.filter(
    (service) => !owner || service.owner === owner,
  );
  // A service answered for but since removed from the list still has figures worth showing; employees'
  // answers grouped across several services come last.
  for (const id of sides.keys())
    if (id !== SEVERAL && !listed.some((service) => service.id === id)) listed.push({ id, name: id, owner: null });
  const rows = listed.sort((a, b) => a.name.localeCompare(b.name));
  if (sides.has(SEVERAL)) rows.push({ id: SEVERAL, name: strings.services.several, owner: null });
  const title = bucket
    ? strings.services.tableTitle(strings.kinds[kind]!, strings.filters.byBucket[bucket])
    : strings.services.tableTitleNoTrend(strings.kinds[kind]!);
  const cells = [...sides.values()].flatMap((row) => SIDES.flatMap((side) => row[side] ?? []));

  return (
    <>
      <h1>{strings.nav.services}</h1>
      <p class="lede">{strings.services.intro}</p>
      <FilterBar filters={filters} onChange={setFilters} sites={catalog?.sites ?? []} controls={["period", "kind"]}>
        <div class="field">
          <label for={ownerId}>{strings.services.owner}</label>
          <select
            id={ownerId}
            value={owner ?? ""}
            onChange={(event) => setFilters({ owner: event.currentTarget.value || null })}
          >
            <option value="">{strings.services.allOwners}</option>
            {owners.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      </FilterBar>
      {opening && catalog && (
        <p class="note opening-kind">
          {opening.services
            ? strings.servicesKind.opened(strings.kinds[kind]!, opening.services)
            : strings.servicesKind.noneShared(strings.kinds[kind]!)}
        </p>
      )}
      <PeriodLines sites={internal} />
      <Status
        loading={answer.loading || !catalog}
        error={answer.error ?? (catalogError ? new Error(catalogError) : null)}
        reload={catalogError ? reload : answer.reload}
      />
      {answer.data && catalog && (
        <section class="panel" aria-labelledby="services-title">
          <h2 id="services-title">{title}</h2>
          {rows.length === 0 ? (
            <p>{strings.services.none}</p>
          ) : (
            <section class="table-scroll" aria-label={strings.charts.tableRegion(title)} tabindex={0}>
              <table class="services-table">
                <thead>
                  <tr>
                    <th scope="col">{strings.services.service}</th>
                    <th scope="col" class="internal">
                      {strings.audiences.internal}
                    </th>
                    <th scope="col" class="external">
                      {strings.audiences.external}
                    </th>
                    <th scope="col">{strings.services.gap}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((service) => {
                    const row = sides.get(service.id) ?? {};
                    const figures = SIDES.map((side) =>
                      row[side] && stateOf(kind, row[side]) === "shown" ? figureOf(kind, row[side]) : null,
                    );
                    return (
                      <tr key={service.id}>
                        <th scope="row">
                          <span class={service.id === SEVERAL ? "service-name several" : "service-name"}>
                            {service.id === SEVERAL ? (
                              service.name
                            ) : (
                              <a href={serviceHref(service.id)}>{service.name}</a>
                            )}
                          </span>
                          {service.owner && <span class="muted owner">{strings.services.ownedBy(service.owner)}</span>}
                        </th>
                        {SIDES.map((side) => (
                          <SideCell
                            key={side}
                            side={side}
                            kind={kind}
                            cell={row[side]}
                            bucket={bucket}
                            service={service.name}
                            rated={service.id === SEVERAL ? null : (rated.get(service.id)?.[side] ?? new Set())}
                          />
                        ))}
                        <GapCell
                          kind={kind}
                          sides={figures[0] !== null && figures[1] !== null ? [row.internal!, row.external!] : null}
                        />
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          )}
          {!bucket && <p class="note">{strings.release.noTrend}</p>}
          <ReleaseNotes
            withheld={
              !!answer.data.withheld ||
              cells.some((cell) => cell.withheld || cell.series?.some((point) => point.withheld))
            }
            several={sides.has(SEVERAL)}
            minGroupSize={internal.length ? Math.max(...internal.map((site) => site.minGroupSize)) : null}
          />
        </section>
      )}
    </>
  );
}

type SideProps = {
  side: (typeof SIDES)[number];
  kind: ScoreKind;
  cell: Group | undefined;
  bucket: Bucket | null;
  service: string;
  /** The kinds this side rates the service in (null: not known, as for the "several" row). */
  rated: Set<string> | null;
};

function SideCell({ side, kind, cell, bucket, service, rated }: SideProps) {
  const state = cell ? stateOf(kind, cell) : "empty";
  const value = cell ? figureOf(kind, cell) : null;
  const format = (v: number) => formatFigure(kind, v);
  return (
    <td class={`side ${side} ${state}`} data-label={strings.audiences[side]}>
      <span class="cell-figure">
        {state === "shown" && value !== null ? (
          <>
            <strong>{format(value)}</strong>
            <Margin interval={cell?.interval} format={format} />
          </>
        ) : (
          <span class="no-figure">
            {state === "withheld" ? strings.release.withheldFigure : noFigure(side, kind, rated)}
          </span>
        )}
        {state === "shown" && <span class="muted count">{strings.common.responses(cell?.count ?? 0)}</span>}
        {state === "shown" && cell?.withheld && <WithheldMark />}
      </span>
      {bucket && cell?.series && (
        <Sparkline
          className={side}
          points={trendOf(kind, cell.series, bucket)}
          domain={FIGURE_DOMAIN[kind]}
          format={format}
          label={strings.services.trendOf(service, strings.audiences[side]!)}
        />
      )}
    </td>
  );
}

/** Why an empty cell is empty: the side rates the service in no kind, or in others only, or nobody answered. */
function noFigure(side: (typeof SIDES)[number], kind: ScoreKind, rated: Set<string> | null): string {
  if (!rated || rated.has(kind)) return strings.common.noData;
  if (rated.size === 0) return strings.servicesKind.notRated[side]!;
  return strings.servicesKind.otherKinds([...rated].map((other) => strings.kinds[other] ?? other).join(", "));
}

/**
 * Employees' figure minus customers', with the margin of that difference and whether it is more than noise: the
 * two sides are independent samples, so it is the same test as GET /v1/aggregates/compare's (shared/stats).
 */
function GapCell({ kind, sides }: { kind: ScoreKind; sides: [internal: Group, external: Group] | null }) {
  const gap = sides && headlineDifference(kind, sides[1], sides[0]);
  return (
    <td class="gap" data-label={strings.services.gap}>
      {gap ? (
        <>
          {formatDelta(gap.difference)} <Margin interval={gap.interval} format={formatDelta} />
          <span class={gap.significant ? "gap-verdict real" : "gap-verdict muted"}>
            {gap.significant ? strings.servicesKind.realGap : strings.servicesKind.noiseGap}
          </span>
        </>
      ) : (
        <span class="muted">{strings.services.noGap}</span>
      )}
    </td>
  );
}
