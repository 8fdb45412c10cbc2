import type { Site } from "../../schema/config";
import { VERIFIED_DIMENSIONS } from "../../schema/identity";
import { SegmentValue, type ResponseInput } from "../../schema/response";
import type { SiteIdentity } from "../db/identity";
import { ApiError, validationFailed, type Problem } from "../errors";
import { verifyAccessJwt } from "./access";
import { ballotHash, castBallotStatement, periodStart } from "./ballot";
import { replayHash } from "./replay";
import { verifyRespondentToken } from "./token";

export { alreadyAnswered, isBallotAlreadyCast } from "./ballot";
export { resolveIdentity } from "./config";
export { replayHash } from "./replay";

/**
 * A verified employee: the segment their credential gives, the ballot to cast with their answer, and their
 * subject, for the per-employee rate limit only (which hashes it; it is never stored, logged or answered).
 */
export type Respondent = { segment: Record<string, string>; ballot: D1PreparedStatement; subject: string };

/**
 * For a site that requires a verified employee (null for any other site): checks the Access JWT or
 * the respondent token, takes `team` and `role` from it, and prepares the ballot (one per employee,
 * survey and period). Throws 422 when the page sends those dimensions itself, 401 when the credential
 * is missing or fails, 503 when Access's keys cannot be fetched. Nothing of the credential is kept.
 */
export async function verifyRespondent(
  db: D1Database,
  site: Site,
  identity: SiteIdentity | null,
  survey: string,
  request: Request,
  input: ResponseInput,
  now = Date.now(),
): Promise<Respondent | null> {
  if (!identity) return null;
  // Refused rather than ignored: a page that sends them believes they count, and they would not.
  const sent = VERIFIED_DIMENSIONS.filter((dimension) => input.segment?.[dimension] !== undefined);
  if (sent.length > 0)
    throw validationFailed(
      sent.map((dimension) => ({
        path: `segment.${dimension}`,
        message: "comes from the verified employee on this site; the page may not send it",
      })),
    );

  const { config, ballotKey } = identity;
  const verified =
    config.verify === "access"
      ? await verifyAccessJwt(config, request.headers.get("cf-access-jwt-assertion") ?? undefined, now)
      : await verifyRespondentToken(config.secret, input.respondent, now);

  const segment: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const dimension of VERIFIED_DIMENSIONS) {
    const value = verified[dimension];
    if (value === undefined || value === null || !site.dimensions.includes(dimension)) continue;
    const parsed = SegmentValue.safeParse(value);
    if (parsed.success) segment[dimension] = parsed.data;
    else
      problems.push({
        path: `respondent.${dimension}`,
        message: `the verified ${dimension} is not a segment value: ${parsed.error.issues[0]?.message ?? "invalid"}`,
      });
  }
  if (problems.length > 0) throw validationFailed(problems);

  const hash = await ballotHash(ballotKey, survey, periodStart(config.ballot, now), verified.subject);
  return { segment, ballot: castBallotStatement(db, hash), subject: verified.subject };
}

/**
 * Who asks for an idempotent replay on a site that verifies employees: the keyed hash of the employee their
 * credential proves (replay.ts), or null when it proves none (no credential, a forged or expired one, claims
 * that are not segment values). A replay to null answers without the follow-up token. Access's certs out of
 * reach is not a "none": that stays a 503, so the widget retries and its employee can still get the token.
 */
export async function replayer(
  db: D1Database,
  site: Site,
  identity: SiteIdentity,
  survey: string,
  request: Request,
  input: ResponseInput,
  idempotencyKey: string,
): Promise<string | null> {
  try {
    const respondent = await verifyRespondent(db, site, identity, survey, request, input);
    return respondent ? await replayHash(identity.ballotKey, idempotencyKey, respondent.subject) : null;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 422)) return null;
    throw error;
  }
}
