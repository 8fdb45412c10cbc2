import { createRoute } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import {
  FollowUp,
  FollowUpHeader,
  FollowUpParam,
  FollowUpQuery,
  MAX_RESPONDENT_REPLIES,
  Reply,
  ReplyInput,
} from "../../schema/followup";
import { deleteResponse } from "../db/responses";
import type { AppEnv } from "../env";
import { findFollowUp, type Found, readThread, replyAsRespondent } from "../followup";
import { allowKnownOrigin, assertOrigin } from "../middleware/cors";
import { limitBody } from "../middleware/body-limit";
import { jsonBody } from "../middleware/validate";
import { declare, errors, json, router, SERVER_ERRORS } from "../openapi";

/**
 * The response a follow-up token belongs to. Writes need an allowed Origin; reads check it when a browser
 * sends one. A token with no answer (deleted, or never given) names no site: its 404 is readable by a page of
 * any site, as a preflight is, so the widget can tell that the answer is gone and forget the token.
 */
async function resolve(c: Context<AppEnv>, token: string, write: boolean) {
  let found: Found;
  try {
    found = await findFollowUp(c.env.DB, token);
  } catch (error) {
    await allowKnownOrigin(c);
    throw error;
  }
  if (write || c.req.header("origin")) assertOrigin(c, found.site.origins);
  return found;
}

// Public: the token is the credential. A browser's Origin must be one of the site's.
const MEANINGS = {
  403: "origin_not_allowed: the Origin is not one of the site's",
  404: "not_found: no answer has this follow-up token (deleted, or never given)",
  422: "validation_failed: no follow-up token, or not one; a cursor not of this thread",
};
const REPLY_MEANINGS = {
  ...MEANINGS,
  409:
    `reply_limit_reached: the thread holds the ${MAX_RESPONDENT_REPLIES} replies a respondent may send; ` +
    "nothing was stored",
  429: "rate_limited: too many replies in this thread, or from this visitor or network; try again after Retry-After",
};
const READ_ERRORS = errors([403, 404, 422, ...SERVER_ERRORS], MEANINGS);
const REPLY_ERRORS = errors([400, 403, 404, 409, 413, 415, 422, 429, ...SERVER_ERRORS], REPLY_MEANINGS);
const DELETE_ERRORS = errors([403, 404, 422, ...SERVER_ERRORS], MEANINGS);

const THREAD = json(
  "The answer's status and a page of its thread, oldest first; nextCursor asks for the next page",
  FollowUp,
);
// text/plain: what a fetch without a preflight may send (the path form's replies); the body is JSON either way.
const REPLY_BODY = {
  required: true,
  content: { "application/json": { schema: ReplyInput }, "text/plain": { schema: ReplyInput } },
};

// ── The token in a header (X-Follow-Up-Token), where access logs do not keep it ──

const readThreadRoute = createRoute({
  method: "get",
  path: "/",
  summary: "The respondent reads the team's replies",
  description:
    "The follow-up token goes in the X-Follow-Up-Token header. " +
    "A page of the thread at a time: pass nextCursor as cursor.",
  security: [],
  request: { headers: FollowUpHeader, query: FollowUpQuery },
  responses: { 200: THREAD, ...READ_ERRORS },
});

const postReplyRoute = createRoute({
  method: "post",
  path: "/replies",
  summary: "The respondent answers, anonymously",
  description:
    `At most ${MAX_RESPONDENT_REPLIES} replies per answer, and a few a minute ` +
    '(README: "Abuse, floods and faults").',
  security: [],
  middleware: [limitBody(), jsonBody()],
  request: { headers: FollowUpHeader, body: REPLY_BODY },
  responses: { 201: json("The reply", Reply), ...REPLY_ERRORS },
});

const deleteOwnRoute = createRoute({
  method: "delete",
  path: "/",
  summary: "The respondent deletes their response",
  security: [],
  request: { headers: FollowUpHeader },
  responses: { 204: { description: "Deleted" }, ...DELETE_ERRORS },
});

/** Follow-up (public, by the respondent's token in X-Follow-Up-Token): read the thread, answer, or delete. */
export const followup = router()
  .openapi(
    ...declare(readThreadRoute, async (c) => {
      const found = await resolve(c, c.req.valid("header")["x-follow-up-token"], false);
      c.header("Cache-Control", "no-store");
      return c.json(await readThread(c.env.DB, found, c.req.valid("query")), 200);
    }),
  )
  .openapi(
    ...declare(postReplyRoute, async (c) => {
      const found = await resolve(c, c.req.valid("header")["x-follow-up-token"], true);
      const defer = (work: Promise<void>) => c.executionCtx.waitUntil(work);
      return c.json(await replyAsRespondent(c.env, found, c.req.valid("json").text, c.req.raw, defer), 201);
    }),
  )
  .openapi(
    ...declare(deleteOwnRoute, async (c) => {
      const found = await resolve(c, c.req.valid("header")["x-follow-up-token"], true);
      await deleteResponse(c.env.DB, found.response);
      return c.body(null, 204);
    }),
  );

// ── Deprecated: the token in the path, which access logs keep ──

/** RFC 9745: deprecated since this day (a Unix time); the path form answers as before meanwhile. */
const DEPRECATED_SINCE = `@${Date.UTC(2026, 11, 5) / 1000}`;
const SUCCESSOR = "Send the token in the X-Follow-Up-Token header to /v1/followup instead (README: Closing the loop).";
const DEPRECATION_HEADERS = {
  Deprecation: { description: `RFC 9745, ${DEPRECATED_SINCE}. ${SUCCESSOR}`, schema: { type: "string" as const } },
};

/** Marks every answer of the path form, errors too, so a client sees it whatever it gets. */
function deprecatedForm(): MiddlewareHandler<AppEnv> {
  return async function deprecatedForm(c, next) {
    await next();
    c.res.headers.set("Deprecation", DEPRECATED_SINCE);
  };
}

const readByPath = createRoute({
  method: "get",
  path: "/{token}",
  summary: "Deprecated: GET /v1/followup with the X-Follow-Up-Token header",
  description: SUCCESSOR,
  deprecated: true,
  security: [],
  middleware: [deprecatedForm()],
  request: { params: FollowUpParam, query: FollowUpQuery },
  responses: { 200: { ...THREAD, headers: DEPRECATION_HEADERS }, ...READ_ERRORS },
});

const postReplyByPath = createRoute({
  method: "post",
  path: "/{token}/replies",
  summary: "Deprecated: POST /v1/followup/replies with the X-Follow-Up-Token header",
  description: SUCCESSOR,
  deprecated: true,
  security: [],
  middleware: [deprecatedForm(), limitBody(), jsonBody()],
  request: { params: FollowUpParam, body: REPLY_BODY },
  responses: { 201: { ...json("The reply", Reply), headers: DEPRECATION_HEADERS }, ...REPLY_ERRORS },
});

const deleteByPath = createRoute({
  method: "delete",
  path: "/{token}",
  summary: "Deprecated: DELETE /v1/followup with the X-Follow-Up-Token header",
  description: SUCCESSOR,
  deprecated: true,
  security: [],
  middleware: [deprecatedForm()],
  request: { params: FollowUpParam },
  responses: { 204: { description: "Deleted", headers: DEPRECATION_HEADERS }, ...DELETE_ERRORS },
});

/** The same operations with the token in the path: kept for a deprecation period (README: Closing the loop). */
export const followupsByPath = router()
  .openapi(
    ...declare(readByPath, async (c) => {
      const found = await resolve(c, c.req.valid("param").token, false);
      c.header("Cache-Control", "no-store");
      return c.json(await readThread(c.env.DB, found, c.req.valid("query")), 200);
    }),
  )
  .openapi(
    ...declare(postReplyByPath, async (c) => {
      const found = await resolve(c, c.req.valid("param").token, true);
      const defer = (work: Promise<void>) => c.executionCtx.waitUntil(work);
      return c.json(await replyAsRespondent(c.env, found, c.req.valid("json").text, c.req.raw, defer), 201);
    }),
  )
  .openapi(
    ...declare(deleteByPath, async (c) => {
      const found = await resolve(c, c.req.valid("param").token, true);
      await deleteResponse(c.env.DB, found.response);
      return c.body(null, 204);
    }),
  );
