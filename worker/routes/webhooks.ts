import { createRoute } from "@hono/zod-openapi";
import { WebhookInput, WebhookList, WebhookParam, WebhookSaved, type StoredWebhook } from "../../schema/webhooks";
import { forgetCollectionConfig } from "../db/collection-config";
import { deleteWebhook, getWebhook, listWebhooks, upsertWebhook } from "../db/webhooks";
import { newSecret } from "../webhooks/standard-webhooks";
import { notFound } from "../errors";
import { requireAuth } from "../middleware/auth";
import { limitBody } from "../middleware/body-limit";
import { jsonBody } from "../middleware/validate";
import { declare, errors, json, router, SERVER_ERRORS } from "../openapi";

const withoutSecret = ({ secret: _secret, ...webhook }: StoredWebhook) => webhook;
// Webhooks receive every site's events, so only credentials for every site manage them.
const admins = { security: [{ bearer: [] }], middleware: [requireAuth({ scope: "admin", everySite: true })] };

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
  security: admins.security,
  middleware: [...admins.middleware, limitBody(), jsonBody()],
  request: {
    params: WebhookParam,
    body: { required: true, content: { "application/json": { schema: WebhookInput } } },
  },
  responses: {
    200: json("Updated (with `secret` when one was given)", WebhookSaved),
    201: json("Created, with its secret", WebhookSaved),
    ...errors([400, 401, 403, 413, 415, 422, ...SERVER_ERRORS]),
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
    ...declare(listWebhooksRoute, async (c) =>
      c.json({ items: (await listWebhooks(c.env.DB)).map(withoutSecret) }, 200),
    ),
  )
  .openapi(
    ...declare(putWebhook, async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      // Keep the secret across updates unless a new one is given; make one for a new webhook.
      const secret = input.secret ?? (await getWebhook(c.env.DB, id))?.secret ?? newSecret();
      const { webhook, created } = await upsertWebhook(c.env.DB, id, { ...input, secret }, Date.now());
      forgetCollectionConfig();
      // The secret is shown when it was made here or just set, so the receiver can verify signatures.
      return created ? c.json(webhook, 201) : c.json(input.secret ? webhook : withoutSecret(webhook), 200);
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
