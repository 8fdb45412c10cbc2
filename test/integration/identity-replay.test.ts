import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, countRows } from "./helpers";
import { answerAs, INTRANET, respondentToken, tokenSite } from "./respondent-tokens";

type Created = { id: string; followUp?: string };

async function replayOf(response: Response): Promise<Created> {
  expect(response.status).toBe(201);
  expect(response.headers.get("idempotent-replayed")).toBe("true");
  return (await response.json()) as Created;
}

/** The follow-up token is the respondent's whole identity: with it anyone reads, replies and deletes. */
const readsThread = async (token: string) =>
  (await api(`/v1/followups/${token}`, { headers: { origin: INTRANET } })).status === 200;

describe("an idempotent replay on a site that verifies employees", () => {
  it("hands the follow-up token only to the employee who answered; anyone else gets the answer without it", async () => {
    const target = await tokenSite();
    const ana = `employee-${crypto.randomUUID()}`;
    const idempotencyKey = crypto.randomUUID();
    const first = await answerAs(target, await respondentToken(ana), { idempotencyKey });
    expect(first.status).toBe(201);
    const { id, followUp } = (await first.json()) as Created;
    expect(followUp).toEqual(expect.any(String));

    // Whoever learns the key (a shared computer's queue, a log of the header) and sends no credential.
    expect(await replayOf(await answerAs(target, undefined, { idempotencyKey }))).toEqual({ id });
    // Another verified employee with the same key.
    const bob = await respondentToken(`employee-${crypto.randomUUID()}`);
    expect(await replayOf(await answerAs(target, bob, { idempotencyKey }))).toEqual({ id });
    // A forged or expired credential is not the employee either.
    expect(await replayOf(await answerAs(target, `${await respondentToken(ana)}x`, { idempotencyKey }))).toEqual({
      id,
    });
    expect(await replayOf(await answerAs(target, await respondentToken(ana, -120), { idempotencyKey }))).toEqual({
      id,
    });

    // The employee's own retry, with a fresh token, still gets the first answer whole.
    expect(await replayOf(await answerAs(target, await respondentToken(ana), { idempotencyKey }))).toEqual({
      id,
      followUp,
    });
    expect(await readsThread(followUp!)).toBe(true);
    expect(await countRows("responses", "site_id = ?", target.site)).toBe(1);
  });

  it("keeps only a keyed hash of the employee with the key, different for each key, never the subject", async () => {
    const target = await tokenSite();
    const subject = `employee-${crypto.randomUUID()}`;
    const other = await tokenSite();
    for (const site of [target, other]) {
      expect(
        (await answerAs(site, await respondentToken(subject), { idempotencyKey: crypto.randomUUID() })).status,
      ).toBe(201);
    }
    const rows = await env.DB.prepare("SELECT * FROM idempotency_keys WHERE site_id IN (?, ?)")
      .bind(target.site, other.site)
      .all<{ respondent_hash: string | null }>();
    const hashes = rows.results.map((row) => row.respondent_hash);
    expect(hashes).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);
    // Two answers of the same employee cannot be linked by their hashes.
    expect(hashes[0]).not.toBe(hashes[1]);
    expect(JSON.stringify(rows.results)).not.toContain(subject);
  });

  it("two employees racing with one key: only the one whose answer was stored gets its token", async () => {
    const target = await tokenSite();
    const idempotencyKey = crypto.randomUUID();
    const tokens = await Promise.all([1, 2].map(() => respondentToken(`employee-${crypto.randomUUID()}`)));
    const answers = await Promise.all(tokens.map((token) => answerAs(target, token, { idempotencyKey })));
    const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as Created[];
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect(bodies[0]!.id).toBe(bodies[1]!.id);
    expect(bodies.filter((body) => body.followUp !== undefined)).toHaveLength(1);
    expect(await countRows("responses", "site_id = ?", target.site)).toBe(1);
  });
});
