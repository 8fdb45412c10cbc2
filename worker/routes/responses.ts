import { createRoute } from "@hono/zod-openapi";
import { ResponseCreated, ResponseInput } from "../../schema/response";
import { collectAnswer, idempotencyKeyOf } from "../collect";
import { allowOrigin } from "../middleware/cors";
import { limitBody } from "../middleware/body-limit";
import { jsonBody } from "../middleware/validate";
import { declare, errors, json, router } from "../openapi";

const route = createRoute({
  method: "post",
  path: "/",
  summary: "Submit a response (Origin must be one of the site's)",
  security: [],
  middleware: [limitBody(), jsonBody()],
  request: {
    // text/plain: navigator.sendBeacon and preflight-free fetches send only CORS-safelisted types; the body
    // is JSON either way.
    body: {
      required: true,
      content: { "application/json": { schema: ResponseInput }, "text/plain": { schema: ResponseInput } },
    },
  },
  responses: {
    201: json(
      "Stored (or a repeat of the same Idempotency-Key, with Idempotent-Replayed: true); " +
        "followUp lets the respondent read replies. " +
        "A repeat on a site with identity holds followUp only for the same verified employee",
      ResponseCreated,
    ),
    ...errors([400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503], {
      401:
        "respondent_unverified: the site requires a verified employee (Cloudflare Access JWT or respondent token) " +
        "and the request does not prove one",
      403:
        "origin_not_allowed: the Origin is not one of the site's; " +
        "turnstile_failed: the Turnstile token is missing or not valid",
      404: "not_found: no such site, or no such active survey",
      409: "already_answered: this employee already answered this survey in this period (sites with identity)",
      422:
        "validation_failed (score, comment, service, topic, segment...), " +
        "or idempotency_conflict: the same key with a different payload",
      503:
        "unavailable (Retry-After): a check could not run " +
        "(D1 overloaded, Turnstile or Access's signing keys unreachable); nothing was stored",
    }),
  },
});

/** Collection (public): the widget's answers, checked against the site's origins and the survey (worker/collect). */
export const responses = router().openapi(
  ...declare(route, async (c) => {
    const input = c.req.valid("json");
    const idempotencyKey = idempotencyKeyOf(input.idempotencyKey, c.req.header("idempotency-key"));
    const { created, replayed } = await collectAnswer(
      c.env,
      { input, idempotencyKey, request: c.req.raw },
      (origin) => allowOrigin(c, origin),
      (work) => c.executionCtx.waitUntil(work),
    );
    return replayed ? c.json(created, 201, { "Idempotent-Replayed": "true" }) : c.json(created, 201);
  }),
);
