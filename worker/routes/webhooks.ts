import { createRoute } from "@hono/zod-openapi";
import { WebhookInput, WebhookList, WebhookParam, WebhookSaved, type StoredWebhook } from "../../schema/webhooks";
import { forgetCollectionConfig } from "../db/collection-config";
import { deleteWebhook, getWebhook, listWebhooks, upsertWebhook } from "../db/webhooks";
import { maskedUrl, webhookUrlProblem } from "../domain/webhook-url";
import type { Bindings } from "../env";
import { notFound } from "../errors";
import { requireAuth } from "../middleware/auth";
import { jsonBody } from "../middleware/validate";
import { declare, errors, json, router, SERVER_ERRORS } from "../openapi";
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

const listWebhooksRoute = createRoute({
  method: "get",
  path: "/",
  summary: "List webhooks",
  ...admins,
  responses: { 200: json("The webhooks, without secrets", WebhookList), ...errors([401, 403, ...SERVER_ERRORS]) },
});

const putWebhook = createRoute({
  method: "put",
  path: "/{id}",
  summary: "Create or replace a webhook",
  description:
    "`url` must be https to a public host name: no IP address in any form, no local name (localhost, *.local, " +
    "*.internal, ...), no credentials. It is stored as the URL parser normalises it.",
  security: admins.security,
  middleware: [...admins.middleware, jsonBody()],
  request: {
    params: WebhookParam,
    body: { required: true, content: { "application/json": { schema: WebhookInput } } },
  },
  responses: {
    200: json("Updated (with `secret` when one was given)", WebhookSaved),
    201: json("Created, with its secret", WebhookSaved),
    ...errors([400, 401, 403, 415, 422, ...SERVER_ERRORS], {
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
  responses: { 204: { description: "Deleted" }, ...errors([401, 403, 404, 422, ...SERVER_ERRORS]) },
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
  );
