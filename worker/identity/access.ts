import type { AccessIdentity } from "../../schema/identity";
import type { z } from "zod";
import { ApiError } from "../errors";
import { decodeBase64Url, decodeJsonPart } from "./base64url";
import { CLOCK_SKEW_SECONDS, unverified, type Verified } from "./verified";

type AccessConfig = z.infer<typeof AccessIdentity>;
type Keys = { keys: Map<string, JsonWebKey>; fetchedAt: number };

/** Signing keys are kept this long before they are fetched again (Access rotates them every 6 weeks). */
export const KEYS_TTL_MS = 3_600_000;
/** A token signed by a key we do not hold refetches the keys (rotation), at most this often per team. */
export const UNKNOWN_KID_REFETCH_MS = 30_000;
/** When the certs cannot be fetched, keys this old may still verify (stale-if-error). */
const STALE_KEYS_MAX_MS = 24 * 3_600_000;
const FETCH_TIMEOUT_MS = 5_000;
const RS256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

// Module memory, per isolate: plain JWK data only (no I/O objects cross requests).
const cache = new Map<string, Keys>();

const certsUnavailable = () =>
  new ApiError(
    503,
    "unavailable",
    "Cloudflare Access's signing keys cannot be fetched; nothing was stored, try again shortly",
    undefined,
    { "Retry-After": "30" },
  );

async function fetchKeys(teamDomain: string, now: number): Promise<Keys> {
  let body: { keys?: unknown };
  try {
    const answer = await fetch(`${teamDomain}/cdn-cgi/access/certs`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!answer.ok) throw new Error(`answered ${answer.status}`);
    body = (await answer.json()) as { keys?: unknown };
    if (!Array.isArray(body.keys)) throw new Error("no keys array");
  } catch (error) {
    console.warn(
      `access certs of ${teamDomain} unavailable:`,
      error instanceof Error ? error.message : "unknown error",
    );
    throw certsUnavailable();
  }
  const keys = new Map<string, JsonWebKey>();
  for (const key of body.keys as (JsonWebKey & { kid?: unknown })[]) {
    if (
      key &&
      key.kty === "RSA" &&
      typeof key.kid === "string" &&
      typeof key.n === "string" &&
      typeof key.e === "string"
    ) {
      keys.set(key.kid, { kty: "RSA", n: key.n, e: key.e });
    }
  }
  const entry = { keys, fetchedAt: now };
  cache.set(teamDomain, entry);
  return entry;
}

/** The team's public key with this id: from memory while fresh; refetched when old or on an unknown id. */
async function signingKey(teamDomain: string, kid: string, now: number): Promise<JsonWebKey | null> {
  const cached = cache.get(teamDomain);
  const age = cached ? now - cached.fetchedAt : Infinity;
  if (cached && age < KEYS_TTL_MS && cached.keys.has(kid)) return cached.keys.get(kid)!;
  // A burst of tokens with made-up key ids must not become a burst of fetches.
  if (cached && age < UNKNOWN_KID_REFETCH_MS) return null;
  try {
    return (await fetchKeys(teamDomain, now)).keys.get(kid) ?? null;
  } catch (error) {
    if (cached && age < STALE_KEYS_MAX_MS && cached.keys.has(kid)) return cached.keys.get(kid)!;
    throw error;
  }
}

const claimAt = (payload: Record<string, unknown>, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>(
      (value, name) => (value && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined),
      payload,
    );

/**
 * Verifies the `Cf-Access-Jwt-Assertion` JWT that Cloudflare Access adds to requests it let through
 * (developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/validating-json/): RS256
 * signature by one of the team's keys, `iss` the team domain, `aud` the application's tag, `exp` in
 * the future, `nbf` and `iat` not in it (RFC 7519 §4.1, with a minute of clock skew).
 */
export async function verifyAccessJwt(config: AccessConfig, jwt: string | undefined, nowMs: number): Promise<Verified> {
  if (!jwt)
    throw unverified(
      "no Cloudflare Access credential (Cf-Access-Jwt-Assertion); put Access in front of this Worker's route",
    );
  const parts = jwt.split(".");
  const header = parts.length === 3 ? decodeJsonPart(parts[0]!) : null;
  const payload = header ? decodeJsonPart(parts[1]!) : null;
  const signature = payload ? decodeBase64Url(parts[2]!) : null;
  if (!header || !payload || !signature) throw unverified("the Access credential is not a JWT");
  if (header.alg !== "RS256" || typeof header.kid !== "string")
    throw unverified("the Access credential is not signed with RS256 by a key id");

  const jwk = await signingKey(config.teamDomain, header.kid, nowMs);
  if (!jwk) throw unverified("the Access credential is signed by a key the team does not publish");
  const key = await crypto.subtle.importKey("jwk", jwk, RS256, false, ["verify"]);
  if (!(await crypto.subtle.verify(RS256, key, signature, new TextEncoder().encode(`${parts[0]}.${parts[1]}`)))) {
    throw unverified("the Access credential's signature does not verify");
  }

  const now = nowMs / 1000;
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (payload.iss !== config.teamDomain) throw unverified("the Access credential was issued by another team");
  if (!audiences.includes(config.aud)) throw unverified("the Access credential is for another application (aud)");
  if (typeof payload.exp !== "number" || payload.exp <= now - CLOCK_SKEW_SECONDS)
    throw unverified("the Access credential has expired");
  for (const claim of ["nbf", "iat"] as const) {
    const value = payload[claim];
    if (value !== undefined && (typeof value !== "number" || value > now + CLOCK_SKEW_SECONDS))
      throw unverified(`the Access credential's ${claim} is in the future`);
  }
  // Access's user id; service tokens have none, and the email is never used.
  if (typeof payload.sub !== "string" || payload.sub.length === 0)
    throw unverified("the Access credential names no user (a service token cannot answer)");
  return {
    subject: payload.sub,
    team: claimAt(payload, config.claims.team),
    role: claimAt(payload, config.claims.role),
  };
}
