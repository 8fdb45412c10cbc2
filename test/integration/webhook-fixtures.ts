import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../worker/index";
import { admin, adminOk } from "./helpers";

/** What the test receiver (test/webhook-receiver.ts) recorded for one name. */
export type Received = { headers: Record<string, string>; body: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The deliveries the receiver `name` has recorded, once there are `atLeast` (or the time is up). */
export async function received(name: string, atLeast: number, timeoutMs = 20_000): Promise<Received[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = (await (await fetch(`https://hooks.test/log/${name}`)).json()) as Received[];
    if (log.length >= atLeast || Date.now() > deadline) return log;
    await sleep(200);
  }
}

/** A webhook on the test receiver; returns its signing secret. */
export async function receiverWebhook(name: string, events: string[], path = `receive/${name}`): Promise<string> {
  const { secret } = await adminOk<{ secret: string }>("PUT", `/v1/webhooks/${name}`, {
    url: `https://hooks.test/${path}`,
    events,
  });
  return secret;
}

export type LoggedDelivery = {
  id: string;
  event: string;
  site: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
};
type DeliveryPage = { items: LoggedDelivery[]; nextCursor: string | null };

/** GET /v1/webhooks/{id}/deliveries (with a query, a token), as its status and page. */
export async function deliveryLog(
  webhook: string,
  query = "",
  token?: string,
): Promise<{ status: number; page: DeliveryPage }> {
  const response = await admin("GET", `/v1/webhooks/${webhook}/deliveries${query}`, undefined, token);
  const body = (await response.json()) as DeliveryPage;
  return { status: response.status, page: response.ok ? body : { items: [], nextCursor: null } };
}

/** The delivery log of a webhook, polled until `done` holds for it (or the time is up). */
export async function logUntil(
  webhook: string,
  done: (items: LoggedDelivery[]) => boolean,
  timeoutMs = 60_000,
): Promise<LoggedDelivery[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { page } = await deliveryLog(webhook);
    if (done(page.items) || Date.now() > deadline) return page.items;
    await sleep(250);
  }
}

/** Runs the Worker's cron at `scheduledTime`, as Cloudflare would, and waits for all it started. */
export async function runCron(scheduledTime = Date.now(), cron = "*/5 * * * *"): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron, scheduledTime }), env, ctx);
  await waitOnExecutionContext(ctx);
}

export const pause = sleep;
