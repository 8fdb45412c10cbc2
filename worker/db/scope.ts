import { toService, type ServiceRow } from "./services";
import { toSite, type SiteRow } from "./sites";

/** Every site and service, in one round trip, with what D1 reports it cost. */
export async function readConfig(db: D1Database) {
  const [sites, services] = await db.batch([
    db.prepare("SELECT * FROM sites ORDER BY id"),
    db.prepare("SELECT * FROM services ORDER BY id"),
  ]);
  const siteRows = sites!.results as SiteRow[];
  return {
    siteRows,
    sites: siteRows.map(toSite),
    services: (services!.results as ServiceRow[]).map(toService),
    d1Ms: (sites!.meta.duration ?? 0) + (services!.meta.duration ?? 0),
    rowsRead: (sites!.meta.rows_read ?? 0) + (services!.meta.rows_read ?? 0),
  };
}

/** Equality filters on stored columns; an empty `...In` list matches nothing. */
export type ScopeFilter = {
  site?: string;
  survey?: string;
  service?: string;
  topic?: string;
  segment: Record<string, string>;
  sitesIn?: string[];
  servicesIn?: string[];
};

const PLAIN = { site: "site_id", survey: "survey_id", service: "service_id" };

/**
 * SQL conditions (joined with AND) for a scope filter, with their parameters. A list of ids is one
 * parameter, a JSON array read with json_each: D1 takes at most 100 bound parameters per statement,
 * and an audience or owner filter, or a key limited to many sites, lists as many ids as there are.
 */
export function scopeConditions(
  filter: ScopeFilter,
  columns: { site: string; survey: string; service: string } = PLAIN,
): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, param: unknown) => {
    sql.push(clause);
    params.push(param);
  };
  if (filter.site) add(`${columns.site} = ?`, filter.site);
  if (filter.survey) add(`${columns.survey} = ?`, filter.survey);
  if (filter.service) add(`${columns.service} = ?`, filter.service);
  for (const [column, values] of [
    [columns.site, filter.sitesIn],
    [columns.service, filter.servicesIn],
  ] as const) {
    if (!values) continue;
    if (values.length === 0) sql.push("0");
    else add(`${column} IN (SELECT value FROM json_each(?))`, JSON.stringify(values));
  }
  return { sql, params };
}

/** The sites (or their stored rows) a scope filter may read. */
export const inScope = <T extends { id: string }>(sites: T[], filter: ScopeFilter): T[] =>
  sites.filter(
    (site) => (!filter.site || site.id === filter.site) && (!filter.sitesIn || filter.sitesIn.includes(site.id)),
  );
