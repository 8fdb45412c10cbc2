import type { Site } from "../../schema/config";
import type { ExportQuery, InboxItem } from "../../schema/inbox";
import { presentResponse } from "../domain/anonymize";
import type { ResponseRow } from "./responses";
import { scopeConditions, type ScopeFilter } from "./scope";

export type InboxRow = ResponseRow & { replies: number };
type Window = { from: number; to: number };

/** The WHERE clause of the inbox and the exports: the scope, the time window and the response filters. */
export function inboxConditions(filter: ScopeFilter, query: Omit<ExportQuery, "from" | "to" | "tz">, window: Window) {
  const where = scopeConditions(filter);
  const add = (sql: string, ...params: unknown[]) => (where.sql.push(sql), where.params.push(...params));
  add("created_at >= ? AND created_at < ?", window.from, window.to);
  if (query.kind) add("kind = ?", query.kind);
  if (filter.topic) add("topic = ?", filter.topic);
  for (const [dimension, value] of Object.entries(filter.segment)) add("json_extract(segment, ?) = ?", `$."${dimension}"`, value);
  if (query.status) add("status = ?", query.status);
  if (query.minScore !== undefined) add("score >= ?", query.minScore);
  if (query.maxScore !== undefined) add("score <= ?", query.maxScore);
  if (query.hasComment !== undefined) add(query.hasComment ? "comment IS NOT NULL" : "comment IS NULL");
  return where;
}

/**
 * One page, newest first, by keyset on (created_at, id): rows inserted meanwhile are newer than any
 * cursor and never shift the pages after it. The cursor is a response id, so it reveals no time.
 */
export async function readPage(db: D1Database, where: { sql: string[]; params: unknown[] }, after: string | null, limit: number): Promise<InboxRow[]> {
  const keyset = after ? "AND (created_at, id) < ((SELECT created_at FROM responses WHERE id = ?), ?)" : "";
  const { results } = await db
    .prepare(
      `SELECT r.*, (SELECT COUNT(*) FROM replies WHERE response_id = r.id) AS replies FROM responses r
       WHERE ${where.sql.join(" AND ")} ${keyset}
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    .bind(...where.params, ...(after ? [after, after] : []), limit)
    .all<InboxRow>();
  return results;
}

/** One response with its reply count, as the inbox reads it; null when there is none. */
export async function readOne(db: D1Database, id: string): Promise<InboxRow | null> {
  return db.prepare("SELECT r.*, (SELECT COUNT(*) FROM replies WHERE response_id = r.id) AS replies FROM responses r WHERE id = ?").bind(id).first<InboxRow>();
}

/**
 * Presents rows with the anonymity rule: for internal sites, how many responses share each row's
 * site and segment, so a respondent in a group smaller than minGroupSize is shown without segment.
 */
export async function presentRows(db: D1Database, rows: InboxRow[], sites: Map<string, Site>): Promise<InboxItem[]> {
  const internal = [...new Set(rows.filter((row) => sites.get(row.site_id)?.audience === "internal").map((row) => JSON.stringify([row.site_id, row.segment])))];
  const sizes = new Map<string, number>();
  for (let i = 0; i < internal.length; i += 40) {
    const pairs = internal.slice(i, i + 40).map((key) => JSON.parse(key) as [string, string]);
    const { results } = await db
      .prepare(`SELECT site_id, segment, COUNT(*) AS n FROM responses WHERE ${pairs.map(() => "(site_id = ? AND segment = ?)").join(" OR ")} GROUP BY site_id, segment`)
      .bind(...pairs.flat())
      .all<{ site_id: string; segment: string; n: number }>();
    for (const row of results) sizes.set(JSON.stringify([row.site_id, row.segment]), row.n);
  }
  return rows.map((row) => presentResponse(row, sites.get(row.site_id), sizes.get(JSON.stringify([row.site_id, row.segment])) ?? 0));
}
