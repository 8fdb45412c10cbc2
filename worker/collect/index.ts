/**
 * Collecting one answer (POST /v1/responses), step by step: the site's rate limit, the site and survey, the
 * origin, the visitor's rate limit, the honeypot, idempotency, the verified employee, Turnstile, the batch that
 * stores it with its webhook deliveries (the outbox), and handing those to the queue. Plain functions of plain
 * data: the route only reads the request and answers.
 */
import type { Site } from "../../schema/config";
import type { ResponseCreated, ResponseInput } from "../../schema/response";
import { checkEmployeeRateLimit, checkSiteRateLimit, checkVisitorRateLimit } from "../abuse/rate-limit";
import { verifyTurnstile } from "../abuse/turnstile";
import { collectionConfig } from "../db/collection-config";
import { findAnswer, rememberAnswerStatement } from "../db/idempotency";
import { identityOf } from "../db/identity";
import { insertResponseStatements } from "../db/responses";
import { isSegmentValueCapReached, rememberSegmentValueStatements, valuesPastCap } from "../db/segment-values";
import { toSite, turnstileOf } from "../db/sites";
import { toSurvey } from "../db/surveys";
import { toWebhook } from "../db/webhooks";
import { randomToken, sha256Hex } from "../domain/crypto";
import { AnswerRejected, buildResponse, type ResponseRecord } from "../domain/ingest";
import { capReachedProblem, openSegmentValues } from "../domain/segment-values";
import type { Bindings } from "../env";
import { ApiError, notFound, validationFailed } from "../errors";
import { alreadyAnswered, isBallotAlreadyCast, replayer, replayHash, verifyRespondent } from "../identity";
import { listedOrigin } from "../middleware/cors";
import { inline, outboxFor, sendOutbox, type Defer } from "../webhooks/outbox";
import { responseEvents } from "../webhooks/events";
import { isDuplicateKey, isOwnRowAlreadyStored, isSameRespondent, replayOf, requestHashOf } from "./idempotency";

export { idempotencyKeyOf } from "./idempotency";

export type Answer = {
  input: ResponseInput;
  /** From the body or the Idempotency-Key header (idempotencyKeyOf), or null. */
  idempotencyKey: string | null;
  /** The request as sent: its Origin, and what tells visitors apart (abuse/visitor.ts) and verifies employees. */
  request: Request;
};

/** What the respondent is answered: always a 201; `replayed` when it is the first answer to the same key. */
export type Collected = { created: ResponseCreated; replayed: boolean };

/**
 * Checks, stores and announces one answer. `allowOrigin` is called with an origin the page may read the answer
 * (or the error) from: the site's own, or any origin on a 429 from the site's limit (it reveals nothing).
 */
export async function collectAnswer(
  env: Bindings,
  answer: Answer,
  allowOrigin: (origin: string) => void,
  defer: Defer = inline,
): Promise<Collected> {
  const { input, idempotencyKey: key, request } = answer;
  const db = env.DB;
  const requestHash = key ? await requestHashOf(input) : "";
  const origin = request.headers.get("origin");

  // The site's ceiling before any D1 read, so a flood aimed at one site costs D1 nothing (429 with
  // Retry-After; the widget's queue retries). The site's origins are not known yet; a 429 reveals
  // nothing, so the page may read it whatever its origin, rather than seeing a network error.
  try {
    await checkSiteRateLimit(env, input.site);
  } catch (error) {
    if (origin && error instanceof ApiError && error.status === 429) allowOrigin(origin);
    throw error;
  }

  // Usually no round trip at all: each isolate keeps the config it read for a few seconds.
  const { siteRow, surveyRow, webhookRows } = await collectionConfig(db, input.site, input.survey);
  if (!siteRow) throw notFound("site");
  const site = toSite(siteRow);
  const survey = surveyRow ? toSurvey(surveyRow) : null;
  if (!survey?.active) throw notFound("survey");
  allowOrigin(listedOrigin(origin, site.origins));
  // One visitor, or on an intranet one office network: how they are told apart depends on the site.
  await checkVisitorRateLimit(env, db, site, request);

  // The honeypot: only a bot fills the hidden field. It gets what an answer gets, and nothing is kept.
  if (input.website) {
    console.log("honeypot: an answer discarded");
    return { created: { id: crypto.randomUUID(), followUp: randomToken(24) }, replayed: false };
  }

  // A repeat is found out by the write itself: the key's row goes into the same batch, and a repeat
  // fails on it and replays (below). Except where a check cannot pass twice (a single-use Turnstile
  // token, a respondent token that expired since): there the key is looked up before the checks.
  const identity = identityOf(siteRow);
  const turnstile = turnstileOf(siteRow);
  if (key && (identity || turnstile)) {
    const previous = await findAnswer(db, site.id, key);
    if (previous) {
      // The key alone is no credential: on a site that verifies employees, the token goes back to the same one.
      const asker = identity ? await replayer(db, site, identity, survey.id, request, input, key) : null;
      return {
        created: replayOf(previous, requestHash, !identity || isSameRespondent(previous, asker)),
        replayed: true,
      };
    }
  }
  // A verified employee's team and role, and their ballot (null unless the site requires identity).
  const respondent = await verifyRespondent(db, site, identity, survey.id, request, input);
  // Colleagues share an IP and a browser build; a verified employee is limited as themselves.
  if (respondent) await checkEmployeeRateLimit(env, db, site, respondent.subject);
  if (turnstile) await verifyTurnstile(turnstile.secret, input.turnstile, site.origins, key);

  const followUp = randomToken(24);
  const ids = { id: crypto.randomUUID(), followUpHash: await sha256Hex(followUp) };
  const verified = Object.keys(respondent?.segment ?? {});
  const recordWith = (segment: ResponseInput["segment"]) =>
    recordOf(site, survey, { ...input, segment }, ids, Date.now(), verified);
  // Every problem of the answer first (a 422 before any D1 read).
  let record = recordWith(respondent ? { ...input.segment, ...respondent.segment } : input.segment);
  // An employee's new value past the cap is left out, never refused: a refusal would tell them whether a
  // colleague had sent it. Read for every such answer, so the time taken does not tell it either.
  if (site.audience === "internal") record = recordWith(await withinCap(db, site, record.segment, verified));
  const created: ResponseCreated = { id: record.id, followUp };
  const body = JSON.stringify(created);
  const respondentHash =
    key && identity && respondent ? await replayHash(identity.ballotKey, key, respondent.subject) : null;
  const remembered = { requestHash, status: 201, body, respondentHash };
  // Its webhook deliveries go in the same transaction (the outbox), so the answer is never stored without them.
  // An employee's answer sends no event of its own: its period's release sends `period.closed`.
  const events = site.audience === "external" ? responseEvents(record, site.audience) : [];
  const outbox = outboxFor(db, webhookRows.map(toWebhook), events, Date.now());
  const statementsOf = (stored: ResponseRecord) => {
    // The key's row first: a repeat fails on it before doing any other work, and the transaction rolls back.
    // Then the segment's new values, which fail the batch past the cap (db/segment-values.ts).
    const statements = [
      ...(key ? [rememberAnswerStatement(db, site.id, key, remembered, Date.now())] : []),
      ...rememberSegmentValueStatements(db, site.id, openSegmentValues(site, stored.segment, verified)),
      ...insertResponseStatements(db, stored, site.audience),
      ...outbox.statements,
    ];
    if (respondent) statements.push(respondent.ballot); // last: a same-key race replays rather than 409
    return statements;
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await db.batch(statementsOf(record));
      break;
    } catch (error) {
      // A repeat, or a concurrent request with the same key that won the race: its transaction holds,
      // ours rolled back, and we answer what it answered.
      if (key && isDuplicateKey(error)) {
        const winner = await findAnswer(db, site.id, key);
        if (winner) {
          return {
            created: replayOf(winner, requestHash, !identity || isSameRespondent(winner, respondentHash)),
            replayed: true,
          };
        }
      }
      if (isBallotAlreadyCast(error)) throw alreadyAnswered();
      // A new value past the cap: a customer is told (422); an employee's value is left out. Once only: the
      // values kept are then all known, which the cap never refuses.
      if (isSegmentValueCapReached(error) && attempt === 1) {
        record = recordWith(await withinCap(db, site, record.segment, verified));
        continue;
      }
      if (!isOwnRowAlreadyStored(error)) throw error;
      break;
    }
  }
  // To the queue after the answer; what this cannot send, the cron does.
  await defer(sendOutbox(env, outbox.deliveries));
  return { created, replayed: false };
}

/**
 * The segment without its new values past the site's cap. On an external site such a value is the contract's
 * 422 instead, naming its dimension; a customer may learn that a value was had before.
 */
async function withinCap(db: D1Database, site: Site, segment: Record<string, string>, verified: string[]) {
  const past = await valuesPastCap(db, site.id, openSegmentValues(site, segment, verified));
  if (past.length === 0) return segment;
  if (site.audience === "external") {
    throw validationFailed(
      past.map(({ dimension }) => ({ path: `segment.${dimension}`, message: capReachedProblem(site, dimension) })),
    );
  }
  console.log(`segment: ${past.length} new value(s) past the cap left out of an answer on ${site.id}`);
  const dropped = new Set(past.map(({ dimension }) => dimension));
  return Object.fromEntries(Object.entries(segment).filter(([dimension]) => !dropped.has(dimension)));
}

/** The row to store, or the contract's 422 listing what the survey and site cannot take (domain/ingest.ts). */
function recordOf(...args: Parameters<typeof buildResponse>) {
  try {
    return buildResponse(...args);
  } catch (error) {
    if (error instanceof AnswerRejected) throw validationFailed(error.problems);
    throw error;
  }
}
