/**
 * Collecting one answer (POST /v1/responses), step by step: the site's rate limit, the site and survey, the
 * origin, the visitor's rate limit, the honeypot, idempotency, the verified employee, Turnstile, the batch that
 * stores it with its webhook deliveries (the outbox), and handing those to the queue. Plain functions of plain
 * data: the route only reads the request and answers.
 */
import type { ResponseCreated, ResponseInput } from "../../schema/response";
import { checkEmployeeRateLimit, checkSiteRateLimit, checkVisitorRateLimit } from "../abuse/rate-limit";
import { verifyTurnstile } from "../abuse/turnstile";
import { collectionConfig } from "../db/collection-config";
import { findAnswer, rememberAnswerStatement } from "../db/idempotency";
import { identityOf } from "../db/identity";
import { insertResponseStatements } from "../db/responses";
import { toSite, turnstileOf } from "../db/sites";
import { toSurvey } from "../db/surveys";
import { toWebhook } from "../db/webhooks";
import { randomToken, sha256Hex } from "../domain/crypto";
import { AnswerRejected, buildResponse } from "../domain/ingest";
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
  const segment = respondent ? { ...input.segment, ...respondent.segment } : input.segment;
  const record = recordOf(
    site,
    survey,
    respondent ? { ...input, segment } : input,
    { id: crypto.randomUUID(), followUpHash: await sha256Hex(followUp) },
    Date.now(),
  );
  const created: ResponseCreated = { id: record.id, followUp };
  const body = JSON.stringify(created);
  const respondentHash =
    key && identity && respondent ? await replayHash(identity.ballotKey, key, respondent.subject) : null;
  const remembered = { requestHash, status: 201, body, respondentHash };
  // Its webhook deliveries go in the same transaction (the outbox), so the answer is never stored without them.
  // An employee's answer sends no event of its own: its period's release sends `period.closed`.
  const events = site.audience === "external" ? responseEvents(record, site.audience) : [];
  const outbox = outboxFor(db, webhookRows.map(toWebhook), events, Date.now());
  // The key's row first: a repeat fails on it before doing any other work, and the transaction rolls back.
  const statements = [
    ...(key ? [rememberAnswerStatement(db, site.id, key, remembered, Date.now())] : []),
    ...insertResponseStatements(db, record, site.audience),
    ...outbox.statements,
  ];
  if (respondent) statements.push(respondent.ballot); // last: a same-key race replays rather than 409
  try {
    await db.batch(statements);
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
    if (!isOwnRowAlreadyStored(error)) throw error;
  }
  // To the queue after the answer; what this cannot send, the cron does.
  await defer(sendOutbox(env, outbox.deliveries));
  return { created, replayed: false };
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
