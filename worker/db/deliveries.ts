import type { Delivery, DeliveryStatus, WebhookDelivery, WebhookEvent } from "../../schema/webhooks";
import { outboxValues } from "./outbox";

/** How long the delivery log keeps a row after its last change (the daily cron forgets older ones). */
export const DELIVERY_LOG_RETENTION_MS = 30 * 86_400_000;

type DeliveryRow = {
  id: string;
  webhook_id: string;
  event: WebhookEvent;
  site_id: string;
  response_id: string | null;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  delivery: string;
  created_at: number;
  updated_at: number;
};

const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  event: row.event,
  site: row.site_id,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** What an event is about, from its data: every event names its site; answers and replies their response. */
function subjectOf(delivery: Delivery): { site: string; response: string | null } {
  const data = delivery.data as { site?: unknown; id?: unknown; responseId?: unknown };
  const response =
    delivery.event === "reply.created" ? data.responseId : delivery.event === "period.closed" ? null : data.id;
  return { site: String(data.site ?? ""), response: typeof response === "string" ? response : null };
}

/**
 * One attempt failed: the log gets the delivery (or counts one more attempt of it), with what went wrong.
 * `failed` when nothing will try again (a refused URL); `retrying` when the queue will.
 */
export async function logFailedAttempt(
  db: D1Database,
  delivery: Delivery,
  status: "retrying" | "failed",
  error: string,
  now: number,
): Promise<void> {
  const { site, response } = subjectOf(delivery);
  await db
    .prepare(
      `INSERT INTO webhook_deliveries
         (id, webhook_id, event, site_id, response_id, status, attempts, last_error, delivery, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?9, ?10)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, attempts = attempts + 1,
         last_error = excluded.last_error, updated_at = excluded.updated_at`,
    )
    .bind(
      delivery.deliveryId,
      delivery.webhookId,
      delivery.event,
      site,
      response,
      status,
      error,
      JSON.stringify({ ...delivery, logged: true }),
      delivery.timestamp,
      now,
    )
    .run();
}

/**
 * Every retry failed: the queue moved the delivery to the dead-letter queue. Its row (made by its failed attempts)
 * says so; if those could not be logged, the row is made now.
 */
export async function logDead(db: D1Database, delivery: Delivery, now: number): Promise<void> {
  const { site, response } = subjectOf(delivery);
  await db
    .prepare(
      `INSERT INTO webhook_deliveries
         (id, webhook_id, event, site_id, response_id, status, attempts, last_error, delivery, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, 'failed', 1, 'every retry failed', ?6, ?7, ?8)
       ON CONFLICT (id) DO UPDATE SET status = 'failed', updated_at = excluded.updated_at`,
    )
    .bind(
      delivery.deliveryId,
      delivery.webhookId,
      delivery.event,
      site,
      response,
      JSON.stringify({ ...delivery, logged: true }),
      delivery.timestamp,
      now,
    )
    .run();
}

/** A logged delivery went through at last. */
export async function logDelivered(db: D1Database, id: string, now: number): Promise<void> {
  await db
    .prepare("UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, updated_at = ? WHERE id = ?")
    .bind(now, id)
    .run();
}

export type DeliveryFilter = { status?: DeliveryStatus; sites: string[] | null; cursor?: string; limit: number };

/** A webhook's logged deliveries, newest first, after the `cursor` delivery; only those of `sites` (null: all). */
export async function listDeliveries(
  db: D1Database,
  webhookId: string,
  filter: DeliveryFilter,
): Promise<WebhookDelivery[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM webhook_deliveries
       WHERE webhook_id = ?1 AND (?2 IS NULL OR status = ?2)
         AND (?3 IS NULL OR site_id IN (SELECT value FROM json_each(?3)))
         AND (?4 IS NULL OR (created_at, id) < (SELECT created_at, id FROM webhook_deliveries WHERE id = ?4))
       ORDER BY created_at DESC, id DESC LIMIT ?5`,
    )
    .bind(
      webhookId,
      filter.status ?? null,
      filter.sites ? JSON.stringify(filter.sites) : null,
      filter.cursor ?? null,
      filter.limit,
    )
    .all<DeliveryRow>();
  return results.map(toDelivery);
}

/** One logged delivery of a webhook, with the message to send again. */
export async function getDelivery(
  db: D1Database,
  webhookId: string,
  id: string,
): Promise<{ logged: WebhookDelivery; delivery: Delivery } | null> {
  const row = await db
    .prepare("SELECT * FROM webhook_deliveries WHERE webhook_id = ? AND id = ?")
    .bind(webhookId, id)
    .first<DeliveryRow>();
  return row ? { logged: toDelivery(row), delivery: JSON.parse(row.delivery) as Delivery } : null;
}

/**
 * Sends a failed delivery again, through the outbox: its row turns `redelivering` and its outbox row is written
 * in one transaction, only if it was still `failed` (two clicks queue it once). Returns whether it was.
 */
export async function redeliver(db: D1Database, delivery: Delivery, now: number): Promise<boolean> {
  const [marked] = await db.batch([
    db
      .prepare(
        "UPDATE webhook_deliveries SET status = 'redelivering', updated_at = ? WHERE id = ? AND status = 'failed'",
      )
      .bind(now, delivery.deliveryId),
    // changes(): rows the UPDATE just above changed, in the same transaction.
    db
      .prepare(
        `INSERT INTO webhook_outbox (id, webhook_id, delivery, created_at, lease_until)
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE changes() = 1`,
      )
      .bind(...outboxValues(delivery, now)),
  ]);
  return (marked!.meta.changes ?? 0) > 0;
}

/** The daily cron: forget what is past the retention. */
export async function purgeDeliveryLog(db: D1Database, now: number): Promise<void> {
  await db
    .prepare("DELETE FROM webhook_deliveries WHERE updated_at < ?")
    .bind(now - DELIVERY_LOG_RETENTION_MS)
    .run();
}
