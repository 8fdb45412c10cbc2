import { createRoute } from "@hono/zod-openapi";
import { CurrentKey, KeyCreated, KeyInput, KeyList, KeyParam } from "../../schema/keys";
import { deleteKey, insertKey, listKeys } from "../db/keys";
import { randomBase62, sha256Hex } from "../domain/crypto";
import { notFound } from "../errors";
import { KEY_PREFIX, requireAuth } from "../middleware/auth";
import { limitBody } from "../middleware/body-limit";
import { jsonBody } from "../middleware/validate";
import { declare, errors, json, router, SERVER_ERRORS } from "../openapi";

/** Keys are managed only by credentials for every site, so no key can widen its own reach. */
const keyAdmins = requireAuth({ scope: "admin", everySite: true });
const security = [{ bearer: [] }];

const createKey = createRoute({
  method: "post",
  path: "/",
  summary: "Create an API key (shown once)",
  security,
  middleware: [keyAdmins, limitBody(), jsonBody()],
  request: { body: { required: true, content: { "application/json": { schema: KeyInput } } } },
  responses: {
    201: json("The key, shown this once; only its digest is stored", KeyCreated),
    ...errors([400, 401, 403, 413, 415, 422, 429, ...SERVER_ERRORS]),
  },
});

const listKeysRoute = createRoute({
  method: "get",
  path: "/",
  summary: "List API keys",
  security,
  middleware: [keyAdmins],
  responses: { 200: json("The keys, without secrets", KeyList), ...errors([401, 403, 429, ...SERVER_ERRORS]) },
});

const currentKey = createRoute({
  method: "get",
  path: "/current",
  summary: "The calling credential's scope and sites (null: every site)",
  description: "Read keys may call this.",
  security,
  middleware: [requireAuth({ scope: "read" })],
  responses: { 200: json("What the credential may do", CurrentKey), ...errors([401, 429, ...SERVER_ERRORS]) },
});

const revokeKey = createRoute({
  method: "delete",
  path: "/{id}",
  summary: "Revoke an API key",
  security,
  middleware: [keyAdmins],
  request: { params: KeyParam },
  responses: { 204: { description: "Revoked" }, ...errors([401, 403, 404, 422, 429, ...SERVER_ERRORS]) },
});

export const keys = router()
  .openapi(
    ...declare(createKey, async (c) => {
      const key = KEY_PREFIX + randomBase62(32);
      const created = await insertKey(c.env.DB, c.req.valid("json"), key.slice(0, 8), await sha256Hex(key), Date.now());
      // The key is shown this once; only its digest is stored.
      return c.json({ ...created, key }, 201);
    }),
  )
  .openapi(...declare(listKeysRoute, async (c) => c.json({ items: await listKeys(c.env.DB) }, 200)))
  // What the calling credential may do, so a client (the dashboard) can show only what it can use.
  .openapi(...declare(currentKey, (c) => c.json({ scope: c.var.principal.scope, sites: c.var.principal.sites }, 200)))
  .openapi(
    ...declare(revokeKey, async (c) => {
      if (!(await deleteKey(c.env.DB, c.req.valid("param").id))) throw notFound("key");
      return c.body(null, 204);
    }),
  );
