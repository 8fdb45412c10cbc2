import { ApiError } from "../errors";

/** Who answered, as a verified credential says: a stable pseudonym for the ballot, and the claims. */
export type Verified = { subject: string; team: unknown; role: unknown };

/** Tolerated clock difference between the credential's issuer and the Worker (seconds). */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * 401: the site requires a verified employee and the request does not prove one. The reason names
 * what is wrong, never the credential's content (no token, email or subject in messages or logs).
 */
export const unverified = (reason: string) =>
  new ApiError(401, "respondent_unverified", `This site requires a verified employee: ${reason}. Nothing was stored.`);
