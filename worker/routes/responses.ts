import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ResponseCreated, ResponseInput } from "../../schema/response";
import { toSite, turnstileOf } from "../db/sites";
import { toSurvey } from "../db/surveys";
import { identityOf } from "../db/identity";
import { findAnswer, rememberAnswerStatement, type RememberedAnswer } from "../db/idempotency";
import { insertResponseStatements } from "../db/responses";
import { toWebhook } from "../db/webhooks";
import { collectionConfig } from "../db/collection-config";
import { responseEvents } from "../domain/events";
import { emit } from "../emit";
import { randomToken, sha256Hex } from "../domain/crypto";
import { buildResponse, canonicalJson } from "../domain/ingest";
import { ApiError, notFound, validationFailed } from "../errors";
import { allowOrigin, assertOrigin } from "../middleware/cors";
import { limitBody } from "../middleware/body-limit";
import { jsonBody } from "../middleware/validate";
import { declare, errors, json, router } from "../openapi";
import { alreadyAnswered, isBallotAlreadyCast, verifyRespondent } from "../identity";
import { checkEmployeeRateLimit, checkSiteRateLimit, checkVisitorRateLimit } from "../abuse/rate-limit";
import { verifyTurnstile } from "../abuse/turnstile";

const IdempotencyKey = z.uuid();

function idempotencyKeyOf(c: Context, fromBody: string | null | undefined): string | null {
  // The body wins: navigator.sendBeacon cannot set headers.
  if (fromBody) return fromBody.toLowerCase();
  const header = c.req.header("idempotency-key");
  if (header === undefined) return null;
  if (!IdempotencyKey.safeParse(header).success) throw validationFailed([{ path: "Idempotency-Key", message: "must be a UUID" }]);
  return header.toLowerCase();
}

/** The first answer again, as it was stored (its status is always 201: only a stored answer is remembered). */
function replay(c: Context, answer: RememberedAnswer, requestHash: string) {
  if (answer.requestHash !== requestHash) {
    throw new ApiError(422, "idempotency_conflict", "This Idempotency-Key was already used with a different payload");
  }
  return c.json(JSON.parse(answer.body) as ResponseCreated, 201, { "Idempotent-Replayed": "true" });
}

const isDuplicateKey = (error: unknown) => error instanceof Error && /UNIQUE constraint failed: idempotency_keys/.test(error.message);
// Our own response id, fixed before the first try: a retry that finds it stored means the first try
// committed although its answer was lost on the way back.
const isOwnRowAlreadyStored = (error: unknown) => error instanceof Error && /UNIQUE constraint failed: responses\.(id|followup_hash)/.test(error.message);

const route = createRoute({
  method: "post",
  path: "/",
  summary: "Submit a response (Origin must be one of the site's)",
  security: [],
  middleware: [limitBody(), jsonBody()],
  request: {
    // text/plain: navigator.sendBeacon and preflight-free fetches send only CORS-safelisted types; the body is JSON either way.
    body: { required: true, content: { "application/json": { schema: ResponseInput }, "text/plain": { schema: ResponseInput } } },
  },
  responses: {
    201: json("Stored (or a repeat of the same Idempotency-Key, with Idempotent-Replayed: true); followUp lets the respondent read replies", ResponseCreated),
    ...errors([400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503], {
      401: "respondent_unverified: the site requires a verified employee (Cloudflare Access JWT or respondent token) and the request does not prove one",
      403: "origin_not_allowed: the Origin is not one of the site's; turnstile_failed: the Turnstile token is missing or not valid",
      404: "not_found: no such site, or no such active survey",
      409: "already_answered: this employee already answered this survey in this period (sites with identity)",
      422: "validation_failed (score, comment, service, topic, segment...), or idempotency_conflict: the same key with a different payload",
      503: "unavailable (Retry-After): a check could not run (D1 overloaded, Turnstile or Access's signing keys unreachable); nothing was stored",
    }),
  },
});

/** Collection (public): the widget's answers, checked against the site's origins and the survey. */
export const responses = router().openapi(
  ...declare(route, async (c) => {
    const input = c.req.valid("json");
    const db = c.env.DB;
    const key = idempotencyKeyOf(c, input.idempotencyKey);
    // The answer itself: credentials (the Turnstile and respondent tokens, fresh on each try) are not part of it, so an
    // honest retry with a new token still replays the first answer.
    const requestHash = key ? await sha256Hex(canonicalJson({ ...input, idempotencyKey: null, turnstile: null, respondent: null })) : "";

    // The site's ceiling before any D1 read, so a flood aimed at one site costs D1 nothing (429 with
    // Retry-After; the widget's queue retries). The site's origins are not known yet; a 429 reveals
    // nothing, so the page may read it whatever its origin, rather than seeing a network error.
    try {
      await checkSiteRateLimit(c.env, input.site);
    } catch (error) {
      const origin = c.req.header("origin");
      if (origin && error instanceof ApiError && error.status === 429) allowOrigin(c, origin);
      throw error;
    }

    // Usually no round trip at all: each isolate keeps the config it read for a few seconds.
    const { siteRow, surveyRow, webhookRows } = await collectionConfig(db, input.site, input.survey);
    if (!siteRow) throw notFound("site");
    const site = toSite(siteRow);
    const survey = surveyRow ? toSurvey(surveyRow) : null;
    if (!survey || !survey.active) throw notFound("survey");
    assertOrigin(c, site.origins);
    // One visitor, or on an intranet one office network: how they are told apart depends on the site.
    await checkVisitorRateLimit(c.env, db, site, c.req.raw);

    // The honeypot: only a bot fills the hidden field. It gets what an answer gets, and nothing is kept.
    if (input.website) {
      console.log("honeypot: an answer discarded");
      return c.json({ id: crypto.randomUUID(), followUp: randomToken(24) }, 201);
    }

    // A repeat is found out by the write itself: the key's row goes into the same batch, and a repeat
    // fails on it and replays (below). Except where a check cannot pass twice (a single-use Turnstile
    // token, a respondent token that expired since): there the key is looked up before the checks.
    const identity = identityOf(siteRow);
    const turnstile = turnstileOf(siteRow);
    if (key && (identity || turnstile)) {
      const previous = await findAnswer(db, site.id, key);
      if (previous) return replay(c, previous, requestHash);
    }
    // A verified employee's team and role, and their ballot (null unless the site requires identity).
    const respondent = await verifyRespondent(db, site, identity, survey.id, c.req.raw, input);
    // Colleagues share an IP and a browser build; a verified employee is limited as themselves.
    if (respondent) await checkEmployeeRateLimit(c.env, db, site, respondent.subject);
    if (turnstile) await verifyTurnstile(turnstile.secret, input.turnstile, site.origins, key);

    const followUp = randomToken(24);
    const record = buildResponse(site, survey, respondent ? { ...input, segment: { ...input.segment, ...respondent.segment } } : input, { id: crypto.randomUUID(), followUpHash: await sha256Hex(followUp) }, Date.now());
    const created: ResponseCreated = { id: record.id, followUp };
    const body = JSON.stringify(created);
    // The key's row first: a repeat fails on it before doing any other work, and the transaction rolls back.
    const statements = [...(key ? [rememberAnswerStatement(db, site.id, key, { requestHash, status: 201, body }, Date.now())] : []), ...insertResponseStatements(db, record, site.audience)];
    if (respondent) statements.push(respondent.ballot); // last: a same-key race replays rather than 409
    try {
      await db.batch(statements);
    } catch (error) {
      // A repeat, or a concurrent request with the same key that won the race: its transaction holds,
      // ours rolled back, and we answer what it answered.
      if (key && isDuplicateKey(error)) {
        const winner = await findAnswer(db, site.id, key);
        if (winner) return replay(c, winner, requestHash);
      }
      if (isBallotAlreadyCast(error)) throw alreadyAnswered();
      if (!isOwnRowAlreadyStored(error)) throw error;
    }
    // An employee's answer sends no event of its own: its period's release sends `period.closed`.
    if (site.audience === "external") await emit(c.env, responseEvents(record, site.audience), webhookRows.map(toWebhook));
    return c.json(created, 201);
  }),
);
