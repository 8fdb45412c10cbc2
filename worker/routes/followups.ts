import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { FollowUp, FollowUpParam, Reply, ReplyInput } from "../../schema/followup";
import { deleteResponse, findByFollowUpHash } from "../db/responses";
import { insertReplyStatement, listReplies } from "../db/replies";
import { getSite } from "../db/sites";
import { sha256Hex } from "../domain/crypto";
import { replyEvent } from "../webhooks/events";
import { storeWithEvents } from "../webhooks/outbox";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { assertOrigin } from "../middleware/cors";
import { limitBody } from "../middleware/body-limit";
import { jsonBody } from "../middleware/validate";
import { declare, errors, json, router, SERVER_ERRORS } from "../openapi";

const HOUR = 3_600_000;

/**
 * The response a follow-up token belongs to. Only the token's hash is stored, so the token itself is
 * the respondent's whole identity. Writes need an allowed Origin; reads check it when a browser sends one.
 */
async function resolve(c: Context<AppEnv>, token: string, write: boolean) {
  const response = await findByFollowUpHash(c.env.DB, await sha256Hex(token));
  if (!response) throw notFound("follow-up");
  const site = await getSite(c.env.DB, response.site);
  if (!site) throw notFound("follow-up");
  if (write || c.req.header("origin")) assertOrigin(c, site.origins);
  return { response, site };
}

// Public: the token is the credential. A browser's Origin must be one of the site's.
const ORIGIN_403 = { 403: "origin_not_allowed: the Origin is not one of the site's" };

const readFollowUp = createRoute({
  method: "get",
  path: "/{token}",
  summary: "The respondent reads the team's replies",
  security: [],
  request: { params: FollowUpParam },
  responses: {
    200: json("The response's status and its replies", FollowUp),
    ...errors([403, 404, 422, ...SERVER_ERRORS], ORIGIN_403),
  },
});

const postRespondentReply = createRoute({
  method: "post",
  path: "/{token}/replies",
  summary: "The respondent answers, anonymously",
  security: [],
  middleware: [limitBody(), jsonBody()],
  request: {
    params: FollowUpParam,
    // text/plain: what a preflight-free fetch may send; the body is JSON either way.
    body: {
      required: true,
      content: { "application/json": { schema: ReplyInput }, "text/plain": { schema: ReplyInput } },
    },
  },
  responses: { 201: json("The reply", Reply), ...errors([400, 403, 404, 413, 415, 422, ...SERVER_ERRORS], ORIGIN_403) },
});

const deleteOwn = createRoute({
  method: "delete",
  path: "/{token}",
  summary: "The respondent deletes their response",
  security: [],
  request: { params: FollowUpParam },
  responses: { 204: { description: "Deleted" }, ...errors([403, 404, 422, ...SERVER_ERRORS], ORIGIN_403) },
});

/** Follow-up (public, by the respondent's token): read the team's replies, answer, or delete. */
export const followups = router()
  .openapi(
    ...declare(readFollowUp, async (c) => {
      const { response } = await resolve(c, c.req.valid("param").token, false);
      c.header("Cache-Control", "no-store");
      return c.json({ status: response.status, replies: await listReplies(c.env.DB, response.id) }, 200);
    }),
  )
  .openapi(
    ...declare(postRespondentReply, async (c) => {
      const { response, site } = await resolve(c, c.req.valid("param").token, true);
      // An employee's reply keeps no time finer than the hour, like their response.
      const now = site.audience === "internal" ? Math.floor(Date.now() / HOUR) * HOUR : Date.now();
      const { statement, reply } = insertReplyStatement(
        c.env.DB,
        response.id,
        "respondent",
        c.req.valid("json").text,
        now,
      );
      // Nothing live about an employee: the moment they reply would tie the thread to them.
      const events = site.audience === "external" ? [replyEvent(response.id, response.site, reply)] : [];
      await storeWithEvents(c.env, [statement], events, (work) => c.executionCtx.waitUntil(work));
      return c.json(reply, 201);
    }),
  )
  .openapi(
    ...declare(deleteOwn, async (c) => {
      const { response } = await resolve(c, c.req.valid("param").token, true);
      await deleteResponse(c.env.DB, response);
      return c.body(null, 204);
    }),
  );
