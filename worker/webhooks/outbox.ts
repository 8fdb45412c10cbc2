/**
 * Webhooks that are never lost: an event's deliveries are written to the outbox in the same `db.batch` as what
 * the event announces, handed to the queue once that transaction is done (after the answer, on the request's
 * waitUntil), and deleted only once the queue has them. Whatever a failed send or a dead Worker left behind,
 * the cron sends (drainOutbox). A delivery keeps its id across all of this, so a receiver sees one `webhook-id`.
 */
import type { Delivery, StoredWebhook } from "../../schema/webhooks";
import { deleteFromOutbox, outboxStatements, takeOutbox } from "../db/outbox";
import { listWebhooks } from "../db/webhooks";
import type { Bindings } from "../env";
import { deliveriesFor, type WebhookEventData } from "./events";

/** Runs work after the answer (a request's `waitUntil`), or awaits it (the default: a cron run, a test). */
export type Defer = (work: Promise<void>) => void | Promise<void>;
export const inline: Defer = (work) => work;

/** The outbox rows of events (one per subscribed webhook and event) and the deliveries they hold. */
export function outboxFor(db: D1Database, webhooks: StoredWebhook[], events: WebhookEventData[], now: number) {
  const deliveries = deliveriesFor(webhooks, events, now);
  return { statements: outboxStatements(db, deliveries, now), deliveries };
}

/**
 * Stores `statements` and the deliveries of `events` in one transaction, then queues the deliveries (deferred).
 * `webhooks`: the list, when the caller has it already.
 */
export async function storeWithEvents(
  env: Bindings,
  statements: D1PreparedStatement[],
  events: WebhookEventData[],
  defer: Defer = inline,
  webhooks?: StoredWebhook[],
): Promise<void> {
  const subscribed = events.length === 0 ? [] : (webhooks ?? (await listWebhooks(env.DB)));
  const outbox = outboxFor(env.DB, subscribed, events, Date.now());
  await env.DB.batch([...statements, ...outbox.statements]);
  await defer(sendOutbox(env, outbox.deliveries));
}

// Cloudflare Queues: at most 100 messages and 256 KB per sendBatch (developers.cloudflare.com/queues/platform/limits).
const MESSAGES_PER_SEND = 100;
const BYTES_PER_SEND = 200_000;

/** Deliveries in groups that one sendBatch takes. */
function sendGroups(deliveries: Delivery[]): Delivery[][] {
  const groups: Delivery[][] = [];
  let bytes = 0;
  for (const delivery of deliveries) {
    const size = JSON.stringify(delivery).length;
    const last = groups[groups.length - 1];
    if (!last || last.length >= MESSAGES_PER_SEND || bytes + size > BYTES_PER_SEND) {
      groups.push([delivery]);
      bytes = size;
    } else {
      last.push(delivery);
      bytes += size;
    }
  }
  return groups;
}

/**
 * Hands outbox rows to the queue, and deletes each group's rows once the queue has it. Never throws: what it could
 * not send stays in the outbox for the cron (a row sent but not deleted is sent again, with the same id).
 */
export async function sendOutbox(env: Bindings, deliveries: Delivery[]): Promise<void> {
  if (!env.WEBHOOKS || deliveries.length === 0) return;
  for (const group of sendGroups(deliveries)) {
    try {
      await env.WEBHOOKS.sendBatch(group.map((body) => ({ body, contentType: "json" as const })));
    } catch (error) {
      console.error(
        "could not queue webhook deliveries; the cron sends them later",
        error instanceof Error ? error.message : error,
      );
      continue;
    }
    try {
      await deleteFromOutbox(
        env.DB,
        group.map((delivery) => delivery.deliveryId),
      );
    } catch (error) {
      console.error(
        "queued webhook deliveries stay in the outbox; the receiver may see them twice",
        error instanceof Error ? error.message : error,
      );
    }
  }
}

/** Rows the cron takes per run, and per round (each round one D1 write, then the sends). */
const OUTBOX_PER_ROUND = 500;
const ROUNDS_PER_CRON = 10;

/**
 * The cron: sends what requests left in the outbox (their send failed, or their Worker died before it). Returns how
 * many rows it took.
 */
export async function drainOutbox(env: Bindings, now: number): Promise<number> {
  if (!env.WEBHOOKS) return 0;
  let taken = 0;
  for (let round = 0; round < ROUNDS_PER_CRON; round++) {
    const deliveries = await takeOutbox(env.DB, now, OUTBOX_PER_ROUND);
    await sendOutbox(env, deliveries);
    taken += deliveries.length;
    if (deliveries.length < OUTBOX_PER_ROUND) break;
  }
  return taken;
}
