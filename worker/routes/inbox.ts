import { createRoute } from "@hono/zod-openapi";
import { Reply, ReplyInput, ResponseParam, StatusChanged, StatusInput } from "../../schema/followup";
import { InboxPage, InboxQuery, InboxThread } from "../../schema/inbox";
import { inboxConditions, presentRows, readOne, readPage } from "../db/inbox";
import { inScope } from "../db/scope";
import { resolveScope } from "../scope";
import { replyEvent } from "../webhooks/events";
import { resolveRange } from "../domain/time-range";
import { storeWithEvents } from "../webhooks/outbox";
import { deleteResponse, getResponse, setStatus, siteOfResponse } from "../db/responses";
import { insertReplyStatement, listReplies } from "../db/replies";
import { getSite } from "../db/sites";
import type { Bindings, Principal } from "../env";
import { notFound } from "../errors";
import { assertSiteAccess, requireAuth } from "../middleware/auth";
import { limitBody } from "../middleware/body-limit";
import { jsonBody } from "../middleware/validate";
import { declare, errors, FILTER_422, json, router, SERVER_ERRORS } from "../openapi";
import { releaseClosedPeriods, releaseSite } from "../release";

/** An answer's period may have closed since anyone last read its site: close it first. */
async function releaseResponseSite(env: Bindings, id: string): Promise<void> {
  const site = await siteOfResponse(env.DB, id);
  if (site) await releaseSite(env, site, Date.now());
}

/** A response a reader may act on: an employee's only once released (before, it does not exist for them). */
async function responseFor(env: Bindings, principal: Principal, id: string) {
  const db = env.DB;
  await releaseResponseSite(env, id);
  const response = await getResponse(db, id);
  if (!response?.listed) throw notFound("response");
  assertSiteAccess(principal, response.site);
  return response;
}

const security = [{ bearer: [] }];
const readers = { security, description: "Read keys may call this.", middleware: [requireAuth({ scope: "read" })] };
const admins = { security, middleware: [requireAuth({ scope: "admin" })] };
const writers = { security, middleware: [requireAuth({ scope: "admin" }), limitBody(), jsonBody()] };

const listInbox = createRoute({
  method: "get",
  path: "/",
  summary: "The inbox, newest first, by cursor",
  ...readers,
  request: { query: InboxQuery },
  responses: {
    200: json("A page of responses; nextCursor is null on the last", InboxPage),
    ...errors([401, 403, 422, 429, ...SERVER_ERRORS], { 422: FILTER_422 }),
  },
});

const getThread = createRoute({
  method: "get",
  path: "/{id}",
  summary: "One response with its reply thread",
  ...readers,
  request: { params: ResponseParam },
  responses: {
    200: json("The inbox item (same anonymity rule) with its thread", InboxThread),
    ...errors([401, 403, 404, 422, 429, ...SERVER_ERRORS]),
  },
});

const patchStatus = createRoute({
  method: "patch",
  path: "/{id}",
  summary: "Change a response's status",
  ...writers,
  request: {
    params: ResponseParam,
    body: { required: true, content: { "application/json": { schema: StatusInput } } },
  },
  responses: {
    200: json("The new status", StatusChanged),
    ...errors([400, 401, 403, 404, 413, 415, 422, 429, ...SERVER_ERRORS]),
  },
});

const postTeamReply = createRoute({
  method: "post",
  path: "/{id}/replies",
  summary: "Reply to the respondent",
  ...writers,
  request: { params: ResponseParam, body: { required: true, content: { "application/json": { schema: ReplyInput } } } },
  responses: {
    201: json("The reply", Reply),
    ...errors([400, 401, 403, 404, 413, 415, 422, 429, ...SERVER_ERRORS]),
  },
});

const deleteOne = createRoute({
  method: "delete",
  path: "/{id}",
  summary: "Delete a response (and its counts)",
  ...admins,
  request: { params: ResponseParam },
  responses: { 204: { description: "Deleted" }, ...errors([401, 403, 404, 422, 429, ...SERVER_ERRORS]) },
});

/** The inbox (read) and triage (admin): status, team replies that reach the respondent, deletion. */
export const inbox = router()
  .openapi(
    ...declare(listInbox, async (c) => {
      const query = c.req.valid("query");
      const { filter, sites, siteRows } = await resolveScope(c.env.DB, c.var.principal, query);
      await releaseClosedPeriods(c.env, inScope(siteRows, filter), Date.now());
      const window = resolveRange(query, query.tz, Date.now());
      const rows = await readPage(
        c.env.DB,
        inboxConditions(filter, query, window),
        query.cursor ?? null,
        query.limit + 1,
      );
      const page = rows.slice(0, query.limit);
      const items = presentRows(page, new Map(sites.map((site) => [site.id, site])));
      return c.json({ items, nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null }, 200);
    }),
  )
  // One answer and its thread, for a reader who opens it: the same anonymity rule as the list.
  .openapi(
    ...declare(getThread, async (c) => {
      await releaseResponseSite(c.env, c.req.valid("param").id);
      const row = await readOne(c.env.DB, c.req.valid("param").id);
      if (!row) throw notFound("response");
      assertSiteAccess(c.var.principal, row.site_id);
      const site = await getSite(c.env.DB, row.site_id);
      const [item] = presentRows([row], new Map(site ? [[site.id, site]] : []));
      // An employee's own replies were stored with the time rounded to the hour (routes/followups.ts).
      const thread: InboxThread = { ...item!, thread: await listReplies(c.env.DB, row.id) };
      return c.json(thread, 200);
    }),
  )
  .openapi(
    ...declare(patchStatus, async (c) => {
      const response = await responseFor(c.env, c.var.principal, c.req.valid("param").id);
      const { status } = c.req.valid("json");
      await setStatus(c.env.DB, response.id, status);
      return c.json({ id: response.id, status }, 200);
    }),
  )
  .openapi(
    ...declare(postTeamReply, async (c) => {
      const response = await responseFor(c.env, c.var.principal, c.req.valid("param").id);
      const { statement, reply } = insertReplyStatement(
        c.env.DB,
        response.id,
        "team",
        c.req.valid("json").text,
        Date.now(),
      );
      await storeWithEvents(c.env, [statement], [replyEvent(response.id, response.site, reply)], (work) =>
        c.executionCtx.waitUntil(work),
      );
      return c.json(reply, 201);
    }),
  )
  .openapi(
    ...declare(deleteOne, async (c) => {
      const response = await responseFor(c.env, c.var.principal, c.req.valid("param").id);
      await deleteResponse(c.env.DB, response);
      return c.body(null, 204);
    }),
  );
