import { app } from "./app";
import { purgeExpiredAnswers } from "./db/idempotency";
import { resilient } from "./db/resilient";
import type { Delivery } from "../schema/webhooks";
import { deliverBatch } from "./deliver";
import type { Bindings } from "./env";

export default {
  fetch: app.fetch,
  queue: (batch, env) => deliverBatch(batch as MessageBatch<Delivery>, { ...env, DB: resilient(env.DB) }),
  /** Daily housekeeping: forget idempotency keys past their retention. */
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(purgeExpiredAnswers(resilient(env.DB), Date.now()));
  },
} satisfies ExportedHandler<Bindings>;
