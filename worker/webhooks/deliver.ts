import type { Delivery } from "../../schema/webhooks";
import { getWebhook } from "../db/webhooks";
import { slackText } from "./events";
import { retryDelaySeconds, signDelivery } from "./standard-webhooks";
import type { Bindings } from "../env";

const TIMEOUT_MS = 10_000;

/**
 * The queue consumer: delivers each message to its webhook, at least once. A failure (network error,
 * timeout, non-2xx) is retried by the queue with exponential backoff, long after the request that
 * caused the event has ended; the queue's max_retries bounds it and a dead-letter queue keeps the rest.
 */
export async function deliverBatch(batch: MessageBatch<Delivery>, env: Bindings): Promise<void> {
  const base = Number(env.WEBHOOK_RETRY_BASE_SECONDS ?? 30);
  for (const message of batch.messages) {
    const delivery = message.body;
    const webhook = await getWebhook(env.DB, delivery.webhookId);
    if (!webhook) {
      message.ack(); // deleted since: nobody to deliver to
      continue;
    }
    const body = JSON.stringify(
      webhook.format === "slack"
        ? { text: slackText(delivery) }
        : { type: delivery.event, timestamp: new Date(delivery.timestamp).toISOString(), data: delivery.data },
    );
    try {
      const headers = await signDelivery(webhook.secret, delivery.deliveryId, Math.floor(Date.now() / 1000), body);
      const response = await fetch(webhook.url, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "user-agent": "feedloop-webhooks" },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (response.ok) {
        message.ack();
        continue;
      }
      console.warn("webhook delivery refused", webhook.id, response.status, `attempt ${message.attempts}`);
    } catch (error) {
      console.warn(
        "webhook delivery failed",
        webhook.id,
        error instanceof Error ? error.message : error,
        `attempt ${message.attempts}`,
      );
    }
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts, base) });
  }
}
