/**
 * Webhooks that are never lost: an event's deliveries are written to the outbox in the same `db.batch` as what
 * the event announces, handed to the queue once that transaction is done (after the answer, on the request's
 * waitUntil), and deleted only once the queue has them. Whatever a failed send or a dead Worker left behind,
 * the cron sends (drainOutbox). A delivery keeps its id across all of this, so a receiver sees one `webhook-id`.
 */
import type { Delivery, StoredWebhook } from "../../schema/webhooks";
import { deleteFromOutbox, type OutboxGuard, outboxStatements, takeOutbox } from "../db/outbox";
import { listWebhooks } from "../db/webhooks";
import type { Bindings } from "../env";
import { deliveriesFor, type WebhookEventData } from "./events";

/** Runs work after the answer (a request's `waitUntil`), or awaits it (the default: a cron run, a test). */
export type Defer = (work: Promise<void>) => void | Promise<void>;
export const inline: Defer = (work) => work;

/** The outbox rows of events (one per subscribed webhook and event) and the deliveries they hold. */
export function outboxFor(
  db: D1Database,
  webhooks: StoredWebhook[],
  events: WebhookEventData[],
  now: number,
  guard: OutboxGuard = {},
) {
  const deliveries = deliveriesFor(webhooks, events, now);
  return { statements: outboxStatements(db, deliveries, now, guard), deliveries };
}

/**
 * Stores `statements` and the deliveries of `events` in one transaction, then queues the deliveries (deferred).
 * With `onlyIfReply`, the deliveries are written only if that reply was (a capped insert may write nothing), and
 * only those are queued. Returns the batch's results, `statements`' first.
 */
export async function storeWithEvents(
  env: Bindings,
  statements: D1PreparedStatement[],
  events: WebhookEventData[],
  defer: Defer = inline,
  guard: OutboxGuard = {},
): Promise<D1Result[]> {
  const webhooks = events.length === 0 ? [] : await listWebhooks(env.DB);
  const outbox = outboxFor(env.DB, webhooks, events, Date.now(), guard);
  const results = await env.DB.batch([...statements, ...outbox.statements]);
  const written = outbox.deliveries.filter((_, i) => results[statements.length + i]?.meta.changes);
  await defer(sendOutbox(env, written));
  return results;
}

// Cloudflare Queues: at most 100 messages and 256 KB per sendBatch (developers.cloudflare.com/queues/platform/limits).
const MESSAGES_PER_SEND = 100;
const BYTES_PER_SEND = 200_000;
const encoder = new TextEncoder();

/** Deliveries in groups that one sendBatch takes. */
function sendGroups(deliveries: Delivery[]): Delivery[][] {
  const groups: Delivery[][] = [];
  let bytes = 0;
  for (const delivery of deliveries) {
    const size = encoder.encode(JSON.stringify(delivery)).length;
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
 * Hands outbox rows to the queue, and deletes the rows the queue took. Never throws: what it could not send stays
 * in the outbox for the cron (a row sent but not deleted is sent again, with the same id).
 */
export async function sendOutbox(env: Bindings, deliveries: Delivery[]): Promise<void> {
  if (!env.WEBHOOKS || deliveries.length === 0) return;
  for (const group of sendGroups(deliveries)) {
    const sent = await queue(env.WEBHOOKS, group);
    if (sent.length === 0) continue;
    try {
      await deleteFromOutbox(
        env.DB,
        sent.map((delivery) => delivery.deliveryId),
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : error;
      console.error("queued webhook deliveries stay in the outbox; the receiver may see them twice", reason);
    }
  }
}

/**
 * Sends a group in one sendBatch; if the queue refuses it, each delivery alone, so that one message it will never
 * take (over its 128 KB, say) does not hold back the rest of its group. Returns what the queue took.
 */
async function queue(webhooks: Queue<Delivery>, group: Delivery[]): Promise<Delivery[]> {
  try {
    await webhooks.sendBatch(group.map((body) => ({ body, contentType: "json" as const })));
    return group;
  } catch (error) {
    const reason = error instanceof Error ? error.message : error;
    console.error(`could not queue ${group.length} webhook deliveries; the cron sends them later`, reason);
  }
  if (group.length === 1) return [];
  const sent: Delivery[] = [];
  for (const delivery of group) {
    try {
      await webhooks.sendBatch([{ body: delivery, contentType: "json" as const }]);
      sent.push(delivery);
    } catch {
      // Left in the outbox, as its group was (logged above).
    }
  }
  return sent;
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
