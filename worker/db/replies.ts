import type { Reply } from "../../schema/followup";

type ReplyRow = { id: string; author: Reply["from"]; text: string; created_at: number };

const toReply = (row: ReplyRow): Reply => ({
  from: row.author,
  text: row.text,
  at: new Date(row.created_at).toISOString(),
});

export async function listReplies(db: D1Database, responseId: string): Promise<Reply[]> {
  const { results } = await db
    .prepare("SELECT author, text, created_at FROM replies WHERE response_id = ? ORDER BY created_at, id")
    .bind(responseId)
    .all<ReplyRow>();
  return results.map(toReply);
}

/** A page of a thread; `last` is the id of its last reply when more follow (the next page's cursor), else null. */
export type ThreadPage = { replies: Reply[]; last: string | null };

/**
 * One page of a thread, oldest first, by keyset on (created_at, id) after the reply `after`: replies written
 * meanwhile come after every cursor and never shift the pages before them. Null when `after` is not a reply of
 * this thread. One round trip: the cursor's check and the page go in one batch.
 */
export async function readThreadPage(
  db: D1Database,
  responseId: string,
  after: string | null,
  limit: number,
): Promise<ThreadPage | null> {
  const page = db
    .prepare(
      "SELECT id, author, text, created_at FROM replies WHERE response_id = ?1 " +
        (after
          ? "AND (created_at, id) > (SELECT created_at, id FROM replies WHERE id = ?2 AND response_id = ?1) "
          : "") +
        "ORDER BY created_at, id LIMIT ?3",
    )
    .bind(responseId, after, limit + 1);
  if (!after) return pageOf((await page.all<ReplyRow>()).results, limit);
  const [cursor, rows] = await db.batch<ReplyRow>([
    db.prepare("SELECT id FROM replies WHERE id = ? AND response_id = ?").bind(after, responseId),
    page,
  ]);
  return cursor!.results.length === 0 ? null : pageOf(rows!.results, limit);
}

function pageOf(rows: ReplyRow[], limit: number): ThreadPage {
  const replies = rows.slice(0, limit);
  return { replies: replies.map(toReply), last: rows.length > limit ? replies.at(-1)!.id : null };
}

/** The insert of a reply, to run in a `db.batch` with what goes with it (its webhook deliveries), and the reply. */
export function insertReplyStatement(
  db: D1Database,
  responseId: string,
  from: Reply["from"],
  text: string,
  at: number,
) {
  const statement = db
    .prepare("INSERT INTO replies (id, response_id, author, text, created_at) VALUES (?, ?, ?, ?, ?)")
    .bind(crypto.randomUUID(), responseId, from, text, at);
  return { statement, reply: { from, text, at: new Date(at).toISOString() } satisfies Reply };
}

export async function insertReply(
  db: D1Database,
  responseId: string,
  from: Reply["from"],
  text: string,
  at: number,
): Promise<Reply> {
  const { statement, reply } = insertReplyStatement(db, responseId, from, text, at);
  await statement.run();
  return reply;
}

/**
 * The insert of the respondent's reply, which writes nothing when their thread already holds `cap` of theirs
 * (`meta.changes` is 0). One statement, so two replies sent at once cannot both pass the count (the team's
 * replies do not count). Its webhook deliveries are guarded by its `id` (outboxStatements).
 */
export function respondentReplyStatement(db: D1Database, responseId: string, text: string, at: number, cap: number) {
  const id = crypto.randomUUID();
  const statement = db
    .prepare(
      "INSERT INTO replies (id, response_id, author, text, created_at) SELECT ?1, ?2, 'respondent', ?3, ?4 " +
        "WHERE (SELECT COUNT(*) FROM replies WHERE response_id = ?2 AND author = 'respondent') < ?5",
    )
    .bind(id, responseId, text, at, cap);
  return { statement, id, reply: { from: "respondent", text, at: new Date(at).toISOString() } satisfies Reply };
}
