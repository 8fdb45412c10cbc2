import type { Reply } from "../../schema/followup";

type ReplyRow = { author: Reply["from"]; text: string; created_at: number };

export async function listReplies(db: D1Database, responseId: string): Promise<Reply[]> {
  const { results } = await db
    .prepare("SELECT author, text, created_at FROM replies WHERE response_id = ? ORDER BY created_at, id")
    .bind(responseId)
    .all<ReplyRow>();
  return results.map((row) => ({ from: row.author, text: row.text, at: new Date(row.created_at).toISOString() }));
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
