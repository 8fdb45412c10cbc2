import { app } from "./app";
import { purgeOldSalts } from "./abuse/visitor";
import { purgeExpiredAnswers } from "./db/idempotency";
import { resilient } from "./db/resilient";
import type { Delivery } from "../schema/webhooks";
import { deliverBatch } from "./deliver";
import type { Bindings } from "./env";

export default {
  fetch: app.fetch,
  queue: (batch, env) => deliverBatch(batch as MessageBatch<Delivery>, { ...env, DB: resilient(env.DB) }),
  /** Daily housekeeping: forget idempotency keys past their retention and visitor salts past their day. */
  async scheduled(_controller, env, ctx) {
    const db = resilient(env.DB);
    ctx.waitUntil(Promise.all([purgeExpiredAnswers(db, Date.now()), purgeOldSalts(db, Date.now())]));
  },
} satisfies ExportedHandler<Bindings>;
