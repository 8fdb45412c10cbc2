import type { Site } from "../../schema/config";
import type { ExportQuery, InboxItem } from "../../schema/inbox";
import { presentResponse, type ListedResponse } from "../domain/anonymize";
import { toRecord, type ResponseRow } from "./responses";
import { scopeConditions, type ScopeFilter } from "./scope";

/** A response as the inbox reads it: with its reply count and, for an employee's, its release group. */
export type InboxRow = ResponseRow & {
  replies: number;
  g_survey: string | null;
  g_service: string | null;
  g_topic: string | null;
  g_segment: string | null;
  g_period_start: number | null;
  g_period_end: number | null;
};
type Window = { from: number; to: number };

// An employee's answer is filtered and shown by its release group's attributes, never its own; a
// customer's (no group) by its own.
const COLUMNS = {
  site: "r.site_id",
  survey: "COALESCE(g.survey_id, r.survey_id)",
  service: "COALESCE(g.service_id, r.service_id)",
};
const SELECT = `SELECT r.*, (SELECT COUNT(*) FROM replies WHERE response_id = r.id) AS replies,
    g.survey_id AS g_survey, g.service_id AS g_service, g.topic AS g_topic, g.segment AS g_segment,
    g.period_start AS g_period_start, g.period_end AS g_period_end
  FROM responses r LEFT JOIN release_groups g ON g.id = r.release_group`;

/**
 * The WHERE clause of the inbox and the exports: listed rows only (a customer's answer, or an
 * employee's once released in a group), the scope, the window (an employee's answer is listed at its
 * period's start, so a window takes a period whole) and the response filters.
 */
export function inboxConditions(filter: ScopeFilter, query: Omit<ExportQuery, "from" | "to" | "tz">, window: Window) {
  const where = scopeConditions(filter, COLUMNS);
  const add = (sql: string, ...params: unknown[]) => {
    where.sql.push(sql);
    where.params.push(...params);
  };
  add("r.listed_at >= ? AND r.listed_at < ?", window.from, window.to);
  if (query.kind) add("r.kind = ?", query.kind);
  if (filter.topic) add("COALESCE(g.topic, r.topic) = ?", filter.topic);
  for (const [dimension, value] of Object.entries(filter.segment))
    add("json_extract(COALESCE(g.segment, r.segment), ?) = ?", `$."${dimension}"`, value);
  if (query.status) add("r.status = ?", query.status);
  if (query.minScore !== undefined) add("r.score >= ?", query.minScore);
  if (query.maxScore !== undefined) add("r.score <= ?", query.maxScore);
  if (query.hasComment !== undefined) add(query.hasComment ? "r.comment IS NOT NULL" : "r.comment IS NULL");
  return where;
}

/**
 * One page by keyset on (listed_at, list_key, id), newest first: customers' answers by time, each
 * closed period's employee answers at its start in a random order fixed at release. Rows listed
 * meanwhile come before any cursor and never shift the pages after it. The cursor is a response id,
 * so it reveals no time.
 */
export async function readPage(
  db: D1Database,
  where: { sql: string[]; params: unknown[] },
  after: string | null,
  limit: number,
): Promise<InboxRow[]> {
  const keyset = after
    ? "AND (r.listed_at, r.list_key, r.id) < (SELECT listed_at, list_key, id FROM responses WHERE id = ?)"
    : "";
  const { results } = await db
    .prepare(
      `${SELECT} WHERE ${where.sql.join(" AND ")} ${keyset}
       ORDER BY r.listed_at DESC, r.list_key DESC, r.id DESC LIMIT ?`,
    )
    .bind(...where.params, ...(after ? [after] : []), limit)
    .all<InboxRow>();
  return results;
}

/** One listed response with its reply count, as the inbox reads it; null when there is none (or not yet). */
export async function readOne(db: D1Database, id: string): Promise<InboxRow | null> {
  return db.prepare(`${SELECT} WHERE r.id = ? AND r.listed_at IS NOT NULL`).bind(id).first<InboxRow>();
}

/** A row as plain data: a released answer carries its group (both of the group's period columns are set). */
export const toListed = (row: InboxRow): ListedResponse => ({
  ...toRecord(row),
  replies: row.replies,
  group:
    row.g_period_start !== null && row.g_period_end !== null
      ? {
          survey: row.g_survey!,
          service: row.g_service ?? "",
          topic: row.g_topic ?? "",
          segment: JSON.parse(row.g_segment!) as Record<string, string>,
          periodStart: row.g_period_start,
          periodEnd: row.g_period_end,
        }
      : null,
});

/** Rows as the inbox shows them (domain/anonymize.ts). */
export function presentRows(rows: InboxRow[], sites: Map<string, Site>): InboxItem[] {
  return rows.map((row) => presentResponse(toListed(row), sites.get(row.site_id)));
}
