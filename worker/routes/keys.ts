import { Hono } from "hono";
import { KeyInput, KeyParam } from "../../schema/keys";
import { deleteKey, insertKey, listKeys } from "../db/keys";
import { randomBase62, sha256Hex } from "../domain/crypto";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { KEY_PREFIX, requireAuth } from "../middleware/auth";
import { jsonBody, validate } from "../middleware/validate";

/** Keys are managed only by credentials for every site, so no key can widen its own reach. */
const keyAdmins = [requireAuth({ scope: "admin", everySite: true })] as const;

export const keys = new Hono<AppEnv>()
  .post("/", ...keyAdmins, jsonBody(KeyInput), async (c) => {
    const key = KEY_PREFIX + randomBase62(32);
    const created = await insertKey(c.env.DB, c.req.valid("json"), key.slice(0, 8), await sha256Hex(key), Date.now());
    // The key is shown this once; only its digest is stored.
    return c.json({ ...created, key }, 201);
  })
  .get("/", ...keyAdmins, async (c) => c.json({ items: await listKeys(c.env.DB) }, 200))
  // What the calling credential may do, so a client (the dashboard) can show only what it can use.
  .get("/current", requireAuth({ scope: "read" }), (c) => c.json({ scope: c.var.principal.scope, sites: c.var.principal.sites }, 200))
  .delete("/:id", ...keyAdmins, validate("param", KeyParam), async (c) => {
    if (!(await deleteKey(c.env.DB, c.req.valid("param").id))) throw notFound("key");
    return c.body(null, 204);
  });
