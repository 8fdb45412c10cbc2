import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  FollowUp,
  FollowUpParam,
  FollowUpQuery,
  MAX_RESPONDENT_REPLIES,
  Reply,
  ReplyInput,
} from "../../schema/followup";
import { deleteResponse } from "../db/responses";
import type { AppEnv } from "../env";
import { findFollowUp, readThread, replyAsRespondent } from "../followup";
import { assertOrigin } from "../middleware/cors";
import { limitBody } from "../middleware/body-limit";
import { jsonBody } from "../middleware/validate";
import { declare, errors, json, router, SERVER_ERRORS } from "../openapi";

/**
 * The response a follow-up token belongs to. Writes need an allowed Origin; reads check it when a browser
 * sends one.
 */
async function resolve(c: Context<AppEnv>, token: string, write: boolean) {
  const found = await findFollowUp(c.env.DB, token);
  if (write || c.req.header("origin")) assertOrigin(c, found.site.origins);
  return found;
}

// Public: the token is the credential. A browser's Origin must be one of the site's.
const MEANINGS = {
  403: "origin_not_allowed: the Origin is not one of the site's",
  404: "not_found: no answer has this follow-up token (deleted, or never given)",
  422: "validation_failed: not a follow-up token; a cursor not of this thread",
};
const REPLY_MEANINGS = {
  ...MEANINGS,
  409: `reply_limit_reached: the thread holds the ${MAX_RESPONDENT_REPLIES} replies a respondent may send; nothing was stored`,
  429: "rate_limited: too many replies in this thread, or from this visitor or network; try again after Retry-After",
};

const readFollowUp = createRoute({
  method: "get",
  path: "/{token}",
  summary: "The respondent reads the team's replies",
  description: "A page of the thread at a time, oldest first: pass nextCursor as cursor.",
  security: [],
  request: { params: FollowUpParam, query: FollowUpQuery },
  responses: {
    200: json(
      "The answer's status and a page of its thread, oldest first; nextCursor asks for the next page",
      FollowUp,
    ),
    ...errors([403, 404, 422, ...SERVER_ERRORS], MEANINGS),
  },
});

const postRespondentReply = createRoute({
  method: "post",
  path: "/{token}/replies",
  summary: "The respondent answers, anonymously",
  description: `At most ${MAX_RESPONDENT_REPLIES} replies per answer, and a few a minute (README: "Abuse, floods and faults").`,
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
  responses: {
    201: json("The reply", Reply),
    ...errors([400, 403, 404, 409, 413, 415, 422, 429, ...SERVER_ERRORS], REPLY_MEANINGS),
  },
});

const deleteOwn = createRoute({
  method: "delete",
  path: "/{token}",
  summary: "The respondent deletes their response",
  security: [],
  request: { params: FollowUpParam },
  responses: { 204: { description: "Deleted" }, ...errors([403, 404, 422, ...SERVER_ERRORS], MEANINGS) },
});

/** Follow-up (public, by the respondent's token): read the team's replies, answer, or delete. */
export const followups = router()
  .openapi(
    ...declare(readFollowUp, async (c) => {
      const found = await resolve(c, c.req.valid("param").token, false);
      c.header("Cache-Control", "no-store");
      return c.json(await readThread(c.env.DB, found, c.req.valid("query")), 200);
    }),
  )
  .openapi(
    ...declare(postRespondentReply, async (c) => {
      const found = await resolve(c, c.req.valid("param").token, true);
      return c.json(await replyAsRespondent(c.env, found, c.req.valid("json").text, c.req.raw), 201);
    }),
  )
  .openapi(
    ...declare(deleteOwn, async (c) => {
      const found = await resolve(c, c.req.valid("param").token, true);
      await deleteResponse(c.env.DB, found.response);
      return c.body(null, 204);
    }),
  );
