import { createRoute } from "@hono/zod-openapi";
import {
  ActionEffectQuery,
  ActionInput,
  ActionList,
  ActionParam,
  Action,
  ActionWithEffect,
} from "../../schema/actions";
import { ServiceParam } from "../../schema/params";
import { actionEffect } from "../actions/effect";
import { deleteAction, getAction, listActions, upsertAction } from "../db/actions";
import { getService, getServiceFor } from "../db/services";
import { notFound } from "../errors";
import { requireAuth } from "../middleware/auth";
import { limitBody } from "../middleware/body-limit";
import { jsonBody } from "../middleware/validate";
import { declare, errors, json, router, SERVER_ERRORS } from "../openapi";

/** Reads: a key limited to some sites sees only the services it may see, and of others nothing, not even a 403. */
const readers = {
  security: [{ bearer: [] }],
  middleware: [requireAuth({ scope: "read" })],
};
// Services span sites, so, as for PUT /v1/services, only an admin credential for every site may change them.
const writers = { security: [{ bearer: [] }] };
const HIDDEN =
  "Read keys may call this. A key limited to some sites gets 404 for a service only other sites rate " +
  "(GET /v1/services/{service} says which it sees).";

const listRoute = createRoute({
  method: "get",
  path: "/{service}/actions",
  summary: "List a service's actions, by date then id",
  description: HIDDEN,
  ...readers,
  request: { params: ServiceParam },
  responses: { 200: json("The actions", ActionList), ...errors([401, 404, 422, 429, ...SERVER_ERRORS]) },
});

const getRoute = createRoute({
  method: "get",
  path: "/{service}/actions/{id}",
  summary: "Get an action with its before/after",
  description:
    `${HIDDEN} The effect compares the same number of whole UTC days before and after the action's date (at ` +
    "most `days`, and no more than have passed since), per audience and kind rating the service on sites the " +
    "key reads; employees' figures are release groups of closed periods only, as in GET /v1/aggregates.",
  ...readers,
  request: { params: ActionParam, query: ActionEffectQuery },
  responses: {
    200: json("The action and its before/after", ActionWithEffect),
    ...errors([401, 404, 422, 429, ...SERVER_ERRORS]),
  },
});

const putRoute = createRoute({
  method: "put",
  path: "/{service}/actions/{id}",
  summary: "Record or replace an action on a service",
  description: "Admin credentials for every site only (403 otherwise). 404 when the service does not exist.",
  ...writers,
  middleware: [requireAuth({ scope: "admin", everySite: true }), limitBody(), jsonBody()],
  request: {
    params: ActionParam,
    body: { required: true, content: { "application/json": { schema: ActionInput } } },
  },
  responses: {
    200: json("Replaced", Action),
    201: json("Created", Action),
    ...errors([400, 401, 403, 404, 413, 415, 422, 429, ...SERVER_ERRORS]),
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/{service}/actions/{id}",
  summary: "Delete an action",
  description: "Admin credentials for every site only (403 otherwise).",
  ...writers,
  middleware: [requireAuth({ scope: "admin", everySite: true })],
  request: { params: ActionParam },
  responses: { 204: { description: "Deleted" }, ...errors([401, 403, 404, 422, 429, ...SERVER_ERRORS]) },
});

/** Actions on a service (README: "Actions, with before and after"), mounted under /v1/services. */
export const actions = router()
  .openapi(
    ...declare(listRoute, async (c) => {
      const { service } = c.req.valid("param");
      if (!(await getServiceFor(c.env.DB, service, c.var.principal.sites))) throw notFound("service");
      return c.json({ items: await listActions(c.env.DB, service) }, 200);
    }),
  )
  .openapi(
    ...declare(getRoute, async (c) => {
      const { service, id } = c.req.valid("param");
      if (!(await getServiceFor(c.env.DB, service, c.var.principal.sites))) throw notFound("service");
      const action = await getAction(c.env.DB, service, id);
      if (!action) throw notFound("action");
      const effect = await actionEffect(c.env, c.var.principal, action, c.req.valid("query").days, Date.now());
      return c.json({ ...action, effect }, 200);
    }),
  )
  .openapi(
    ...declare(putRoute, async (c) => {
      const { service, id } = c.req.valid("param");
      if (!(await getService(c.env.DB, service))) throw notFound("service");
      const { action, created } = await upsertAction(c.env.DB, service, id, c.req.valid("json"), Date.now());
      return created ? c.json(action, 201) : c.json(action, 200);
    }),
  )
  .openapi(
    ...declare(deleteRoute, async (c) => {
      const { service, id } = c.req.valid("param");
      if (!(await deleteAction(c.env.DB, service, id))) throw notFound("action");
      return c.body(null, 204);
    }),
  );
