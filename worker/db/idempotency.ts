/**
 * The first answer to a POST with an idempotency key, replayed to repeats with the same payload. On a site that
 * verifies employees, `respondentHash` is who answered (a keyed hash, identity/replay.ts); null elsewhere.
 */
export type RememberedAnswer = { requestHash: string; status: number; body: string; respondentHash: string | null };

type Row = { request_hash: string; status: number; body: string; respondent_hash: string | null };

export function findAnswerStatement(db: D1Database, site: string, key: string): D1PreparedStatement {
  return db
    .prepare("SELECT request_hash, status, body, respondent_hash FROM idempotency_keys WHERE site_id = ? AND key = ?")
    .bind(site, key);
}

export const toRememberedAnswer = (row: Row | undefined | null): RememberedAnswer | null =>
  row
    ? { requestHash: row.request_hash, status: row.status, body: row.body, respondentHash: row.respondent_hash }
    : null;

export async function findAnswer(db: D1Database, site: string, key: string): Promise<RememberedAnswer | null> {
  return toRememberedAnswer(await findAnswerStatement(db, site, key).first<Row>());
}

/** Part of the same batch as the write it answers, so a key is never remembered for a write that failed. */
export function rememberAnswerStatement(
  db: D1Database,
  site: string,
  key: string,
  answer: RememberedAnswer,
  now: number,
): D1PreparedStatement {
  return db
    .prepare(
      "INSERT INTO idempotency_keys (site_id, key, request_hash, status, body, respondent_hash, created_at) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(site, key, answer.requestHash, answer.status, answer.body, answer.respondentHash, now);
}

/** Keys are promised for 24 hours (contract); they are kept 48 so a day-old queued answer still dedupes. */
export const IDEMPOTENCY_RETENTION_MS = 48 * 3_600_000;

export async function purgeExpiredAnswers(db: D1Database, now: number): Promise<number> {
  const result = await db
    .prepare("DELETE FROM idempotency_keys WHERE created_at < ?")
    .bind(now - IDEMPOTENCY_RETENTION_MS)
    .run();
  return result.meta.changes ?? 0;
}
