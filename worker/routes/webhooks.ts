import { Hono } from "hono";
import { forgetCollectionConfig } from "../db/collection-config";
import { WebhookInput, WebhookParam } from "../../schema/webhooks";
import { deleteWebhook, getWebhook, listWebhooks, upsertWebhook, type StoredWebhook } from "../db/webhooks";
import { newSecret } from "../domain/standard-webhooks";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { requireAuth } from "../middleware/auth";
import { jsonBody, validate } from "../middleware/validate";

const withoutSecret = ({ secret: _secret, ...webhook }: StoredWebhook) => webhook;
// Webhooks receive every site's events, so only credentials for every site manage them.
const admins = requireAuth({ scope: "admin", everySite: true });

export const webhooks = new Hono<AppEnv>()
  .get("/", admins, async (c) => c.json({ items: (await listWebhooks(c.env.DB)).map(withoutSecret) }, 200))
  .put("/:id", admins, validate("param", WebhookParam), jsonBody(WebhookInput), async (c) => {
    const { id } = c.req.valid("param");
    const input = c.req.valid("json");
    // Keep the secret across updates unless a new one is given; make one for a new webhook.
    const secret = input.secret ?? (await getWebhook(c.env.DB, id))?.secret ?? newSecret();
    const { webhook, created } = await upsertWebhook(c.env.DB, id, { ...input, secret }, Date.now());
    forgetCollectionConfig();
    // The secret is shown when it was made here or just set, so the receiver can verify signatures.
    return c.json(created || input.secret ? webhook : withoutSecret(webhook), created ? 201 : 200);
  })
  .delete("/:id", admins, validate("param", WebhookParam), async (c) => {
    const deleted = await deleteWebhook(c.env.DB, c.req.valid("param").id);
    forgetCollectionConfig();
    if (!deleted) throw notFound("webhook");
    return c.body(null, 204);
  });
