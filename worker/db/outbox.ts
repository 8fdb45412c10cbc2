import type { Delivery } from "../../schema/webhooks";

/**
 * How long whoever wrote or took an outbox row has to hand it to the queue before a cron run may take it: a send
 * takes milliseconds, so a row still there after a minute was not sent (the send failed, or the Worker died).
 */
export const OUTBOX_LEASE_MS = 60_000;

type OutboxRow = { delivery: string };

/** The columns of a delivery's outbox row, leased to the request that writes it. */
export const outboxValues = (delivery: Delivery, now: number) =>
  [delivery.deliveryId, delivery.webhookId, JSON.stringify(delivery), now, now + OUTBOX_LEASE_MS] as const;

/** A condition on the outbox rows: written only if this reply was (in the same batch, before them). */
export type OutboxGuard = { onlyIfReply?: string };

/** The outbox rows of some deliveries: put them in the `db.batch` that stores what they announce. */
export function outboxStatements(
  db: D1Database,
  deliveries: Delivery[],
  now: number,
  { onlyIfReply }: OutboxGuard = {},
): D1PreparedStatement[] {
  const insert = "INSERT INTO webhook_outbox (id, webhook_id, delivery, created_at, lease_until)";
  return deliveries.map((delivery) =>
    onlyIfReply === undefined
      ? db.prepare(`${insert} VALUES (?, ?, ?, ?, ?)`).bind(...outboxValues(delivery, now))
      : db
          .prepare(`${insert} SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM replies WHERE id = ?)`)
          .bind(...outboxValues(delivery, now), onlyIfReply),
  );
}

/** Takes up to `limit` rows whose lease has ended, oldest first, and leases them to the caller. */
export async function takeOutbox(db: D1Database, now: number, limit: number): Promise<Delivery[]> {
  const { results } = await db
    .prepare(
      `UPDATE webhook_outbox SET lease_until = ?1
       WHERE id IN (SELECT id FROM webhook_outbox WHERE lease_until <= ?2 ORDER BY created_at LIMIT ?3)
       RETURNING delivery`,
    )
    .bind(now + OUTBOX_LEASE_MS, now, limit)
    .all<OutboxRow>();
  return results.map((row) => JSON.parse(row.delivery) as Delivery).sort((a, b) => a.timestamp - b.timestamp);
}

/** Removes rows once the queue has them. */
export async function deleteFromOutbox(db: D1Database, ids: string[]): Promise<void> {
  await db
    .prepare("DELETE FROM webhook_outbox WHERE id IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify(ids))
    .run();
}
