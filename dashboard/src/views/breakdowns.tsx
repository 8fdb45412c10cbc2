import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import { client, SEVERAL } from "../api";
import type { Cell } from "../api-types";
import { useCatalog } from "../catalog";
import { FigureBar } from "../charts/figure-bar";
import { aggregateQuery, FilterBar, useFilters } from "../filters";
import { FIGURE_DOMAIN, figureOf, formatCount, formatFigure, stateOf, type ScoreKind } from "../format";
import type { ViewProps } from "../main";
import { Margin } from "../margin";
import { GroupValue, ReleaseNotes, WithheldMark } from "../marks";
import { PeriodLines } from "../period-line";
import { internalInScope } from "../release";
import { Status } from "../status";
import { strings } from "../strings";
import { useApi } from "../use-api";

/** What the API groups by besides segments (schema/aggregates.ts GROUP_FIELDS). */
const FIELDS = ["site", "survey", "service", "owner", "audience", "topic"] as const;

/**
 * A kind's figure per group of any dimension: a segment (team, role, plan…) or a field. Employees'
 * answers come as release groups of at least minGroupSize: a group spanning several values reads
 * "several", and a figure that leaves some out says "withheld". This view shows exactly what the API answers.
 */
export function Breakdowns(_props: ViewProps) {
  const [filters, setFilters, params] = useFilters();
  const { catalog, error: catalogError, reload } = useCatalog();
  const sites = catalog?.sites ?? [];
  const fieldId = useId();
  const inScope = sites.filter((site) => !filters.site || site.id === filters.site);
  const internal = catalog ? internalInScope(sites, catalog.surveys, { site: filters.site, kind: filters.kind }) : [];
  const dimensions = [...new Set(inScope.flatMap((site) => site.dimensions))].sort();
  const options = [...dimensions.map((dimension) => `segment.${dimension}`), ...FIELDS];
  // The API's own name for it; `by` is what links made before kept.
  const asked = params.get("groupBy") ?? params.get("by");
  // Until the sites have loaded, the dimension asked for cannot be checked: wait rather than guess.
  const by =
    asked && (options.includes(asked) || (!catalog && asked.startsWith("segment.")))
      ? asked
      : catalog
        ? options[0]!
        : null;
  const answer = useApi(client.v1.aggregates.$get, by ? { query: aggregateQuery(filters, { groupBy: by }) } : null);
  const kind = filters.kind;
  const data =
    answer.data?.kind === kind && answer.data.groups && by && by in (answer.data.groups[0]?.key ?? { [by]: null })
      ? answer.data
      : null;

  const label = (value: string): string => {
    if (by === "site") return sites.find((site) => site.id === value)?.name ?? value;
    if (by === "service") return catalog?.services.find((service) => service.id === value)?.name ?? value;
    if (by === "audience") return strings.audiences[value] ?? value;
    return value;
  };
  const fieldName = (field: string) =>
    field.startsWith("segment.")
      ? strings.breakdowns.segment(field.slice(8))
      : (strings.breakdowns.fields[field] ?? field);
  const rows = [...(data?.groups ?? [])].sort(byFigure(kind));

  return (
    <>
      <h1>{strings.nav.breakdowns}</h1>
      <FilterBar filters={filters} onChange={setFilters} sites={sites} controls={["period", "kind", "site"]}>
        <div class="field">
          <label for={fieldId}>{strings.breakdowns.by}</label>
          <select
            id={fieldId}
            value={by ?? ""}
            onChange={(event) => setFilters({ groupBy: event.currentTarget.value, by: "" })}
          >
            {options.map((field) => (
              <option key={field} value={field}>
                {fieldName(field)}
              </option>
            ))}
          </select>
        </div>
      </FilterBar>
      <PeriodLines sites={internal} />
      <Status
        loading={answer.loading}
        error={answer.error ?? (catalogError ? new Error(catalogError) : null)}
        reload={catalogError ? reload : answer.reload}
      />
      {data && by && (
        <section class="panel" aria-labelledby="breakdown-title">
          <h2 id="breakdown-title">{strings.breakdowns.title(strings.kinds[kind]!, fieldName(by))}</h2>
          {rows.length === 0 ? (
            <p>{strings.overview.nothingYet}</p>
          ) : (
            <section
              class="table-scroll"
              aria-label={strings.charts.tableRegion(strings.breakdowns.title(strings.kinds[kind]!, fieldName(by)))}
              tabindex={0}
            >
              <table class="breakdown-table">
                <thead>
                  <tr>
                    <th scope="col">{fieldName(by)}</th>
                    <th scope="col">{strings.overview.figureName[kind]}</th>
                    <th scope="col" class="number">
                      {strings.charts.responses}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((group) => (
                    <Row
                      key={JSON.stringify(group.key)}
                      kind={kind}
                      cell={group}
                      name={
                        group.key[by] == null ? (
                          strings.breakdowns.notGiven
                        ) : (
                          <GroupValue value={group.key[by]!} name={label} />
                        )
                      }
                    />
                  ))}
                </tbody>
                <tfoot>
                  <Row
                    kind={kind}
                    cell={{ ...data.total, ...(data.withheld ? { withheld: true } : {}) }}
                    name={strings.breakdowns.total}
                  />
                </tfoot>
              </table>
            </section>
          )}
          <ReleaseNotes
            withheld={!!data.withheld || !!data.total.withheld || rows.some((group) => group.withheld)}
            several={rows.some((group) => group.key[by] === SEVERAL)}
            minGroupSize={internal.length ? Math.max(...internal.map((site) => site.minGroupSize)) : null}
          />
        </section>
      )}
    </>
  );
}

function Row({ kind, cell, name }: { kind: ScoreKind; cell: Cell; name: ComponentChildren }) {
  const state = stateOf(kind, cell);
  const value = figureOf(kind, cell);
  return (
    <tr class={state}>
      <th scope="row">{name}</th>
      <td class="figure-cell">
        <div class="figure-line">
          <span class="figure-text">
            {state === "shown" && value !== null ? (
              <>
                <span>{formatFigure(kind, value)}</span>
                <Margin interval={cell.interval} format={(figure) => formatFigure(kind, figure)} />
              </>
            ) : (
              <span class="no-figure">
                {state === "withheld" ? strings.release.withheldFigure : strings.common.noData}
              </span>
            )}
            {state === "shown" && cell.withheld && <WithheldMark />}
          </span>
          <FigureBar value={value} state={state} domain={FIGURE_DOMAIN[kind]} interval={cell.interval} />
        </div>
      </td>
      <td class="number">{formatCount(cell.count ?? 0)}</td>
    </tr>
  );
}

/** Highest figure first; withheld groups, then empty ones, last (in the API's order, which is by key). */
const byFigure = (kind: ScoreKind) => (a: Cell, b: Cell) => {
  const rank = (cell: Cell) => ({ shown: 0, withheld: 1, empty: 2 })[stateOf(kind, cell)];
  return rank(a) - rank(b) || (figureOf(kind, b) ?? 0) - (figureOf(kind, a) ?? 0);
};
