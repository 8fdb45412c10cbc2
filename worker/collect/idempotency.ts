import { z } from "@hono/zod-openapi";
import type { ResponseCreated, ResponseInput } from "../../schema/response";
import type { RememberedAnswer } from "../db/idempotency";
import { digestsEqual, sha256Hex } from "../domain/crypto";
import { canonicalJson } from "../domain/ingest";
import { ApiError, validationFailed } from "../errors";

const IdempotencyKey = z.uuid();

/** The answer's Idempotency-Key, lower-cased; the body wins, since navigator.sendBeacon cannot set headers. */
export function idempotencyKeyOf(fromBody: string | null | undefined, header: string | undefined): string | null {
  if (fromBody) return fromBody.toLowerCase();
  if (header === undefined) return null;
  if (!IdempotencyKey.safeParse(header).success)
    throw validationFailed([{ path: "Idempotency-Key", message: "must be a UUID" }]);
  return header.toLowerCase();
}

/**
 * The answer itself: credentials (the Turnstile and respondent tokens, fresh on each try) are not part of it, so
 * an honest retry with a new token still replays the first answer.
 */
export const requestHashOf = (input: ResponseInput) =>
  sha256Hex(canonicalJson({ ...input, idempotencyKey: null, turnstile: null, respondent: null }));

/**
 * The first answer again, as it was stored (only a stored answer, a 201, is remembered). Its follow-up token is
 * the respondent's whole identity: where a site verifies employees, only the one who answered gets it back
 * (`withFollowUp`); anyone else who holds the key learns that the answer was stored, and its id.
 */
export function replayOf(answer: RememberedAnswer, requestHash: string, withFollowUp = true): ResponseCreated {
  if (answer.requestHash !== requestHash) {
    throw new ApiError(422, "idempotency_conflict", "This Idempotency-Key was already used with a different payload");
  }
  const created = JSON.parse(answer.body) as ResponseCreated;
  return withFollowUp ? created : { id: created.id };
}

/** Whether a replay comes from the employee who answered: both are hashes of a verified subject, and equal. */
export const isSameRespondent = (answer: RememberedAnswer, replayer: string | null) =>
  answer.respondentHash !== null && replayer !== null && digestsEqual(answer.respondentHash, replayer);

export const isDuplicateKey = (error: unknown) =>
  error instanceof Error && /UNIQUE constraint failed: idempotency_keys/.test(error.message);

// Our own response id, fixed before the first try: a retry that finds it stored means the first try
// committed although its answer was lost on the way back.
export const isOwnRowAlreadyStored = (error: unknown) =>
  error instanceof Error && /UNIQUE constraint failed: responses\.(id|followup_hash)/.test(error.message);
