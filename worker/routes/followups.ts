import { Hono, type Context } from "hono";
import { FollowUpParam, ReplyInput } from "../../schema/followup";
import { deleteResponse, findByFollowUpHash } from "../db/responses";
import { insertReply, listReplies } from "../db/replies";
import { getSite } from "../db/sites";
import { sha256Hex } from "../domain/crypto";
import { replyEvent } from "../domain/events";
import { emit } from "../emit";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { assertOrigin } from "../middleware/cors";
import { limitBody } from "../middleware/body-limit";
import { jsonBody, validate } from "../middleware/validate";

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

/** Follow-up (public, by the respondent's token): read the team's replies, answer, or delete. */
export const followups = new Hono<AppEnv>()
  .get("/:token", validate("param", FollowUpParam), async (c) => {
    const { response } = await resolve(c, c.req.valid("param").token, false);
    c.header("Cache-Control", "no-store");
    return c.json({ status: response.status, replies: await listReplies(c.env.DB, response.id) }, 200);
  })
  .post(
    "/:token/replies",
      limitBody(),
    validate("param", FollowUpParam),
    jsonBody(ReplyInput),
    async (c) => {
      const { response, site } = await resolve(c, c.req.valid("param").token, true);
      // An employee's reply keeps no time finer than the hour, like their response.
      const now = site.audience === "internal" ? Math.floor(Date.now() / HOUR) * HOUR : Date.now();
      const reply = await insertReply(c.env.DB, response.id, "respondent", c.req.valid("json").text, now);
      // Nothing live about an employee: the moment they reply would tie the thread to them.
      if (site.audience === "external") await emit(c.env, [replyEvent(response.id, response.site, reply)]);
      return c.json(reply, 201);
    },
  )
  .delete("/:token", validate("param", FollowUpParam), async (c) => {
    const { response } = await resolve(c, c.req.valid("param").token, true);
    await deleteResponse(c.env.DB, response);
    return c.body(null, 204);
  });
