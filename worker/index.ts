import { app } from "./app";
import { purgeExpiredAnswers } from "./db/idempotency";
import type { Bindings } from "./env";

export default {
  fetch: app.fetch,
  /** Daily housekeeping: forget idempotency keys past their retention. */
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(purgeExpiredAnswers(env.DB, Date.now()));
  },
} satisfies ExportedHandler<Bindings>;
