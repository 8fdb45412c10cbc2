import type { StoredWebhook, Webhook, WebhookEvent, WebhookInput } from "../../schema/webhooks";

/** A row of `webhooks`. */
export type WebhookRow = {
  id: string;
  url: string;
  events: string;
  secret: string;
  format: Webhook["format"];
  created_at: number;
  updated_at: number;
};
export const toWebhook = (row: WebhookRow): StoredWebhook => ({
  id: row.id,
  url: row.url,
  events: JSON.parse(row.events) as WebhookEvent[],
  format: row.format,
  secret: row.secret,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

export const listWebhooksStatement = (db: D1Database) => db.prepare("SELECT * FROM webhooks ORDER BY id");

export async function listWebhooks(db: D1Database): Promise<StoredWebhook[]> {
  const { results } = await listWebhooksStatement(db).all<WebhookRow>();
  return results.map(toWebhook);
}

export async function getWebhook(db: D1Database, id: string): Promise<StoredWebhook | null> {
  const row = await db.prepare("SELECT * FROM webhooks WHERE id = ?").bind(id).first<WebhookRow>();
  return row ? toWebhook(row) : null;
}

export async function upsertWebhook(
  db: D1Database,
  id: string,
  input: WebhookInput & { secret: string },
  now: number,
): Promise<{ webhook: StoredWebhook; created: boolean }> {
  const [existing, upserted] = await db.batch([
    db.prepare("SELECT 1 AS found FROM webhooks WHERE id = ?").bind(id),
    db
      .prepare(
        `INSERT INTO webhooks (id, url, events, secret, format, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT (id) DO UPDATE SET url = excluded.url, events = excluded.events, secret = excluded.secret,
           format = excluded.format, updated_at = excluded.updated_at
         RETURNING *`,
      )
      .bind(id, input.url, JSON.stringify([...new Set(input.events)]), input.secret, input.format, now),
  ]);
  return { webhook: toWebhook(upserted!.results[0] as WebhookRow), created: existing!.results.length === 0 };
}

/** Deletes a webhook with its deliveries not yet queued and its delivery log, in one transaction. */
export async function deleteWebhook(db: D1Database, id: string): Promise<boolean> {
  const [deleted] = await db.batch([
    db.prepare("DELETE FROM webhooks WHERE id = ?").bind(id),
    db.prepare("DELETE FROM webhook_outbox WHERE webhook_id = ?").bind(id),
    db.prepare("DELETE FROM webhook_deliveries WHERE webhook_id = ?").bind(id),
  ]);
  return (deleted!.meta.changes ?? 0) > 0;
}
