import { rollupStatements } from "./rollups";

/** A response as stored. `service` and `topic` are '' when absent (see the migration). */
export type ResponseRecord = {
  id: string;
  site: string;
  survey: string;
  kind: string;
  score: number | null;
  comment: string | null;
  service: string;
  topic: string;
  segment: Record<string, string>;
  locale: string | null;
  page: string | null;
  followUpHash: string;
  createdAt: number;
};

/** The insert of a response and of its rollup counts: run them in one `db.batch`. */
export function insertResponseStatements(db: D1Database, record: ResponseRecord): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO responses (id, site_id, survey_id, kind, score, comment, service_id, topic, segment, locale, page, followup_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      ),
    ...rollupStatements(db, record, 1),
  ];
}

/** Stores one response with its rollups atomically. */
export async function insertResponse(db: D1Database, record: ResponseRecord): Promise<void> {
  await db.batch(insertResponseStatements(db, record));
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
};

export const toRecord = (row: ResponseRow): ResponseRecord & { status: ResponseRow["status"] } => ({
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
});

export async function getResponse(db: D1Database, id: string) {
  const row = await db.prepare("SELECT * FROM responses WHERE id = ?").bind(id).first<ResponseRow>();
  return row ? toRecord(row) : null;
}

export async function findByFollowUpHash(db: D1Database, followUpHash: string) {
  const row = await db.prepare("SELECT * FROM responses WHERE followup_hash = ?").bind(followUpHash).first<ResponseRow>();
  return row ? toRecord(row) : null;
}

/** Removes a response, its replies (cascade) and its rollup counts in one transaction. */
export async function deleteResponse(db: D1Database, record: ResponseRecord): Promise<boolean> {
  const results = await db.batch([
    ...rollupStatements(db, record, -1, { whileResponseExists: record.id }),
    db.prepare("DELETE FROM responses WHERE id = ?").bind(record.id),
  ]);
  return (results[results.length - 1]!.meta.changes ?? 0) > 0;
}

export async function setStatus(db: D1Database, id: string, status: ResponseRow["status"]): Promise<void> {
  await db.prepare("UPDATE responses SET status = ? WHERE id = ?").bind(status, id).run();
}
