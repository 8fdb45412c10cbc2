import { Hono } from "hono";
import { ReplyInput, ResponseParam, StatusInput } from "../../schema/followup";
import { deleteResponse, getResponse, setStatus } from "../db/responses";
import { insertReply } from "../db/replies";
import type { AppEnv, Principal } from "../env";
import { notFound } from "../errors";
import { assertSiteAccess, requireAuth } from "../middleware/auth";
import { jsonBody, validate } from "../middleware/validate";

async function responseFor(db: D1Database, principal: Principal, id: string) {
  const response = await getResponse(db, id);
  if (!response) throw notFound("response");
  assertSiteAccess(principal, response.site);
  return response;
}

/** Triage (admin): status, team replies that reach the respondent by their token, and deletion. */
export const inbox = new Hono<AppEnv>()
  .patch("/:id", requireAuth({ scope: "admin" }), validate("param", ResponseParam), jsonBody(StatusInput), async (c) => {
    const response = await responseFor(c.env.DB, c.var.principal, c.req.valid("param").id);
    const { status } = c.req.valid("json");
    await setStatus(c.env.DB, response.id, status);
    return c.json({ id: response.id, status }, 200);
  })
  .post("/:id/replies", requireAuth({ scope: "admin" }), validate("param", ResponseParam), jsonBody(ReplyInput), async (c) => {
    const response = await responseFor(c.env.DB, c.var.principal, c.req.valid("param").id);
    return c.json(await insertReply(c.env.DB, response.id, "team", c.req.valid("json").text, Date.now()), 201);
  })
  .delete("/:id", requireAuth({ scope: "admin" }), validate("param", ResponseParam), async (c) => {
    const response = await responseFor(c.env.DB, c.var.principal, c.req.valid("param").id);
    await deleteResponse(c.env.DB, response);
    return c.body(null, 204);
  });
