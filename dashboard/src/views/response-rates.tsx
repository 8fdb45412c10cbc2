import { client, SEVERAL } from "../api";
import type { AggregatesQuery, Group, Site, Survey } from "../api-types";
import { firstText, type Catalog } from "../catalog";
import { addDays, utcDaysOf, type Filters } from "../filters";
import { formatCount, formatDay } from "../format";
import { WithheldMark } from "../marks";
import { formatRelease } from "../release";
import { Status } from "../status";
import { strings } from "../strings";
import { useApi } from "../use-api";

const t = strings.rates;

/**
 * One line of the table: a survey, or an intranet's surveys together when some of its answers were released
 * across surveys (`pooled`: the survey's own rate leaves those out).
 */
type Row = { key: string; label: string; detail: string; site: Site; cell: Partial<Group> | null; pooled: boolean };

/**
 * How many people each survey of the chosen kind was shown to, how many answered, and the share. A request
 * of its own: displays are kept per UTC day, so the API reports them only for whole UTC days asked with
 * `tz=UTC`, while the rest of the overview reads days in the browser's zone. Where there is no count to
 * divide by, the table says why rather than show 0 %.
 */
export function ResponseRates({ filters, catalog }: { filters: Filters; catalog: Catalog }) {
  const days = utcDaysOf(filters);
  const query: AggregatesQuery = {
    kind: filters.kind,
    from: days.from,
    to: days.to,
    tz: "UTC",
    groupBy: "site,survey",
  };
  if (filters.site) query.site = filters.site;
  const answer = useApi(client.v1.aggregates.$get, { query });
  const surveys = catalog.surveys.filter(
    (survey) => survey.kind === filters.kind && (!filters.site || survey.site === filters.site),
  );
  const sites = new Map(catalog.sites.map((site) => [site.id, site]));
  const groups = answer.data?.kind === filters.kind ? (answer.data.groups ?? []) : null;
  const counted = answer.data?.total.displays !== undefined;
  const rows = groups ? rowsOf(surveys, groups, sites) : [];
  const employees = rows.some((row) => row.site.audience === "internal");
  // A survey all of whose answers were released across surveys has no rate of its own: not 0 %.
  const rateOf = (row: Row) => (row.pooled && !row.cell?.count ? null : row.cell?.responseRate);
  const reason = (row: Row) => {
    if (!counted) return t.why.notCounted;
    if (row.pooled && row.cell?.displays) return t.why.pooledOnly;
    if (row.site.audience === "external") return t.why.noDisplays;
    const open = row.site.currentPeriod;
    return open && Date.parse(open.start) < Date.parse(`${days.to}T00:00:00Z`)
      ? t.why.openPeriod(formatRelease(open.end, row.site.timeZone ?? "UTC"))
      : t.why.closedNone;
  };
  return (
    <section class="panel response-rates" aria-labelledby="rates-title">
      <h2 id="rates-title">{t.title}</h2>
      <Status loading={answer.loading} error={answer.error} reload={answer.reload} />
      {groups && rows.length === 0 && <p class="muted">{t.noSurveys}</p>}
      {rows.length > 0 && (
        <section class="table-scroll" aria-label={strings.charts.tableRegion(t.title)} tabindex={0}>
          <table class="rates-table">
            <thead>
              <tr>
                <th scope="col">{t.survey}</th>
                <th scope="col">{t.site}</th>
                <th scope="col" class="number">
                  {t.shown}
                </th>
                <th scope="col" class="number">
                  {t.responses}
                </th>
                <th scope="col">{t.rate}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">
                    <span class="survey-question">{row.label}</span>
                    {row.detail && <span class="muted survey-id">{row.detail}</span>}
                  </th>
                  <td>{row.site.name}</td>
                  <td class="number">{counted ? formatCount(row.cell?.displays ?? 0) : "–"}</td>
                  <td class="number">
                    {formatCount(row.cell?.count ?? 0)}
                    {row.cell?.withheld && <WithheldMark />}
                  </td>
                  <td>
                    {typeof rateOf(row) === "number" ? (
                      <>
                        <strong>{formatRate(rateOf(row)!)}</strong>
                        {row.pooled && <span class="muted pooled">{t.pooled}</span>}
                      </>
                    ) : (
                      <span class="not-yet">
                        <strong>{t.notYet}</strong> <span class="muted">{reason(row)}</span>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <p class="note">{t.utcDays(formatDay(days.from), formatDay(addDays(days.to, -1)))}</p>
      {employees && <p class="note">{t.employeesNote}</p>}
    </section>
  );
}

/**
 * A row per survey in scope, with its group of the answer (none: nothing shown or answered). An intranet
 * some of whose answers were released across its surveys (a group whose survey reads "several") gets a row
 * for all its surveys too, the only one that counts those answers.
 */
function rowsOf(surveys: Survey[], groups: Group[], sites: Map<string, Site>): Row[] {
  const groupOf = (site: string, survey: string) =>
    groups.find((group) => group.key.site === site && group.key.survey === survey) ?? null;
  const pooledSites = new Set(groups.filter((group) => group.key.survey === SEVERAL).map((group) => group.key.site));
  const rows: Row[] = [];
  for (const survey of surveys) {
    const site = sites.get(survey.site);
    if (!site) continue;
    const label = firstText(survey.question) || survey.id;
    const pooled = pooledSites.has(site.id);
    rows.push({
      key: `${site.id}/${survey.id}`,
      label,
      detail: survey.id,
      site,
      cell: groupOf(site.id, survey.id),
      pooled,
    });
  }
  for (const id of pooledSites) {
    const site = id ? sites.get(id) : undefined;
    if (!site) continue;
    const ofSite = groups.filter((group) => group.key.site === id);
    const count = ofSite.reduce((sum, group) => sum + group.count, 0);
    const displays = ofSite.reduce((sum, group) => sum + (group.displays ?? 0), 0);
    const cell: Partial<Group> = {
      count,
      displays,
      responseRate: displays === 0 ? null : count / displays,
      ...(ofSite.some((group) => group.withheld) ? { withheld: true } : {}),
    };
    rows.push({ key: `${id}/*`, label: t.allSurveysOf(site.name), detail: "", site, cell, pooled: false });
  }
  // Each site's rows together, the row for all its surveys last (a stable sort keeps it after them).
  const order = new Map(surveys.map((survey, index): [string, number] => [survey.site, index]).reverse());
  return rows.sort((a, b) => (order.get(a.site.id) ?? 0) - (order.get(b.site.id) ?? 0));
}

const formatRate = (rate: number) =>
  new Intl.NumberFormat(document.documentElement.lang || "en", { style: "percent", maximumFractionDigits: 1 }).format(
    rate,
  );
