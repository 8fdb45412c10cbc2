import { createRoute } from "@hono/zod-openapi";
import { Service, ServiceInput, ServiceList } from "../../schema/config";
import { ServiceParam } from "../../schema/params";
import { getServiceFor, listServicesFor, upsertService } from "../db/services";
import { notFound } from "../errors";
import { requireAuth } from "../middleware/auth";
import { limitBody } from "../middleware/body-limit";
import { jsonBody } from "../middleware/validate";
import { declare, errors, json, router, SERVER_ERRORS } from "../openapi";

const readers = {
  security: [{ bearer: [] }],
  description: "Read keys may call this.",
  middleware: [requireAuth({ scope: "read" })],
};

const listServicesRoute = createRoute({
  method: "get",
  path: "/",
  summary: "List services",
  ...readers,
  description:
    "Read keys may call this. A key limited to some sites sees the services its sites' surveys rate and those " +
    "no site rates yet; a service only other sites rate is hidden (GET of it is a 404).",
  responses: { 200: json("The services", ServiceList), ...errors([401, 429, ...SERVER_ERRORS]) },
});

const getServiceRoute = createRoute({
  method: "get",
  path: "/{service}",
  summary: "Get a service",
  ...readers,
  request: { params: ServiceParam },
  responses: { 200: json("The service", Service), ...errors([401, 404, 422, 429, ...SERVER_ERRORS]) },
});

// Services span sites, so a key limited to some sites may not redefine them.
const putService = createRoute({
  method: "put",
  path: "/{service}",
  summary: "Create or replace a service",
  security: [{ bearer: [] }],
  middleware: [requireAuth({ scope: "admin", everySite: true }), limitBody(), jsonBody()],
  request: {
    params: ServiceParam,
    body: { required: true, content: { "application/json": { schema: ServiceInput } } },
  },
  responses: {
    200: json("Updated", Service),
    201: json("Created", Service),
    ...errors([400, 401, 403, 413, 415, 422, 429, ...SERVER_ERRORS]),
  },
});

/** Services are shared by every site: the same service rated by employees and by customers. */
export const services = router()
  .openapi(
    ...declare(listServicesRoute, async (c) =>
      c.json({ items: await listServicesFor(c.env.DB, c.var.principal.sites) }, 200),
    ),
  )
  .openapi(
    ...declare(getServiceRoute, async (c) => {
      const service = await getServiceFor(c.env.DB, c.req.valid("param").service, c.var.principal.sites);
      if (!service) throw notFound("service");
      return c.json(service, 200);
    }),
  )
  .openapi(
    ...declare(putService, async (c) => {
      const { service, created } = await upsertService(
        c.env.DB,
        c.req.valid("param").service,
        c.req.valid("json"),
        Date.now(),
      );
      return created ? c.json(service, 201) : c.json(service, 200);
    }),
  );
