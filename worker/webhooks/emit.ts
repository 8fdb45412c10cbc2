import type { StoredWebhook } from "../../schema/webhooks";
import { listWebhooks } from "../db/webhooks";
import { deliveriesFor, type replyEvent } from "./events";
import type { Bindings } from "../env";

type Event = ReturnType<typeof replyEvent>;

/**
 * Queues one delivery per subscribed webhook. Awaited before the request answers, so an event is
 * either queued or the failure is logged; the queue then retries delivery on its own.
 */
export async function emit(env: Bindings, events: Event[], webhooks?: StoredWebhook[]): Promise<void> {
  if (!env.WEBHOOKS || events.length === 0) return;
  const deliveries = deliveriesFor(webhooks ?? (await listWebhooks(env.DB)), events, Date.now());
  if (deliveries.length === 0) return;
  try {
    await env.WEBHOOKS.sendBatch(deliveries.map((body) => ({ body, contentType: "json" as const })));
  } catch (error) {
    // The answer is stored either way; losing its notification must not fail the respondent.
    console.error("could not queue webhook deliveries", error instanceof Error ? error.message : error);
  }
}
