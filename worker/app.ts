import { $, createRoute, z } from "@hono/zod-openapi";
import { resilient } from "./db/resilient";
import { onError, onNotFound } from "./errors";
import { declare, DOCUMENT, errors, json, router } from "./openapi";
import { publicPreflight } from "./middleware/cors";
import { actions } from "./routes/actions";
import { aggregates } from "./routes/aggregates";
import { compare } from "./routes/compare";
import { displays } from "./routes/displays";
import { csvExport, ndjsonExport } from "./routes/exports";
import { followup, followupsByPath } from "./routes/followups";
import { inbox } from "./routes/inbox";
import { keys } from "./routes/keys";
import { responses } from "./routes/responses";
import { services } from "./routes/services";
import { sites } from "./routes/sites";
import { webhooks } from "./routes/webhooks";
import { widget } from "./routes/widget";

// `$` keeps the OpenAPIHono type through `use` and `options`, which return a plain Hono.
export const app = $(
  router()
    // Every handler reads D1 through the retrying wrapper (a new env object: the shared one is not touched).
    .use(async function resilientD1(c, next) {
      c.env = { ...c.env, DB: resilient(c.env.DB) };
      await next();
    })
    .options("/v1/responses", publicPreflight())
    .options("/v1/displays", publicPreflight())
    .options("/v1/widget/*", publicPreflight())
    .options("/v1/followup", publicPreflight())
    .options("/v1/followup/*", publicPreflight())
    .options("/v1/followups/*", publicPreflight()),
)
  .route("/v1/sites", sites)
  .route("/v1/services", services)
  .route("/v1/services", actions)
  .route("/v1/widget", widget)
  .route("/v1/responses.csv", csvExport)
  .route("/v1/responses.ndjson", ndjsonExport)
  .route("/v1/responses", responses)
  .route("/v1/responses", inbox)
  .route("/v1/displays", displays)
  .route("/v1/followup", followup)
  .route("/v1/followups", followupsByPath)
  .route("/v1/keys", keys)
  .route("/v1/webhooks", webhooks)
  .route("/v1/aggregates/compare", compare)
  .route("/v1/aggregates", aggregates)
  .openapi(...declare(openApiRoute(), (c) => c.json(openApiDocument(), 200, { "Access-Control-Allow-Origin": "*" })));

app.onError(onError);
app.notFound(onNotFound);

function openApiRoute() {
  return createRoute({
    method: "get",
    path: "/openapi.json",
    summary: "This document",
    security: [],
    responses: {
      200: json("OpenAPI 3.1, generated from the routes' declarations", z.record(z.string(), z.unknown())),
      ...errors([500]),
    },
  });
}

let document: Record<string, unknown> | undefined;
/** `GET /openapi.json`, made once per isolate from every route's declaration. */
export function openApiDocument(): Record<string, unknown> {
  document ??= app.getOpenAPI31Document(DOCUMENT) as unknown as Record<string, unknown>;
  return document;
}

app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });

/** For a typed `hc` client. */
export type AppType = typeof app;
