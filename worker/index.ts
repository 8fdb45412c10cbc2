import { app } from "./app";
import { purgeOldSalts } from "./abuse/visitor";
import { purgeExpiredAnswers } from "./db/idempotency";
import { purgeDeliveryLog } from "./db/deliveries";
import { purgeEndedLockouts } from "./db/admin-lockouts";
import { resilient } from "./db/resilient";
import type { Delivery } from "../schema/webhooks";
import { deliverBatch, logDeadBatch } from "./webhooks/deliver";
import { drainOutbox } from "./webhooks/outbox";
import type { Bindings } from "./env";
import { internalSites } from "./db/sites";
import { releaseClosedPeriods } from "./release";

/** Periods the hourly cron closes per site: a backlog (after the migration) closes over a few runs. */
const PERIODS_PER_CRON = 60;
/** wrangler.toml's daily cron. */
const DAILY = "17 3 * * *";
/** wrangler.toml's hourly cron; the third, every five minutes, only sends what the outbox holds. */
const HOURLY = "2 * * * *";
/** wrangler.toml's dead_letter_queue: deliveries that failed every retry. */
const DEAD_LETTERS = "feedloop-webhooks-dlq";

export default {
  fetch: app.fetch,
  queue: (batch, env) => {
    const consume = batch.queue === DEAD_LETTERS ? logDeadBatch : deliverBatch;
    return consume(batch as MessageBatch<Delivery>, { ...env, DB: resilient(env.DB) });
  },
  /**
   * Every run: send the webhook deliveries that requests left in the outbox. Hourly: close the internal sites'
   * ended reporting periods, so `period.closed` goes out soon after a period ends even if nobody reads. Daily:
   * forget idempotency keys past their retention, visitor salts past their day, and old delivery log rows.
   */
  async scheduled(controller, env, ctx) {
    const db = resilient(env.DB);
    const now = Date.now();
    ctx.waitUntil(drainOutbox({ ...env, DB: db }, controller.scheduledTime));
    if (controller.cron === DAILY) {
      ctx.waitUntil(
        Promise.all([
          purgeExpiredAnswers(db, now),
          purgeOldSalts(db, now),
          purgeDeliveryLog(db, now),
          purgeEndedLockouts(db, now),
        ]),
      );
    }
    if (controller.cron === DAILY || controller.cron === HOURLY) {
      ctx.waitUntil(releaseClosedPeriods({ ...env, DB: db }, await internalSites(db), now, PERIODS_PER_CRON));
    }
  },
} satisfies ExportedHandler<Bindings>;
