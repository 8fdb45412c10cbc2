import { createRoute } from "@hono/zod-openapi";
import {
  DeliveryPage,
  DeliveryParam,
  DeliveryQuery,
  WebhookDelivery,
  WebhookInput,
  WebhookList,
  WebhookParam,
  WebhookSaved,
  type StoredWebhook,
} from "../../schema/webhooks";
import { forgetCollectionConfig } from "../db/collection-config";
import { getDelivery, listDeliveries, redeliver } from "../db/deliveries";
import { deleteWebhook, getWebhook, listWebhooks, upsertWebhook } from "../db/webhooks";
import { maskedUrl, webhookUrlProblem } from "../domain/webhook-url";
import type { Bindings } from "../env";
import { ApiError, notFound } from "../errors";
import { requireAuth } from "../middleware/auth";
import { limitBody } from "../middleware/body-limit";
import { jsonBody } from "../middleware/validate";
import { declare, errors, json, router, SERVER_ERRORS } from "../openapi";
import { sendOutbox } from "../webhooks/outbox";
import { newSecret } from "../webhooks/standard-webhooks";
import { acceptedWebhookUrl, urlRules } from "../webhooks/url";

/** A webhook as answered: no secret, credentials a URL may hold from before the URL rules masked, and its problem. */
const shown = (env: Bindings, { secret: _secret, ...webhook }: StoredWebhook) => ({
  ...webhook,
  url: maskedUrl(webhook.url),
  urlProblem: webhookUrlProblem(webhook.url, urlRules(env)),
});
const security = [{ bearer: [] }];
// Webhooks receive every site's events, so only credentials for every site manage them.
const admins = { security, middleware: [requireAuth({ scope: "admin", everySite: true })] };
// The delivery log: an admin key limited to some sites sees (and redelivers) only its sites' deliveries.
const siteAdmins = { security, middleware: [requireAuth({ scope: "admin" })] };

const listWebhooksRoute = createRoute({
  method: "get",
  path: "/",
  summary: "List webhooks",
  ...admins,
  responses: { 200: json("The webhooks, without secrets", WebhookList), ...errors([401, 403, 429, ...SERVER_ERRORS]) },
});

const putWebhook = createRoute({
  method: "put",
  path: "/{id}",
  summary: "Create or replace a webhook",
  description:
    "`url` must be https to a public host name: no IP address in any form, no local name (localhost, *.local, " +
    "*.internal, ...), no credentials. It is stored as the URL parser normalises it.",
  security: admins.security,
  middleware: [...admins.middleware, limitBody(), jsonBody()],
  request: {
    params: WebhookParam,
    body: { required: true, content: { "application/json": { schema: WebhookInput } } },
  },
  responses: {
    200: json("Updated (with `secret` when one was given)", WebhookSaved),
    201: json("Created, with its secret", WebhookSaved),
    ...errors([400, 401, 403, 413, 415, 422, 429, ...SERVER_ERRORS], {
      422: "validation_failed, with `details`: [{path, message}]; for `url`, why it may not receive deliveries",
    }),
  },
});

const deleteWebhookRoute = createRoute({
  method: "delete",
  path: "/{id}",
  summary: "Delete a webhook",
  ...admins,
  request: { params: WebhookParam },
  responses: { 204: { description: "Deleted" }, ...errors([401, 403, 404, 422, 429, ...SERVER_ERRORS]) },
});

const listDeliveriesRoute = createRoute({
  method: "get",
  path: "/{id}/deliveries",
  summary: "A webhook's delivery log, newest first, by cursor",
  description:
    "The deliveries that did not go through at their first attempt: retrying, failed (every retry failed, or " +
    "the URL is refused), redelivering, or delivered after all. A key limited to some sites sees its sites' " +
    "deliveries only (and an empty page for a webhook that has none of them, whether it exists or not).",
  ...siteAdmins,
  request: { params: WebhookParam, query: DeliveryQuery },
  responses: {
    200: json("A page of deliveries; nextCursor is null on the last", DeliveryPage),
    ...errors([401, 403, 404, 422, 429, ...SERVER_ERRORS], {
      404: "not_found: no such webhook (credentials for every site)",
    }),
  },
});

const redeliverRoute = createRoute({
  method: "post",
  path: "/{id}/deliveries/{delivery}/redeliver",
  summary: "Send a failed delivery again",
  description:
    "Queues the delivery again, with the same `webhook-id`, to the webhook's current URL; the log shows it as " +
    "`redelivering`, then `delivered` or `failed`. Only a `failed` delivery can be redelivered.",
  ...siteAdmins,
  request: { params: DeliveryParam },
  responses: {
    202: json("Queued again", WebhookDelivery),
    ...errors([401, 403, 404, 409, 422, 429, ...SERVER_ERRORS], {
      404: "not_found: no such delivery of this webhook (or not one of the key's sites)",
      409: "delivery_not_failed: the delivery is still being tried, or went through; only a failed one is sent again",
    }),
  },
});

export const webhooks = router()
  .openapi(
    ...declare(listWebhooksRoute, async (c) => {
      const items = (await listWebhooks(c.env.DB)).map((webhook) => shown(c.env, webhook));
      return c.json({ items }, 200);
    }),
  )
  .openapi(
    ...declare(putWebhook, async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const url = acceptedWebhookUrl(c.env, input.url);
      // Keep the secret across updates unless a new one is given; make one for a new webhook.
      const secret = input.secret ?? (await getWebhook(c.env.DB, id))?.secret ?? newSecret();
      const { webhook, created } = await upsertWebhook(c.env.DB, id, { ...input, url, secret }, Date.now());
      forgetCollectionConfig();
      // The secret is shown when it was made here or just set, so the receiver can verify signatures.
      return c.json({ ...shown(c.env, webhook), ...(created || input.secret ? { secret } : {}) }, created ? 201 : 200);
    }),
  )
  .openapi(
    ...declare(deleteWebhookRoute, async (c) => {
      const deleted = await deleteWebhook(c.env.DB, c.req.valid("param").id);
      forgetCollectionConfig();
      if (!deleted) throw notFound("webhook");
      return c.body(null, 204);
    }),
  )
  .openapi(
    ...declare(listDeliveriesRoute, async (c) => {
      const { id } = c.req.valid("param");
      const query = c.req.valid("query");
      const { sites } = c.var.principal;
      // Webhooks span sites: a key limited to some is not told which exist.
      if (!sites && !(await getWebhook(c.env.DB, id))) throw notFound("webhook");
      const rows = await listDeliveries(c.env.DB, id, { ...query, sites, limit: query.limit + 1 });
      const items = rows.slice(0, query.limit);
      return c.json({ items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null }, 200);
    }),
  )
  .openapi(
    ...declare(redeliverRoute, async (c) => {
      const { id, delivery: deliveryId } = c.req.valid("param");
      const { sites } = c.var.principal;
      const found = await getDelivery(c.env.DB, id, deliveryId);
      if (!found || (sites && !sites.includes(found.logged.site))) throw notFound("delivery");
      const queued = found.logged.status === "failed" && (await redeliver(c.env.DB, found.delivery, Date.now()));
      if (!queued) {
        const status = found.logged.status === "failed" ? "redelivering" : found.logged.status;
        const message =
          status === "delivered"
            ? "The delivery went through; only a failed delivery is sent again"
            : `The delivery is ${status}: wait until it goes through or fails; only a failed delivery is sent again`;
        throw new ApiError(409, "delivery_not_failed", message);
      }
      c.executionCtx.waitUntil(sendOutbox(c.env, [found.delivery]));
      const now = new Date().toISOString();
      return c.json({ ...found.logged, status: "redelivering" as const, updatedAt: now }, 202);
    }),
  );
