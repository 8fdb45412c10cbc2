/**
 * A respondent's follow-up, by their token: the thread a page at a time, their replies (rate-limited and
 * capped), and deleting their answer. Plain functions: routes/followups.ts reads the token from the
 * `X-Follow-Up-Token` header (or, deprecated, from the path), checks the Origin and answers.
 */
import { type FollowUp, type FollowUpAnswer, MAX_RESPONDENT_REPLIES, type Reply } from "../../schema/followup";
import type { Site } from "../../schema/config";
import { checkReplyRateLimit } from "../abuse/rate-limit";
import { respondentReplyStatement, readThreadPage } from "../db/replies";
import { findByFollowUpHash } from "../db/responses";
import { getSite } from "../db/sites";
import { sha256Hex } from "../domain/crypto";
import type { Bindings } from "../env";
import { ApiError, notFound, validationFailed } from "../errors";
import { replyEvent } from "../webhooks/events";
import { type Defer, inline, storeWithEvents } from "../webhooks/outbox";

const HOUR = 3_600_000;

export type FollowUpOf = NonNullable<Awaited<ReturnType<typeof findByFollowUpHash>>>;
/** The answer a token belongs to, its site, and the token's hash (what D1 stores: the token is never kept). */
export type Found = { response: FollowUpOf; site: Site; tokenHash: string };

/** The token is the respondent's whole identity: only its hash is stored, and an unknown one is a 404. */
export async function findFollowUp(db: D1Database, token: string): Promise<Found> {
  const tokenHash = await sha256Hex(token);
  const response = await findByFollowUpHash(db, tokenHash);
  const site = response && (await getSite(db, response.site));
  if (!response || !site) throw notFound("follow-up");
  return { response, site, tokenHash };
}

/** What the respondent gave, as they gave it: the thread shows it on top. */
const answerOf = (response: FollowUpOf): FollowUpAnswer => ({
  survey: response.survey,
  kind: response.kind as FollowUpAnswer["kind"],
  score: response.score,
  comment: response.comment,
  service: response.service || null,
  at: new Date(response.createdAt).toISOString(),
});

/** A page of the thread, oldest first, under the answer it is about; 422 for a cursor not of this thread. */
export async function readThread(
  db: D1Database,
  { response }: Found,
  page: { limit: number; cursor?: string | undefined },
): Promise<FollowUp> {
  const found = await readThreadPage(db, response.id, page.cursor ?? null, page.limit);
  if (!found) {
    throw validationFailed([
      { path: "query.cursor", message: "is not a reply of this thread; pass the nextCursor of the previous page" },
    ]);
  }
  return { status: response.status, answer: answerOf(response), replies: found.replies, nextCursor: found.last };
}

/**
 * The respondent answers in the thread: at most a few a minute per thread and per visitor (429 with
 * Retry-After), and at most MAX_RESPONDENT_REPLIES in all (409), so a flood can neither grow a thread without
 * end nor send more than that many `reply.created` deliveries per answer.
 */
export async function replyAsRespondent(
  env: Bindings,
  found: Found,
  text: string,
  request: Request,
  defer: Defer = inline,
): Promise<Reply> {
  const { response, site } = found;
  await checkReplyRateLimit(env, env.DB, site, found.tokenHash, request);
  // An employee's reply keeps no time finer than the hour, like their response.
  const now = site.audience === "internal" ? Math.floor(Date.now() / HOUR) * HOUR : Date.now();
  const { statement, id, reply } = respondentReplyStatement(env.DB, response.id, text, now, MAX_RESPONDENT_REPLIES);
  // Nothing live about an employee: the moment they reply would tie the thread to them. The deliveries go in
  // the reply's own transaction, and only if the capped insert stored it.
  const events = site.audience === "external" ? [replyEvent(response.id, response.site, reply)] : [];
  const [inserted] = await storeWithEvents(env, [statement], events, defer, { onlyIfReply: id });
  if (!inserted?.meta.changes) {
    throw new ApiError(
      409,
      "reply_limit_reached",
      `This thread already holds the ${MAX_RESPONDENT_REPLIES} replies a respondent may send; nothing was stored. ` +
        "The team can still answer here; to tell them something new, send a new answer.",
    );
  }
  return reply;
}
