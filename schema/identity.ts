import * as z from "zod";

/**
 * Intranet identity: a site may require a verified employee (README: "Intranet identity"). The
 * segment dimensions below then come from the verified credential, never from the page.
 */
export const VERIFIED_DIMENSIONS = ["team", "role"] as const;

/** One ballot per employee per survey per period, in UTC (weeks start on Monday, quarters in Jan, Apr, Jul, Oct). */
export const BallotPeriod = z.enum(["day", "week", "month", "quarter"]);
export type BallotPeriod = z.infer<typeof BallotPeriod>;

/** The Access team's own domain: the JWT's issuer, and where its signing keys are published. */
const TeamDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^https:\/\/[a-z0-9][a-z0-9-]{0,62}\.cloudflareaccess\.com\/?$/, "must be https://<team>.cloudflareaccess.com")
  .transform((value) => value.replace(/\/$/, ""));

/** A dotted path into the JWT's payload, e.g. `custom.team` (Access puts IdP claims under `custom`). */
const ClaimPath = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}(\.[A-Za-z0-9_-]{1,64}){0,4}$/, "must be a dotted claim path such as custom.team");

export const AccessIdentity = z.strictObject({
  verify: z.literal("access"),
  teamDomain: TeamDomain,
  /** The Application Audience (AUD) tag of the Access application in front of the Worker. */
  aud: z.string().trim().min(1).max(256),
  claims: z
    .strictObject({ team: ClaimPath.default("custom.team"), role: ClaimPath.default("custom.role") })
    .default({ team: "custom.team", role: "custom.role" }),
  ballot: BallotPeriod.default("month"),
});

export const TokenIdentity = z.strictObject({
  verify: z.literal("token"),
  /** HMAC-SHA256 key shared with the intranet's server. Write-only; omit it to keep the stored one. */
  secret: z.string().min(32, "must be at least 32 characters").max(512).optional(),
  ballot: BallotPeriod.default("month"),
});

export const IdentityInput = z.discriminatedUnion("verify", [AccessIdentity, TokenIdentity]);
export type IdentityInput = z.infer<typeof IdentityInput>;

/** As stored: the token secret resolved (given now, or kept from before). */
export type IdentityConfig =
  | z.infer<typeof AccessIdentity>
  | (Omit<z.infer<typeof TokenIdentity>, "secret"> & { secret: string });

/** What the API shows: never the secret. */
export const IdentityView = z.discriminatedUnion("verify", [
  z.strictObject({
    verify: z.literal("access"),
    teamDomain: z.string(),
    aud: z.string(),
    claims: z.strictObject({ team: z.string(), role: z.string() }),
    ballot: BallotPeriod,
  }),
  z.strictObject({ verify: z.literal("token"), secretSet: z.literal(true), ballot: BallotPeriod }),
]);
export type IdentityView = z.infer<typeof IdentityView>;

export function identityView(config: IdentityConfig): IdentityView {
  return config.verify === "token" ? { verify: "token", secretSet: true, ballot: config.ballot } : config;
}
