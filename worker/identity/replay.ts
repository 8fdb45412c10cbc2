import { hmacSha256Hex } from "../domain/crypto";

/**
 * Who answered, as the idempotency record keeps it on a site that verifies employees, so that a replay hands
 * the follow-up token (the respondent's whole identity) only to the same employee. A keyed hash of the verified
 * subject under the site's ballot key, which never leaves the Worker: a subject guessed from outside cannot be
 * checked against it. Bound to the idempotency key, so one employee's answers get unrelated hashes and cannot
 * be linked to each other. It lives as long as the record (purged after 48 hours). Newlines separate the parts:
 * a ballot's message starts with a survey slug and `|`, so the two can never be the same message.
 */
export const replayHash = (ballotKey: string, idempotencyKey: string, subject: string): Promise<string> =>
  hmacSha256Hex(ballotKey, `replay\n${idempotencyKey}\n${subject}`);
