import { app } from "./app";
import { purgeExpiredAnswers } from "./db/idempotency";
import type { Delivery } from "../schema/webhooks";
import { deliverBatch } from "./deliver";
import type { Bindings } from "./env";

export default {
  fetch: app.fetch,
  queue: (batch, env) => deliverBatch(batch as MessageBatch<Delivery>, env),
  /** Daily housekeeping: forget idempotency keys past their retention. */
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(purgeExpiredAnswers(env.DB, Date.now()));
  },
} satisfies ExportedHandler<Bindings>;
