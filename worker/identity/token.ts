import { decodeBase64Url, decodeJsonPart } from "./base64url";
import { CLOCK_SKEW_SECONDS, unverified, type Verified } from "./verified";

/** Respondent tokens are short-lived: one whose `exp` is further ahead than this is refused. */
export const MAX_TOKEN_LIFETIME_SECONDS = 3600;

/**
 * Verifies a respondent token made by the intranet's server (README: "Intranet identity"):
 * `base64url(JSON {sub, team?, role?, exp}) + "." + base64url(HMAC-SHA256(secret, first part))`.
 * The signature is checked (in constant time, by WebCrypto) before the payload is even parsed.
 */
export async function verifyRespondentToken(
  secret: string,
  token: string | null | undefined,
  nowMs: number,
): Promise<Verified> {
  if (!token) throw unverified("send the respondent token made by the intranet's server (field `respondent`)");
  const parts = token.split(".");
  const signature = parts.length === 2 ? decodeBase64Url(parts[1]!) : null;
  if (!signature) throw unverified("the respondent token is malformed (expected payload.signature, base64url)");
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  if (!(await crypto.subtle.verify("HMAC", key, signature, new TextEncoder().encode(parts[0])))) {
    throw unverified("the respondent token's signature does not match the site's secret");
  }
  const payload = decodeJsonPart(parts[0]!);
  if (!payload) throw unverified("the respondent token's payload is not a base64url JSON object");
  const { sub, exp, team, role } = payload;
  if (typeof sub !== "string" || sub.length === 0 || sub.length > 256)
    throw unverified("the respondent token has no `sub` (1 to 256 characters)");
  // The subject is only ever hashed, but an email here means the intranet sends more than it should.
  if (sub.includes("@"))
    throw unverified("the respondent token's `sub` must be an opaque pseudonym, not an email address");
  if (typeof exp !== "number" || !Number.isFinite(exp)) throw unverified("the respondent token has no numeric `exp`");
  const now = nowMs / 1000;
  if (exp <= now - CLOCK_SKEW_SECONDS) throw unverified("the respondent token has expired");
  if (exp > now + MAX_TOKEN_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS)
    throw unverified("the respondent token lives too long (`exp` at most one hour ahead)");
  return { subject: sub, team, role };
}
