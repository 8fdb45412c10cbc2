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
