import { createRoute } from "@hono/zod-openapi";
import { Aggregates, AggregatesQuery } from "../../schema/aggregates";
import { readAggregate } from "../aggregates/read";
import { serverTiming } from "../aggregates/timing";
import { requireAuth } from "../middleware/auth";
import { declare, errors, FILTER_422, json, router, SERVER_ERRORS } from "../openapi";

/**
 * NPS, CSAT, CES and thumbs figures over time and by group: customers' answers from rollups wherever
 * they can answer, employees' answers only as the release groups of closed periods (aggregates/read.ts).
 */
const route = createRoute({
  method: "get",
  path: "/",
  summary: "NPS, CSAT, CES and thumbs figures, series and breakdowns",
  description: 'Read keys may call this. Header Server-Timing: d1;dur=<ms>;desc="rows_read=<n>".',
  security: [{ bearer: [] }],
  middleware: [requireAuth({ scope: "read" })],
  request: { query: AggregatesQuery },
  responses: {
    200: json("{kind, total, series?, groups?}", Aggregates),
    ...errors([401, 403, 422, 429, ...SERVER_ERRORS], {
      422:
        `${FILTER_422}; an impossible range; too many buckets or cells (groups × buckets); ` +
        "or a bucket finer than an internal site's reporting period",
    }),
  },
});

export const aggregates = router().openapi(
  ...declare(route, async (c) => {
    const started = performance.now();
    const read = await readAggregate(c.env, c.var.principal, c.req.valid("query"), Date.now());
    c.header("Server-Timing", serverTiming([read], started));
    c.header("X-Feedloop-Source", read.source);
    return c.json(read.answer, 200);
  }),
);
