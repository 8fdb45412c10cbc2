import { useId } from "preact/hooks";
import type { Aggregate, Cell, Service, Site } from "../api";
import { FigureBar } from "../charts/figure-bar";
import { aggregatePath, FilterBar, useFilters } from "../filters";
import { FIGURE_DOMAIN, figureOf, formatCount, formatFigure, minGroupSizeOf, stateOf, suppressedLabel, type ScoreKind } from "../format";
import type { ViewProps } from "../main";
import { Status } from "../status";
import { strings } from "../strings";
import { useApi, useList } from "../use-api";

/** What the API groups by besides segments (schema/aggregates.ts GROUP_FIELDS). */
const FIELDS = ["site", "survey", "service", "owner", "audience", "topic"] as const;

/**
 * A kind's figure per group of any dimension: a segment (team, role, plan…) or a field. The API hides
 * small employee groups, and whatever would give them away; this view shows exactly what it answers.
 */
export function Breakdowns(_props: ViewProps) {
  const [filters, setFilters, params] = useFilters();
  const sites = useList<Site>("/v1/sites");
  const services = useList<Service>("/v1/services");
  const fieldId = useId();
  const inScope = sites.items.filter((site) => !filters.site || site.id === filters.site);
  const dimensions = [...new Set(inScope.flatMap((site) => site.dimensions))].sort();
  const options = [...dimensions.map((dimension) => `segment.${dimension}`), ...FIELDS];
  const asked = params.get("by");
  // Until the sites have loaded, the dimension asked for cannot be checked: wait rather than guess.
  const by = asked && (options.includes(asked) || (!sites.data && asked.startsWith("segment."))) ? asked : sites.data ? options[0]! : null;
  const answer = useApi<Aggregate>(by ? aggregatePath(filters, { groupBy: by }) : null);
  const kind = filters.kind;
  const data = answer.data?.kind === kind && answer.data.groups && by && by in (answer.data.groups[0]?.key ?? { [by]: null }) ? answer.data : null;

  const label = (value: string | null): string => {
    if (value === null) return strings.breakdowns.notGiven;
    if (by === "site") return sites.items.find((site) => site.id === value)?.name ?? value;
    if (by === "service") return services.items.find((service) => service.id === value)?.name ?? value;
    if (by === "audience") return strings.audiences[value] ?? value;
    return value;
  };
  // Grouped by site, each row's own site says its N; otherwise the largest among the sites it may count.
  const hiddenFor = (key: string | null) => suppressedLabel(by === "site" && key ? minGroupSizeOf(sites.items, { site: key }) ?? minGroupSizeOf(inScope) : minGroupSizeOf(inScope));
  const fieldName = (field: string) => (field.startsWith("segment.") ? strings.breakdowns.segment(field.slice(8)) : strings.breakdowns.fields[field] ?? field);
  const rows = [...(data?.groups ?? [])].sort(byFigure(kind));

  return (
    <>
      <h1>{strings.nav.breakdowns}</h1>
      <FilterBar filters={filters} onChange={setFilters} sites={sites.items} controls={["period", "kind", "site"]}>
        <div class="field">
          <label for={fieldId}>{strings.breakdowns.by}</label>
          <select id={fieldId} value={by ?? ""} onChange={(event) => setFilters({ by: event.currentTarget.value })}>
            {options.map((field) => <option key={field} value={field}>{fieldName(field)}</option>)}
          </select>
        </div>
      </FilterBar>
      <Status loading={answer.loading} error={answer.error ?? sites.error} reload={answer.reload} />
      {data && by && (
        <section class="panel" aria-labelledby="breakdown-title">
          <h2 id="breakdown-title">{strings.breakdowns.title(strings.kinds[kind]!, fieldName(by))}</h2>
          {rows.length === 0 ? (
            <p>{strings.overview.nothingYet}</p>
          ) : (
            <div class="table-scroll" role="region" aria-label={strings.charts.tableRegion(strings.breakdowns.title(strings.kinds[kind]!, fieldName(by)))} tabindex={0}>
              <table class="breakdown-table">
                <thead>
                  <tr>
                    <th scope="col">{fieldName(by)}</th>
                    <th scope="col">{strings.overview.figureName[kind]}</th>
                    <th scope="col" class="number">{strings.charts.responses}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((group) => (
                    <Row key={JSON.stringify(group.key)} kind={kind} cell={group} name={label(group.key[by] ?? null)} hidden={hiddenFor(group.key[by] ?? null)} />
                  ))}
                </tbody>
                <tfoot>
                  <Row kind={kind} cell={data.total} name={strings.breakdowns.total} hidden={suppressedLabel(minGroupSizeOf(inScope))} />
                </tfoot>
              </table>
            </div>
          )}
          <p class="note">{strings.charts.suppressionNote(suppressedLabel(minGroupSizeOf(inScope)))}</p>
        </section>
      )}
    </>
  );
}

function Row({ kind, cell, name, hidden }: { kind: ScoreKind; cell: Cell; name: string; hidden: string }) {
  const state = stateOf(kind, cell);
  const value = figureOf(kind, cell);
  return (
    <tr class={state}>
      <th scope="row">{name}</th>
      <td class="figure-cell">
        <div class="figure-line">
          <span class="figure-text">{state === "shown" && value !== null ? formatFigure(kind, value) : <span class="no-figure">{state === "suppressed" ? hidden : strings.common.noData}</span>}</span>
          <FigureBar value={value} state={state} domain={FIGURE_DOMAIN[kind]} />
        </div>
      </td>
      <td class="number">{state === "suppressed" ? <span class="muted">{strings.charts.hidden}</span> : formatCount(cell.count ?? 0)}</td>
    </tr>
  );
}

/** Highest figure first; hidden groups, then empty ones, last (in the API's order, which is by key). */
const byFigure = (kind: ScoreKind) => (a: Cell, b: Cell) => {
  const rank = (cell: Cell) => ({ shown: 0, suppressed: 1, empty: 2 })[stateOf(kind, cell)];
  return rank(a) - rank(b) || (figureOf(kind, b) ?? 0) - (figureOf(kind, a) ?? 0);
};
