import { Hono } from "hono";
import { ServiceInput } from "../../schema/config";
import { ServiceParam } from "../../schema/params";
import { getService, listServices, upsertService } from "../db/services";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { requireAuth } from "../middleware/auth";
import { jsonBody, validate } from "../middleware/validate";

/** Services are shared by every site: the same service rated by employees and by customers. */
export const services = new Hono<AppEnv>()
  .get("/", requireAuth({ scope: "read" }), async (c) => {
    return c.json({ items: await listServices(c.env.DB) }, 200);
  })
  .get("/:service", requireAuth({ scope: "read" }), validate("param", ServiceParam), async (c) => {
    const service = await getService(c.env.DB, c.req.valid("param").service);
    if (!service) throw notFound("service");
    return c.json(service, 200);
  })
  // Services span sites, so a key limited to some sites may not redefine them.
  .put("/:service", requireAuth({ scope: "admin", everySite: true }), validate("param", ServiceParam), jsonBody(ServiceInput), async (c) => {
    const { service, created } = await upsertService(c.env.DB, c.req.valid("param").service, c.req.valid("json"), Date.now());
    return c.json(service, created ? 201 : 200);
  });
