import type { Delivery } from "../../schema/webhooks";
import { logDead, logDelivered, logFailedAttempt } from "../db/deliveries";
import { getWebhook } from "../db/webhooks";
import { webhookUrlProblem } from "../domain/webhook-url";
import type { Bindings } from "../env";
import { slackText } from "./events";
import { retryDelaySeconds, signDelivery } from "./standard-webhooks";
import { urlRules } from "./url";

const TIMEOUT_MS = 10_000;

/**
 * The queue consumer: delivers each message to its webhook, at least once. A failure (network error, timeout,
 * non-2xx, a redirect: none is followed, since it could lead anywhere) is retried by the queue with exponential
 * backoff, long after the request that caused the event has ended; the queue's max_retries bounds it, and the
 * dead-letter queue's consumer (logDeadBatch) marks what is left as failed in the delivery log. Every failed
 * attempt is logged; a delivery that goes through at once costs no write.
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
    // A URL saved before the rules (or a local one, once the local switch is off): never fetched, and retrying
    // cannot help. The log shows why; once the URL is fixed, a redelivery goes out.
    const refused = webhookUrlProblem(webhook.url, urlRules(env));
    if (refused) {
      await log(() =>
        logFailedAttempt(env.DB, delivery, "failed", `not sent: the webhook's URL ${refused}`, Date.now()),
      );
      message.ack();
      continue;
    }
    const failure = await attempt(webhook, delivery);
    if (failure === null) {
      if (message.attempts > 1 || delivery.logged)
        await log(() => logDelivered(env.DB, delivery.deliveryId, Date.now()));
      message.ack();
      continue;
    }
    console.warn("webhook delivery failed", webhook.id, failure, `attempt ${message.attempts}`);
    await log(() => logFailedAttempt(env.DB, delivery, "retrying", failure, Date.now()));
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts, base) });
  }
}

/** One POST to the receiver: null when it answered 2xx, else what went wrong. */
async function attempt(
  webhook: { url: string; secret: string; format: string },
  delivery: Delivery,
): Promise<string | null> {
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
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.ok) return null;
    if (response.status >= 300 && response.status < 400)
      return `HTTP ${response.status}: redirects are not followed; point the webhook at the final URL`;
    return `HTTP ${response.status}`;
  } catch (error) {
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
      return `no answer within ${TIMEOUT_MS / 1000} s`;
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The dead-letter queue's consumer: each message failed every retry. The delivery log marks it failed, so an
 * admin sees it and can redeliver it (GET /v1/webhooks/{id}/deliveries).
 */
export async function logDeadBatch(batch: MessageBatch<Delivery>, env: Bindings): Promise<void> {
  for (const message of batch.messages) {
    try {
      if (await getWebhook(env.DB, message.body.webhookId)) await logDead(env.DB, message.body, Date.now());
      message.ack();
    } catch (error) {
      console.error("could not log a dead webhook delivery; retrying", error instanceof Error ? error.message : error);
      message.retry();
    }
  }
}

/** The log is for the admin; failing to write it must not change what happens to the delivery. */
async function log(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    console.error("could not write the webhook delivery log", error instanceof Error ? error.message : error);
  }
}
