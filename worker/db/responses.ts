import type { ResponseRecord } from "../domain/ingest";
import { rollupStatements } from "./rollups";

/**
 * The insert of a response and of its rollup counts: run them in one `db.batch`. An employee's answer
 * (internal site) counts in no rollup and is listed nowhere: it waits, `pending`, until its reporting
 * period closes and it joins a release group (worker/release).
 */
export function insertResponseStatements(
  db: D1Database,
  record: ResponseRecord,
  audience: "external" | "internal",
): D1PreparedStatement[] {
  const internal = audience === "internal";
  return [
    db
      .prepare(
        `INSERT INTO responses (id, site_id, survey_id, kind, score, comment, service_id, topic, segment, locale, page,
           followup_hash, created_at, pending, listed_at, list_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        record.id,
        record.site,
        record.survey,
        record.kind,
        record.score,
        record.comment,
        record.service,
        record.topic,
        JSON.stringify(record.segment),
        record.locale,
        record.page,
        record.followUpHash,
        record.createdAt,
        internal ? 1 : 0,
        internal ? null : record.createdAt,
        internal ? null : record.id,
      ),
    ...(internal ? [] : rollupStatements(db, record, 1)),
  ];
}

/** Stores one response with its rollups atomically. */
export async function insertResponse(
  db: D1Database,
  record: ResponseRecord,
  audience: "external" | "internal" = "external",
): Promise<void> {
  await db.batch(insertResponseStatements(db, record, audience));
}

export type ResponseRow = {
  id: string;
  site_id: string;
  survey_id: string;
  kind: string;
  score: number | null;
  comment: string | null;
  service_id: string;
  topic: string;
  segment: string;
  locale: string | null;
  page: string | null;
  status: "new" | "in_progress" | "resolved" | "dismissed";
  followup_hash: string;
  created_at: number;
  pending: number;
  release_group: string | null;
  listed_at: number | null;
  list_key: string | null;
};

export type StoredResponse = ResponseRecord & { status: ResponseRow["status"]; internal: boolean; listed: boolean };

export const toRecord = (row: ResponseRow): StoredResponse => ({
  id: row.id,
  site: row.site_id,
  survey: row.survey_id,
  kind: row.kind,
  score: row.score,
  comment: row.comment,
  service: row.service_id,
  topic: row.topic,
  segment: JSON.parse(row.segment) as Record<string, string>,
  locale: row.locale,
  page: row.page,
  followUpHash: row.followup_hash,
  createdAt: row.created_at,
  status: row.status,
  /** An internal answer: waiting for its period to close, or released (or withheld) since. */
  internal: row.pending === 1 || row.release_group !== null || row.listed_at === null,
  /** Shown to readers: an external answer, or an internal one released in a group. */
  listed: row.listed_at !== null,
});

export async function getResponse(db: D1Database, id: string) {
  const row = await db.prepare("SELECT * FROM responses WHERE id = ?").bind(id).first<ResponseRow>();
  return row ? toRecord(row) : null;
}

export async function findByFollowUpHash(db: D1Database, followUpHash: string) {
  const row = await db
    .prepare("SELECT * FROM responses WHERE followup_hash = ?")
    .bind(followUpHash)
    .first<ResponseRow>();
  return row ? toRecord(row) : null;
}

/**
 * Removes a response and its replies (cascade), with its rollup counts and its logged webhook deliveries, in one
 * transaction. An internal answer has no rollups: while its period is open it simply goes; once released, its
 * score stays in its frozen release group (changing the group would reveal the score by difference), and only the
 * row, with its comment and thread, goes.
 */
export async function deleteResponse(db: D1Database, record: ResponseRecord & { internal: boolean }): Promise<boolean> {
  const results = await db.batch([
    ...(record.internal ? [] : rollupStatements(db, record, -1, { whileResponseExists: record.id })),
    // A failed delivery kept for redelivery holds the answer's comment: it goes with the answer.
    db.prepare("DELETE FROM webhook_deliveries WHERE response_id = ?").bind(record.id),
    db.prepare("DELETE FROM responses WHERE id = ?").bind(record.id),
  ]);
  return (results[results.length - 1]!.meta.changes ?? 0) > 0;
}

export async function setStatus(db: D1Database, id: string, status: ResponseRow["status"]): Promise<void> {
  await db.prepare("UPDATE responses SET status = ? WHERE id = ?").bind(status, id).run();
}

/** The site a response belongs to, or null. */
export async function siteOfResponse(db: D1Database, id: string): Promise<string | null> {
  return (
    (await db.prepare("SELECT site_id FROM responses WHERE id = ?").bind(id).first<{ site_id: string }>())?.site_id ??
    null
  );
}
