import { Hono } from "hono";
import { ReplyInput, ResponseParam, StatusInput } from "../../schema/followup";
import { InboxQuery, type InboxThread } from "../../schema/inbox";
import { inboxConditions, presentRows, readOne, readPage } from "../db/inbox";
import { resolveScope, inScope } from "../db/scope";
import { replyEvent } from "../domain/events";
import { resolveRange } from "../domain/time-range";
import { emit } from "../emit";
import { deleteResponse, getResponse, setStatus, siteOfResponse } from "../db/responses";
import { insertReply, listReplies } from "../db/replies";
import { getSite } from "../db/sites";
import type { AppEnv, Bindings, Principal } from "../env";
import { notFound } from "../errors";
import { assertSiteAccess, requireAuth } from "../middleware/auth";
import { jsonBody, validate } from "../middleware/validate";
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
  if (!response || !response.listed) throw notFound("response");
  assertSiteAccess(principal, response.site);
  return response;
}

/** The inbox (read) and triage (admin): status, team replies that reach the respondent, deletion. */
export const inbox = new Hono<AppEnv>()
  .get("/", requireAuth({ scope: "read" }), validate("query", InboxQuery), async (c) => {
    const query = c.req.valid("query");
    const { filter, sites, siteRows } = await resolveScope(c.env.DB, c.var.principal, query);
    await releaseClosedPeriods(c.env, inScope(siteRows, filter), Date.now());
    const window = resolveRange(query, query.tz, Date.now());
    const rows = await readPage(c.env.DB, inboxConditions(filter, query, window), query.cursor ?? null, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const items = presentRows(page, new Map(sites.map((site) => [site.id, site])));
    return c.json({ items, nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null }, 200);
  })
  // One answer and its thread, for a reader who opens it: the same anonymity rule as the list.
  .get("/:id", requireAuth({ scope: "read" }), validate("param", ResponseParam), async (c) => {
    await releaseResponseSite(c.env, c.req.valid("param").id);
    const row = await readOne(c.env.DB, c.req.valid("param").id);
    if (!row) throw notFound("response");
    assertSiteAccess(c.var.principal, row.site_id);
    const site = await getSite(c.env.DB, row.site_id);
    const [item] = presentRows([row], new Map(site ? [[site.id, site]] : []));
    // An employee's own replies were stored with the time rounded to the hour (routes/followups.ts).
    const thread: InboxThread = { ...item!, thread: await listReplies(c.env.DB, row.id) };
    return c.json(thread, 200);
  })
  .patch("/:id", requireAuth({ scope: "admin" }), validate("param", ResponseParam), jsonBody(StatusInput), async (c) => {
    const response = await responseFor(c.env, c.var.principal, c.req.valid("param").id);
    const { status } = c.req.valid("json");
    await setStatus(c.env.DB, response.id, status);
    return c.json({ id: response.id, status }, 200);
  })
  .post("/:id/replies", requireAuth({ scope: "admin" }), validate("param", ResponseParam), jsonBody(ReplyInput), async (c) => {
    const response = await responseFor(c.env, c.var.principal, c.req.valid("param").id);
    const reply = await insertReply(c.env.DB, response.id, "team", c.req.valid("json").text, Date.now());
    await emit(c.env, [replyEvent(response.id, response.site, reply)]);
    return c.json(reply, 201);
  })
  .delete("/:id", requireAuth({ scope: "admin" }), validate("param", ResponseParam), async (c) => {
    const response = await responseFor(c.env, c.var.principal, c.req.valid("param").id);
    await deleteResponse(c.env.DB, response);
    return c.body(null, 204);
  });
