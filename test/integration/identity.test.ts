import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Site } from "../../schema/config";
import { admin, adminOk, countRows, expectError, postResponse, seedSurvey, uid } from "./helpers";

const INTRANET = "https://intranet.example";
const EMAIL = "ana.lopez@corp.example";
const encoder = new TextEncoder();

const base64url = (data: ArrayBuffer | Uint8Array | string) =>
  btoa(String.fromCharCode(...(typeof data === "string" ? encoder.encode(data) : new Uint8Array(data))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

// ── Cloudflare Access: a team's key pairs, published as its certs by the fake in test/fake-access.ts ──

type KeyPair = { kid: string; privateKey: CryptoKey; jwk: JsonWebKey };

async function keyPair(): Promise<KeyPair> {
  const algorithm = {
    name: "RSASSA-PKCS1-v1_5",
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: "SHA-256",
  };
  const { privateKey, publicKey } = (await crypto.subtle.generateKey(algorithm, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const kid = crypto.randomUUID().replaceAll("-", "");
  const { kty, n, e } = (await crypto.subtle.exportKey("jwk", publicKey)) as JsonWebKey;
  return { kid, privateKey, jwk: { kid, kty, n, e, alg: "RS256", use: "sig" } as JsonWebKey };
}

/** Serves these keys as the team's certs, the way Access does (`{keys, public_cert, public_certs}`). */
async function publish(team: string, ...pairs: KeyPair[]) {
  const response = await fetch(`https://hooks.test/access/${team}/jwks`, {
    method: "PUT",
    body: JSON.stringify({ keys: pairs.map((pair) => pair.jwk), public_cert: {}, public_certs: [] }),
  });
  expect(response.status).toBe(204);
}
const certsFetched = async (team: string) =>
  ((await (await fetch(`https://hooks.test/access/${team}/hits`)).json()) as { hits: number }).hits;

async function signJwt(
  pair: KeyPair,
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Promise<string> {
  const encodedHeader = base64url(JSON.stringify({ alg: "RS256", kid: pair.kid, typ: "JWT", ...header }));
  const signingInput = `${encodedHeader}.${base64url(JSON.stringify(payload))}`;
  const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", pair.privateKey, encoder.encode(signingInput));
  return `${signingInput}.${base64url(signature)}`;
}

type AccessSite = { site: string; survey: string; team: string; teamDomain: string; aud: string; key: KeyPair };

/** An internal site behind Access (a fresh team with one published key), with one CSAT survey. */
async function accessSite(
  identity: Record<string, unknown> = {},
  dimensions = ["team", "role", "office"],
): Promise<AccessSite> {
  const { site, survey } = await seedSurvey(
    { kind: "csat" },
    { audience: "internal", dimensions, origins: [INTRANET] },
  );
  const team = uid("team");
  const teamDomain = `https://${team}.cloudflareaccess.com`;
  const aud = crypto.randomUUID().replaceAll("-", "") + crypto.randomUUID().replaceAll("-", "");
  await adminOk("PUT", `/v1/sites/${site}`, {
    name: "Intranet",
    audience: "internal",
    origins: [INTRANET],
    dimensions,
    identity: { verify: "access", teamDomain, aud, ...identity },
  });
  const key = await keyPair();
  await publish(team, key);
  return { site, survey, team, teamDomain, aud, key };
}

/**
 * What Access puts in an application token
 * (developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/application-token/).
 */
function accessClaims(target: AccessSite, overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    aud: [target.aud],
    email: EMAIL,
    exp: now + 600,
    iat: now,
    nbf: now,
    iss: target.teamDomain,
    type: "app",
    identity_nonce: "6ei69kawdKzMIAPF",
    sub: "7335d417-61da-459d-899c-0a01c76a7e0f",
    country: "PL",
    custom: { team: "sales", role: "manager" },
    ...overrides,
  };
}

const answerWithJwt = (
  target: { site: string; survey: string },
  jwt: string | null,
  body: Record<string, unknown> = {},
) =>
  postResponse(
    { site: target.site, survey: target.survey, score: 4, ...body },
    { origin: INTRANET, headers: jwt ? { "cf-access-jwt-assertion": jwt } : {} },
  );

async function storedRow(id: string) {
  return (await env.DB.prepare("SELECT * FROM responses WHERE id = ?").bind(id).first<Record<string, unknown>>())!;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("intranet identity: Cloudflare Access", () => {
  it("accepts a valid Access JWT and takes the segment's team and role from its claims", async () => {
    const target = await accessSite();
    const response = await answerWithJwt(target, await signJwt(target.key, accessClaims(target)), {
      segment: { office: "krakow" },
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(JSON.parse((await storedRow(id)).segment as string)).toEqual({
      office: "krakow",
      role: "manager",
      team: "sales",
    });
  });

  it("refuses a missing, malformed, self-signed, expired, other-audience, other-issuer or user-less JWT (401), storing nothing", async () => {
    const target = await accessSite();
    const stranger = await keyPair();
    const impostor = { ...stranger, kid: target.key.kid }; // a key of its own, under the team's key id
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string | null][] = [
      ["missing", null],
      ["not a JWT", "not.a.jwt"],
      ["self-signed, unknown key id", await signJwt(stranger, accessClaims(target))],
      ["self-signed, the team's key id", await signJwt(impostor, accessClaims(target))],
      ["HS256 instead of RS256", await signJwt(target.key, accessClaims(target), { alg: "HS256" })],
      [
        "expired",
        await signJwt(target.key, accessClaims(target, { exp: now - 120, iat: now - 3600, nbf: now - 3600 })),
      ],
      ["for another application", await signJwt(target.key, accessClaims(target, { aud: ["0".repeat(64)] }))],
      [
        "issued by another team",
        await signJwt(target.key, accessClaims(target, { iss: "https://other-team.cloudflareaccess.com" })),
      ],
      ["not yet valid", await signJwt(target.key, accessClaims(target, { nbf: now + 3600 }))],
      ["a service token (no user)", await signJwt(target.key, accessClaims(target, { sub: "" }))],
    ];
    for (const [name, jwt] of cases) {
      const error = await expectError(await answerWithJwt(target, jwt), 401, "respondent_unverified");
      expect(error.message, name).toMatch(/verified employee/);
    }
    const valid = await signJwt(target.key, accessClaims(target));
    const [header, payload] = valid.split(".");
    const otherTeam = accessClaims(target, { custom: { team: "legal", role: "manager" } });
    const tampered = `${header}.${base64url(JSON.stringify(otherTeam))}.${valid.split(".")[2]}`;
    expect(payload).not.toBe(tampered.split(".")[1]);
    await expectError(await answerWithJwt(target, tampered), 401, "respondent_unverified");
    expect(await countRows("responses", "site_id = ?", target.site)).toBe(0);
    expect(await countRows("rollups", "site_id = ?", target.site)).toBe(0);
  });

  it("does not let the page set team or role (422), while the site's other dimensions still come from it", async () => {
    const target = await accessSite();
    const jwt = await signJwt(target.key, accessClaims(target));
    for (const segment of [{ team: "legal" }, { role: "ceo", office: "krakow" }]) {
      const error = await expectError(await answerWithJwt(target, jwt, { segment }), 422, "validation_failed");
      expect(error.details!.map((d) => d.path)).toEqual(
        Object.keys(segment)
          .filter((key) => key !== "office")
          .map((key) => `segment.${key}`),
      );
    }
    expect(await countRows("responses", "site_id = ?", target.site)).toBe(0);
  });

  it("reads claims from the configured paths, and keeps only the site's dimensions", async () => {
    const target = await accessSite({ claims: { team: "org.department", role: "custom.title" } }, ["team"]);
    const claims = accessClaims(target, { org: { department: "finance" }, custom: { title: "analyst" } });
    const response = await answerWithJwt(target, await signJwt(target.key, claims));
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(JSON.parse((await storedRow(id)).segment as string)).toEqual({ team: "finance" });
    // A claim that is not a segment value is the IdP's mistake, said plainly rather than dropped.
    const bad = await signJwt(
      target.key,
      accessClaims(target, { org: { department: ["a", "b"] }, sub: crypto.randomUUID() }),
    );
    const error = await expectError(await answerWithJwt(target, bad), 422, "validation_failed");
    expect(error.details![0]!.path).toBe("respondent.team");
  });

  it("keeps the team's keys in memory, and follows a key rotation (refetching at most every 30 seconds)", async () => {
    const target = await accessSite();
    const start = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(start);
    const answer = async (key: KeyPair) =>
      answerWithJwt(target, await signJwt(key, accessClaims(target, { sub: crypto.randomUUID() })));
    expect((await answer(target.key)).status).toBe(201);
    expect((await answer(target.key)).status).toBe(201);
    expect(await certsFetched(target.team)).toBe(1);

    // Access publishes the next key and starts signing with it.
    const next = await keyPair();
    await publish(target.team, target.key, next);
    clock.mockReturnValue(start + 10_000);
    await expectError(await answer(next), 401, "respondent_unverified"); // keys fetched 10 s ago: not again yet
    expect(await certsFetched(target.team)).toBe(1);
    clock.mockReturnValue(start + 31_000);
    expect((await answer(next)).status).toBe(201);
    expect((await answer(target.key)).status).toBe(201);
    expect(await certsFetched(target.team)).toBe(2);

    // A retired key stops working once the cached keys are an hour old and fetched again.
    await publish(target.team, next);
    clock.mockReturnValue(start + 31_000 + 3_600_000);
    await expectError(await answer(target.key), 401, "respondent_unverified");
    expect((await answer(next)).status).toBe(201);
    expect(await certsFetched(target.team)).toBe(3);
  });

  it("answers 503 with Retry-After and stores nothing when the team's certs cannot be fetched", async () => {
    const target = await accessSite();
    expect((await fetch(`https://hooks.test/access/${target.team}/down`, { method: "POST" })).status).toBe(204);
    const jwt = await signJwt(target.key, accessClaims(target));
    const response = await answerWithJwt(target, jwt);
    await expectError(response, 503, "unavailable");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await countRows("responses", "site_id = ?", target.site)).toBe(0);
    // Back up: the widget's retry of the same answer lands.
    await publish(target.team, target.key);
    expect((await answerWithJwt(target, jwt)).status).toBe(201);
  });
});

describe("intranet identity: one ballot per employee, survey and period", () => {
  it("409 already_answered for a second answer in the period; another survey or employee is fine; a retry replays", async () => {
    const target = await accessSite();
    const other = await adminOk<{ id: string }>("PUT", `/v1/sites/${target.site}/surveys/${uid("survey")}`, {
      kind: "thumbs",
      question: { en: "Useful?" },
    });
    const ana = await signJwt(target.key, accessClaims(target));
    const idempotencyKey = crypto.randomUUID();
    const first = await answerWithJwt(target, ana, { idempotencyKey });
    expect(first.status).toBe(201);
    const firstBody = await first.text();

    const error = await expectError(await answerWithJwt(target, ana, { score: 2 }), 409, "already_answered");
    expect(error.message).not.toContain(EMAIL);
    // The widget's retry of the first answer (same key) is not a second ballot: it replays.
    const retry = await answerWithJwt(target, ana, { idempotencyKey });
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.text()).toBe(firstBody);

    expect((await answerWithJwt({ site: target.site, survey: other.id }, ana, { score: 1 })).status).toBe(201);
    const bob = await signJwt(
      target.key,
      accessClaims(target, { sub: crypto.randomUUID(), email: "bob@corp.example" }),
    );
    expect((await answerWithJwt(target, bob)).status).toBe(201);
    expect(await countRows("responses", "site_id = ? AND survey_id = ?", target.site, target.survey)).toBe(2);
  });

  it("opens a new ballot when the period turns (a daily ballot, the clock moved a day)", async () => {
    const target = await accessSite({ ballot: "day" });
    const clock = vi.spyOn(Date, "now").mockReturnValue(Date.UTC(2031, 2, 14, 23, 59));
    expect((await answerWithJwt(target, await signJwt(target.key, accessClaims(target)))).status).toBe(201);
    await expectError(
      await answerWithJwt(target, await signJwt(target.key, accessClaims(target))),
      409,
      "already_answered",
    );
    clock.mockReturnValue(Date.UTC(2031, 2, 15, 0, 1));
    expect((await answerWithJwt(target, await signJwt(target.key, accessClaims(target)))).status).toBe(201);
  });

  it("keeps a ballot as one keyed hash: nothing that names the employee, site, survey or time", async () => {
    const target = await accessSite();
    const sub = crypto.randomUUID();
    const before = await countRows("ballots", "1");
    expect((await answerWithJwt(target, await signJwt(target.key, accessClaims(target, { sub })))).status).toBe(201);
    const columns = (
      await env.DB.prepare("SELECT name FROM pragma_table_info('ballots')").all<{ name: string }>()
    ).results.map((c) => c.name);
    expect(columns).toEqual(["hash"]);
    expect(await countRows("ballots", "1")).toBeGreaterThanOrEqual(before + 1);
    for (const needle of [sub, target.site, target.survey, EMAIL])
      expect(await countRows("ballots", "instr(hash, ?) > 0", needle)).toBe(0);
  });
});

// ── Respondent tokens made by the intranet's own server ──

const SECRET = "a-long-random-secret-shared-with-the-intranet-server";

async function respondentToken(payload: Record<string, unknown>, secret = SECRET): Promise<string> {
  const body = base64url(JSON.stringify(payload));
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return `${body}.${base64url(await crypto.subtle.sign("HMAC", key, encoder.encode(body)))}`;
}

async function tokenSite() {
  const { site, survey } = await seedSurvey(
    { kind: "nps" },
    { audience: "internal", dimensions: ["team", "role"], origins: [INTRANET] },
  );
  await adminOk("PUT", `/v1/sites/${site}`, {
    name: "Intranet",
    audience: "internal",
    origins: [INTRANET],
    dimensions: ["team", "role"],
    identity: { verify: "token", secret: SECRET },
  });
  return { site, survey };
}

const tokenClaims = (overrides: Record<string, unknown> = {}) => ({
  sub: crypto.randomUUID(),
  team: "support",
  role: "agent",
  exp: Math.floor(Date.now() / 1000) + 300,
  ...overrides,
});

const answerWithToken = (
  target: { site: string; survey: string },
  respondent: string | undefined,
  body: Record<string, unknown> = {},
) => postResponse({ site: target.site, survey: target.survey, score: 9, respondent, ...body }, { origin: INTRANET });

describe("intranet identity: respondent tokens", () => {
  it("accepts a valid token and takes team and role from it", async () => {
    const target = await tokenSite();
    const response = await answerWithToken(target, await respondentToken(tokenClaims()));
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(JSON.parse((await storedRow(id)).segment as string)).toEqual({ role: "agent", team: "support" });
  });

  it("refuses a missing, malformed, wrongly signed, tampered, expired or long-lived token, or an email as sub (401)", async () => {
    const target = await tokenSite();
    const now = Math.floor(Date.now() / 1000);
    const valid = await respondentToken(tokenClaims());
    const cases: [string, string | undefined][] = [
      ["missing", undefined],
      ["malformed", "not a token"],
      [
        "signed with another secret",
        await respondentToken(tokenClaims(), "another-secret-of-at-least-thirty-two-chars"),
      ],
      ["payload tampered with", `${base64url(JSON.stringify(tokenClaims({ team: "legal" })))}.${valid.split(".")[1]}`],
      ["expired", await respondentToken(tokenClaims({ exp: now - 120 }))],
      ["valid for a day", await respondentToken(tokenClaims({ exp: now + 86_400 }))],
      ["no exp", await respondentToken(tokenClaims({ exp: undefined }))],
      ["no sub", await respondentToken(tokenClaims({ sub: undefined }))],
      ["an email as sub", await respondentToken(tokenClaims({ sub: EMAIL }))],
    ];
    for (const [name, token] of cases) {
      const error = await expectError(await answerWithToken(target, token), 401, "respondent_unverified");
      expect(error.message, name).toMatch(/verified employee/);
      if (token) expect(error.message).not.toContain(token.split(".")[0]!.slice(0, 20));
    }
    expect(await countRows("responses", "site_id = ?", target.site)).toBe(0);
  });

  it("never shows the secret; a PUT may leave it out to keep it; only internal sites take identity", async () => {
    const target = await tokenSite();
    const shown = await adminOk<Site>("GET", `/v1/sites/${target.site}`);
    expect(shown.identity).toEqual({ verify: "token", secretSet: true, ballot: "month" });
    expect(JSON.stringify(shown)).not.toContain(SECRET);
    const listed = await adminOk("GET", "/v1/sites");
    expect(JSON.stringify(listed)).not.toContain(SECRET);

    const kept = await admin("PUT", `/v1/sites/${target.site}`, {
      name: "Renamed",
      audience: "internal",
      origins: [INTRANET],
      dimensions: ["team", "role"],
      identity: { verify: "token", ballot: "quarter" },
    });
    expect(kept.status).toBe(200);
    const keptText = await kept.text();
    expect(keptText).not.toContain(SECRET);
    expect(JSON.parse(keptText).identity).toEqual({ verify: "token", secretSet: true, ballot: "quarter" });
    expect((await answerWithToken(target, await respondentToken(tokenClaims()))).status).toBe(201);

    const fresh = uid("site");
    const noSecret = await expectError(
      await admin("PUT", `/v1/sites/${fresh}`, {
        name: "x",
        audience: "internal",
        origins: [INTRANET],
        identity: { verify: "token" },
      }),
      422,
      "validation_failed",
    );
    expect(noSecret.details![0]!.path).toBe("identity.secret");
    const short = await expectError(
      await admin("PUT", `/v1/sites/${fresh}`, {
        name: "x",
        audience: "internal",
        origins: [INTRANET],
        identity: { verify: "token", secret: "short" },
      }),
      422,
      "validation_failed",
    );
    expect(short.details![0]!.path).toBe("identity.secret");
    const external = await expectError(
      await admin("PUT", `/v1/sites/${fresh}`, {
        name: "x",
        audience: "external",
        origins: [INTRANET],
        identity: { verify: "token", secret: SECRET },
      }),
      422,
      "validation_failed",
    );
    expect(external.details![0]!.path).toBe("identity");
    const notAccess = await expectError(
      await admin("PUT", `/v1/sites/${fresh}`, {
        name: "x",
        audience: "internal",
        origins: [INTRANET],
        identity: { verify: "access", teamDomain: "https://evil.example", aud: "x" },
      }),
      422,
      "validation_failed",
    );
    expect(notAccess.details![0]!.path).toBe("identity.teamDomain");
    await expectError(await admin("GET", `/v1/sites/${fresh}`), 404, "not_found");

    // Turning identity off is a PUT without it; the answers then come from the page again.
    const off = await adminOk<Site>("PUT", `/v1/sites/${target.site}`, {
      name: "Renamed",
      audience: "internal",
      origins: [INTRANET],
      dimensions: ["team", "role"],
    });
    expect(off.identity).toBeNull();
    expect((await answerWithToken(target, undefined, { segment: { team: "support" } })).status).toBe(201);
  });
});

describe("intranet identity: what is never kept", () => {
  it("no stored column and no log line holds the email, the subject, the token or the JWT", async () => {
    const lines: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    }
    const access = await accessSite();
    const sub = crypto.randomUUID();
    const jwt = await signJwt(access.key, accessClaims(access, { sub }));
    const stranger = await signJwt(await keyPair(), accessClaims(access, { sub }));
    const token = await respondentToken(tokenClaims({ sub: `emp-${sub}` }));
    const tokens = await tokenSite();

    const ids: string[] = [];
    const keys = { idempotencyKey: crypto.randomUUID() };
    for (const response of [
      await answerWithJwt(access, jwt, keys),
      await answerWithToken(tokens, token, keys),
      await answerWithToken(tokens, token, keys),
    ]) {
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { id: string }).id);
    }
    // Failures too: a refused credential, a second ballot, certs down.
    await expectError(await answerWithJwt(access, stranger), 401, "respondent_unverified");
    await expectError(await answerWithJwt(access, jwt), 409, "already_answered");
    await expectError(await answerWithToken(tokens, `${token}x`), 401, "respondent_unverified");
    await fetch(`https://hooks.test/access/${access.team}/down`, { method: "POST" });
    const rotated = await signJwt(await keyPair(), accessClaims(access, { sub }));
    vi.spyOn(Date, "now").mockReturnValue(Date.now() + 3_700_000);
    await expectError(await answerWithJwt(access, rotated), 503, "unavailable");
    vi.mocked(Date.now).mockRestore();

    const needles = [EMAIL, sub, jwt, jwt.split(".")[1]!, jwt.split(".")[2]!, token, token.split(".")[1]!];
    for (const id of ids) {
      const row = JSON.stringify(await storedRow(id));
      for (const needle of needles) expect(row).not.toContain(needle);
    }
    const idempotency = JSON.stringify(
      (
        await env.DB.prepare("SELECT * FROM idempotency_keys WHERE site_id IN (?, ?)")
          .bind(access.site, tokens.site)
          .all()
      ).results,
    );
    expect(idempotency).toContain(keys.idempotencyKey);
    for (const needle of needles) expect(idempotency).not.toContain(needle);
    for (const line of lines) for (const needle of needles) expect(line).not.toContain(needle);
  });
});
