import { Kind } from "../../schema/common";
import type { Survey } from "../../schema/config";
import { toService, type ServiceRow } from "./services";
import { toSite, type SiteRow } from "./sites";

/** What a survey lets a reader filter by: the services it rates and the topics it offers. */
export type SurveyChoices = Pick<Survey, "site" | "id" | "kind" | "services" | "topics">;
type SurveyChoicesRow = { site_id: string; id: string; kind: Survey["kind"]; services: string; topics: string };

/**
 * Every site and service (and, when asked, every survey's choices) in one round trip, with what D1
 * reports it cost.
 */
export async function readConfig(db: D1Database, { withSurveys = false } = {}) {
  const statements = [db.prepare("SELECT * FROM sites ORDER BY id"), db.prepare("SELECT * FROM services ORDER BY id")];
  if (withSurveys) {
    statements.push(db.prepare("SELECT site_id, id, kind, services, topics FROM surveys ORDER BY site_id, id"));
  }
  const results = await db.batch(statements);
  const [sites, services, surveys] = results;
  const siteRows = sites!.results as SiteRow[];
  return {
    siteRows,
    sites: siteRows.map(toSite),
    services: (services!.results as ServiceRow[]).map(toService),
    surveys: ((surveys?.results ?? []) as SurveyChoicesRow[]).map(toSurveyChoices),
    d1Ms: results.reduce((sum, result) => sum + (result.meta.duration ?? 0), 0),
    rowsRead: results.reduce((sum, result) => sum + (result.meta.rows_read ?? 0), 0),
  };
}

const toSurveyChoices = (row: SurveyChoicesRow): SurveyChoices => ({
  site: row.site_id,
  id: row.id,
  kind: row.kind,
  services: JSON.parse(row.services) as string[],
  topics: JSON.parse(row.topics) as string[],
});

const KINDS = Kind.options.map((kind) => `'${kind}'`).join(", ");

/** Where answers as readers see them carry services and topics, by the audience of their site. */
const SHOWN = {
  // Customers' answers: the monthly rollups, the fewest rows.
  external: { table: "rollups", grain: "grain = 'm' AND ", serviceDim: "", topicDim: "topic" },
  // Employees' answers: only as the release groups of closed periods; `~topic` is each topic alone.
  internal: { table: "release_rollups", grain: "", serviceDim: "service", topicDim: "~topic" },
};

/**
 * Which of these services, and whether this topic, appear in the answers of these sites as a reader may
 * see them: customers' answers, and employees' only as their release groups show them (an attribute a
 * group gave up reads "*"). An answer not yet released changes nothing here, not even the rows read.
 * A service or topic a survey no longer offers still names its past answers.
 */
export async function answeredValues(
  db: D1Database,
  sites: { external: string[]; internal: string[] },
  wanted: { services: string[]; topic?: string },
): Promise<{ services: Set<string>; topic: boolean }> {
  const serviceReads: D1PreparedStatement[] = [];
  const topicReads: D1PreparedStatement[] = [];
  for (const audience of ["external", "internal"] as const) {
    if (sites[audience].length === 0) continue;
    const { table, grain, serviceDim, topicDim } = SHOWN[audience];
    // kind IN (...) lets SQLite seek either primary key: (grain, kind, dim, ...) or (site_id, kind, dim, ...).
    const from = `FROM ${table} WHERE ${grain}kind IN (${KINDS}) AND n > 0
      AND site_id IN (SELECT value FROM json_each(?1))`;
    const ids = JSON.stringify(sites[audience]);
    if (wanted.services.length > 0) {
      const sql = `SELECT DISTINCT service_id AS value ${from}
        AND dim = '${serviceDim}' AND service_id IN (SELECT value FROM json_each(?2))`;
      serviceReads.push(db.prepare(sql).bind(ids, JSON.stringify(wanted.services)));
    }
    if (wanted.topic) {
      const sql = `SELECT value ${from} AND dim = '${topicDim}' AND value = ?2 LIMIT 1`;
      topicReads.push(db.prepare(sql).bind(ids, wanted.topic));
    }
  }
  const statements = [...serviceReads, ...topicReads];
  const results = statements.length > 0 ? await db.batch<{ value: string }>(statements) : [];
  const values = (from: number, to: number) =>
    results.slice(from, to).flatMap((result) => result.results.map((row) => row.value));
  return {
    services: new Set(values(0, serviceReads.length)),
    topic: values(serviceReads.length, results.length).length > 0,
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
  const equal = (column: string, value: string | undefined) => {
    if (!value) return;
    sql.push(`${column} = ?`);
    params.push(value);
  };
  equal(columns.site, filter.site);
  equal(columns.survey, filter.survey);
  equal(columns.service, filter.service);
  for (const [column, values] of [
    [columns.site, filter.sitesIn],
    [columns.service, filter.servicesIn],
  ] as const) {
    if (!values) continue;
    if (values.length === 0) {
      sql.push("0");
      continue;
    }
    sql.push(`${column} IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(values));
  }
  return { sql, params };
}

/** The sites (or their stored rows) a scope filter may read. */
export const inScope = <T extends { id: string }>(sites: T[], filter: ScopeFilter): T[] =>
  sites.filter(
    (site) => (!filter.site || site.id === filter.site) && (!filter.sitesIn || filter.sitesIn.includes(site.id)),
  );
