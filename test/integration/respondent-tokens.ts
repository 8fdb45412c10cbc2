import { adminOk, postResponse, seedSurvey } from "./helpers";

/** An intranet that verifies employees by respondent token (README: "Intranet identity"), and its secret. */
export const INTRANET = "https://intranet.example";
export const RESPONDENT_SECRET = "a-long-random-secret-shared-with-the-intranet-server";

const encoder = new TextEncoder();
const base64url = (data: ArrayBuffer | string) =>
  btoa(String.fromCharCode(...(typeof data === "string" ? encoder.encode(data) : new Uint8Array(data))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** A respondent token as the intranet's server signs it; `expiresIn` seconds from now (negative: expired). */
export async function respondentToken(subject: string, expiresIn = 300): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) + expiresIn;
  const body = base64url(JSON.stringify({ sub: subject, team: "support", role: "agent", exp }));
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(RESPONDENT_SECRET),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return `${body}.${base64url(await crypto.subtle.sign("HMAC", key, encoder.encode(body)))}`;
}

/** An internal site that requires a respondent token, with one CSAT survey. */
export async function tokenSite() {
  const dimensions = ["team", "role"];
  const target = await seedSurvey({ kind: "csat" }, { audience: "internal", dimensions, origins: [INTRANET] });
  await adminOk("PUT", `/v1/sites/${target.site}`, {
    name: "Intranet",
    audience: "internal",
    origins: [INTRANET],
    dimensions,
    identity: { verify: "token", secret: RESPONDENT_SECRET },
  });
  return target;
}

/** Posts an answer from the intranet, as the widget would, with the given respondent token (or none). */
export const answerAs = (
  target: { site: string; survey: string },
  respondent: string | undefined,
  body: Record<string, unknown> = {},
) => postResponse({ site: target.site, survey: target.survey, score: 4, respondent, ...body }, { origin: INTRANET });
