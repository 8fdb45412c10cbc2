import type { Audience } from "../../schema/common";
import type { IdentityConfig, IdentityInput } from "../../schema/identity";
import type { SiteIdentity } from "../db/identity";
import { validationFailed } from "../errors";

/**
 * The identity to store from a PUT of a site: only internal sites verify employees, and the token
 * secret is write-only, so a PUT may leave it out to keep the stored one (as webhooks' secrets).
 */
export function resolveIdentity(
  audience: Audience,
  input: IdentityInput | null | undefined,
  stored: SiteIdentity | null,
): IdentityConfig | null {
  if (!input) return null;
  if (audience !== "internal")
    throw validationFailed([{ path: "identity", message: "only internal sites verify employees" }]);
  if (input.verify === "access") return input;
  const secret = input.secret ?? (stored?.config.verify === "token" ? stored.config.secret : undefined);
  if (!secret)
    throw validationFailed([{ path: "identity.secret", message: "required when the site has no token secret yet" }]);
  return { ...input, secret };
}
