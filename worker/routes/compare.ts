import { createRoute } from "@hono/zod-openapi";
import { Comparison, CompareQuery } from "../../schema/compare";
import { compareAggregates } from "../aggregates/compare";
import { serverTiming } from "../aggregates/timing";
import { requireAuth } from "../middleware/auth";
import { declare, errors, FILTER_422, json, router, SERVER_ERRORS } from "../openapi";

const route = createRoute({
  method: "get",
  path: "/",
  summary: "Compare two ranges or two groups: both figures, B − A, its 95% interval, and whether it is significant",
  description:
    "Two ranges: aFrom, aTo, bFrom, bTo over the same filters (no from/to). Two groups: by (a group field), a and " +
    "b (two of its values) over from/to or the default range. Each side is exactly what GET /v1/aggregates answers " +
    "for it, so employees' answers count only as release groups of closed periods. Read keys may call this; a key " +
    'limited to some sites compares only those. Header Server-Timing: d1;dur=<ms>;desc="rows_read=<n>".',
  security: [{ bearer: [] }],
  middleware: [requireAuth({ scope: "read" })],
  request: { query: CompareQuery },
  responses: {
    200: json("{kind, metric, a, b, difference, interval, significant, withheld?}", Comparison),
    ...errors([401, 403, 422, 429, ...SERVER_ERRORS], {
      422:
        `${FILTER_422}; a missing or mixed range or group parameter (the message says what to send); a range ` +
        "that ends before it starts; a text kind, which has no score to compare",
    }),
  },
});

/** GET /v1/aggregates/compare: change vs noise (README: "Comparing two ranges or two groups"). */
export const compare = router().openapi(
  ...declare(route, async (c) => {
    const started = performance.now();
    const { comparison, reads } = await compareAggregates(c.env, c.var.principal, c.req.valid("query"), Date.now());
    c.header("Server-Timing", serverTiming(reads, started));
    return c.json(comparison, 200);
  }),
);
