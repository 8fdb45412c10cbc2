import { createRoute } from "@hono/zod-openapi";
import { DisplayInput } from "../../schema/displays";
import { countDisplay } from "../displays";
import { allowOrigin } from "../middleware/cors";
import { limitBody } from "../middleware/body-limit";
import { jsonBody } from "../middleware/validate";
import { declare, errors, router } from "../openapi";

const route = createRoute({
  method: "post",
  path: "/",
  summary: "Count that a survey was shown (Origin must be one of the site's)",
  description:
    "Nothing about the visitor is accepted or stored: one count per site, survey and UTC day " +
    "(per reporting period on internal sites). GET /v1/aggregates reports them as `displays` and `responseRate`.",
  security: [],
  middleware: [limitBody(), jsonBody()],
  request: {
    // text/plain: navigator.sendBeacon and preflight-free fetches send only CORS-safelisted types.
    body: {
      required: true,
      content: { "application/json": { schema: DisplayInput }, "text/plain": { schema: DisplayInput } },
    },
  },
  responses: {
    204: { description: "Counted" },
    ...errors([400, 403, 404, 413, 415, 422, 429, 500, 503], {
      403: "origin_not_allowed: the Origin is not one of the site's",
      404: "not_found: no such site, or no such active survey",
      422: "validation_failed: site and survey must be slugs, and no other field is accepted",
    }),
  },
});

/** Collection (public): the widget reports that it showed a survey (worker/displays). */
export const displays = router().openapi(
  ...declare(route, async (c) => {
    await countDisplay(c.env, c.req.valid("json"), c.req.raw, (origin) => allowOrigin(c, origin));
    return c.body(null, 204);
  }),
);
