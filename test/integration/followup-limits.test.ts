import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { checkReplyRateLimit } from "../../worker/abuse/rate-limit";
import { admin, adminOk, api, countRows, expectError, ORIGIN, postResponse, seedSurvey, uid } from "./helpers";

/**
 * A respondent's replies are bounded (issue 13, item 1): a few a minute per thread and per visitor, 50 per
 * answer in all, and the thread is read a page at a time. These go through the path form, which main has too.
 */

const VISITOR = { "cf-connecting-ip": "203.0.113.7", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" };

async function answer(site?: { site: string; survey: string }) {
  const target = site ?? (await seedSurvey({ kind: "csat" }));
  const response = await postResponse({ ...target, score: 2, comment: "The invoice page crashes" });
  return { ...target, ...((await response.json()) as { id: string; followUp: string }) };
}

const reply = (token: string, text: string, visitor: Record<string, string> = VISITOR) =>
  api(`/v1/followups/${token}/replies`, {
    method: "POST",
    headers: { origin: ORIGIN, "content-type": "text/plain", ...visitor },
    body: JSON.stringify({ text }),
  });

const thread = (token: string, query = "") => api(`/v1/followups/${token}${query}`, { headers: { origin: ORIGIN } });

/** Replies written straight into D1 (one a second, alternating authors), to reach a cap without waiting for limits. */
async function seedReplies(responseId: string, count: number, from: "respondent" | "alternate" = "respondent") {
  const start = Date.UTC(2026, 0, 1);
  await env.DB.batch(
    Array.from({ length: count }, (_, i) =>
      env.DB.prepare("INSERT INTO replies (id, response_id, author, text, created_at) VALUES (?, ?, ?, ?, ?)").bind(
        crypto.randomUUID(),
        responseId,
        from === "alternate" && i % 2 === 1 ? "team" : "respondent",
        `reply ${i}`,
        start + i * 1000,
      ),
    ),
  );
}

/** Waits, if needed, until a rate-limit window of `periodSeconds` has at least `needSeconds` left. */
async function freshWindow(periodSeconds: number, needSeconds: number) {
  const intoWindow = Date.now() % (periodSeconds * 1000);
  if (intoWindow > (periodSeconds - needSeconds) * 1000)
    await new Promise((resolve) => setTimeout(resolve, periodSeconds * 1000 - intoWindow + 50));
}

describe("a respondent's replies are capped per answer", () => {
  it("refuses the 51st reply with 409 reply_limit_reached, stores nothing, and lets the team still reply", async () => {
    const { id, followUp } = await answer();
    await seedReplies(id, 50);
    const error = await expectError(await reply(followUp, "one more"), 409, "reply_limit_reached");
    expect(error.message).toMatch(/50 replies/);
    expect(error.message).toMatch(/send a new answer/);
    expect(await countRows("replies", "response_id = ?", id)).toBe(50);
    expect((await admin("POST", `/v1/responses/${id}/replies`, { text: "We read all of them" })).status).toBe(201);
  });

  it("counts only the respondent's own replies: the team's do not use up the respondent's 50", async () => {
    const { id, followUp } = await answer();
    await seedReplies(id, 60, "alternate"); // 30 from the respondent, 30 from the team
    expect((await reply(followUp, "still here")).status).toBe(201);
  });

  it("lets no two replies sent at once pass the cap together", async () => {
    const { id, followUp } = await answer();
    await seedReplies(id, 49);
    const statuses = await Promise.all(
      [1, 2, 3].map((i) =>
        reply(followUp, `at once ${i}`, { ...VISITOR, "cf-connecting-ip": `203.0.113.${20 + i}` }).then(
          (r) => r.status,
        ),
      ),
    );
    expect(statuses.sort()).toEqual([201, 409, 409]);
    expect(await countRows("replies", "response_id = ? AND author = 'respondent'", id)).toBe(50);
  });
});

describe("a respondent's replies are rate limited", () => {
  it("allows 5 replies a minute in one thread, then 429 with Retry-After; other threads go on", async () => {
    const { id, followUp, site, survey } = await answer();
    const other = await answer({ site, survey });
    await freshWindow(60, 20);
    for (let i = 0; i < 5; i++)
      expect((await reply(followUp, `reply ${i}`, { ...VISITOR, "cf-connecting-ip": `198.51.100.${i}` })).status).toBe(
        201,
      );
    // A new IP for the sixth too: the thread's limit holds whoever sends.
    const limited = await reply(followUp, "reply 5", { ...VISITOR, "cf-connecting-ip": "198.51.100.99" });
    const error = await expectError(limited, 429, "rate_limited");
    expect(error.message).toBe("Too many replies in this thread; try again in 60 seconds");
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(limited.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(await countRows("replies", "response_id = ?", id)).toBe(5);
    expect(
      (await reply(other.followUp, "another thread", { ...VISITOR, "cf-connecting-ip": "198.51.100.98" })).status,
    ).toBe(201);
  }, 90_000);

  it("allows one visitor 10 replies a minute across threads (each answer gives a token)", async () => {
    const target = await seedSurvey({ kind: "csat" });
    const tokens = [(await answer(target)).followUp, (await answer(target)).followUp, (await answer(target)).followUp];
    const visitor = { ...VISITOR, "user-agent": `Bot/${uid("ua")}` };
    await freshWindow(60, 20);
    for (let i = 0; i < 10; i++) expect((await reply(tokens[i % 3]!, `reply ${i}`, visitor)).status).toBe(201);
    const error = await expectError(await reply(tokens[1]!, "reply 10", visitor), 429, "rate_limited");
    expect(error.message).toBe("Too many replies from this visitor; try again in 60 seconds");
    expect((await reply(tokens[1]!, "someone else", { ...visitor, "user-agent": "Other/1" })).status).toBe(201);
  }, 90_000);

  it("keys the thread on the token's hash and the sender on daily hashes: the limiter never sees a token or an IP", async () => {
    const recorded: Record<string, string[]> = { thread: [], visitor: [], network: [] };
    const recording = (name: string) => ({
      limit: async ({ key }: { key: string }) => {
        recorded[name]!.push(key);
        return { success: true };
      },
    });
    const limits = {
      ...env,
      RATE_LIMIT_REPLY_THREAD: recording("thread"),
      RATE_LIMIT_REPLY_VISITOR: recording("visitor"),
      RATE_LIMIT_REPLY_NETWORK: recording("network"),
    };
    const request = new Request("http://feedloop.test/v1/followup/replies", { headers: VISITOR });
    const token = "tOkEn-of-the-respondent-0123456789";
    const tokenHash = "a".repeat(64);
    await checkReplyRateLimit(limits, env.DB, { id: "shop", audience: "external" }, tokenHash, request);
    await checkReplyRateLimit(limits, env.DB, { id: "intranet", audience: "internal" }, tokenHash, request);
    expect(recorded.thread).toEqual([`shop:thread:${"a".repeat(32)}`, `intranet:thread:${"a".repeat(32)}`]);
    expect(recorded.visitor).toEqual([expect.stringMatching(/^shop:[0-9a-f]{32}$/)]);
    expect(recorded.network).toEqual([expect.stringMatching(/^intranet:network:[0-9a-f]{32}$/)]);
    const keys = JSON.stringify(recorded);
    for (const secret of [token, VISITOR["cf-connecting-ip"], "Firefox"]) expect(keys).not.toContain(secret);
  });

  it("without the bindings, a per-isolate window with the same limits stands in", async () => {
    const noBindings = {
      ...env,
      RATE_LIMIT_REPLY_THREAD: undefined,
      RATE_LIMIT_REPLY_VISITOR: undefined,
      RATE_LIMIT_REPLY_NETWORK: undefined,
    };
    const site = { id: uid("fallback"), audience: "external" as const };
    const request = () =>
      new Request("http://feedloop.test/", { headers: { "cf-connecting-ip": "192.0.2.77", "user-agent": uid("ua") } });
    await freshWindow(60, 10);
    for (let i = 0; i < 5; i++) await checkReplyRateLimit(noBindings, env.DB, site, "b".repeat(64), request());
    await expect(checkReplyRateLimit(noBindings, env.DB, site, "b".repeat(64), request())).rejects.toMatchObject({
      status: 429,
      code: "rate_limited",
    });
  });

  it("a refused reply sends no reply.created: the deliveries stay within the limits", async () => {
    const name = uid("replies-hook");
    await adminOk("PUT", `/v1/webhooks/${name}`, {
      url: `https://hooks.test/receive/${name}`,
      events: ["reply.created"],
    });
    const { id, followUp } = await answer();
    await freshWindow(60, 20);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await reply(followUp, `reply ${i}`, { ...VISITOR, "cf-connecting-ip": `192.0.2.${i}` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    await vi.waitFor(
      async () => {
        const log = (await (await fetch(`https://hooks.test/log/${name}`)).json()) as { body: string }[];
        expect(log.filter((delivery) => JSON.parse(delivery.body).data.responseId === id)).toHaveLength(5);
      },
      { timeout: 20_000, interval: 200 },
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const log = (await (await fetch(`https://hooks.test/log/${name}`)).json()) as { body: string }[];
    expect(log.filter((delivery) => JSON.parse(delivery.body).data.responseId === id)).toHaveLength(5);
    await admin("DELETE", `/v1/webhooks/${name}`);
  }, 90_000);
});

describe("the thread is read a page at a time", () => {
  type Page = { status: string; replies: { from: string; text: string }[]; nextCursor: string | null };

  it("gives 20 replies a page, oldest first, with a cursor to the next page, until nextCursor is null", async () => {
    const { id, followUp } = await answer();
    await seedReplies(id, 45, "alternate");
    const texts: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await thread(followUp, cursor ? `?cursor=${cursor}` : "");
      expect(response.status).toBe(200);
      const page = (await response.json()) as Page;
      expect(page.status).toBe("new");
      sizes.push(page.replies.length);
      texts.push(...page.replies.map((r) => r.text));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([20, 20, 5]);
    expect(texts).toEqual(Array.from({ length: 45 }, (_, i) => `reply ${i}`));
  });

  it("takes a limit up to 50; a thread that fits in a page has nextCursor null", async () => {
    const { id, survey, followUp } = await answer();
    await seedReplies(id, 3);
    expect(await (await thread(followUp)).json()).toEqual({
      status: "new",
      answer: {
        survey,
        kind: "csat",
        score: 2,
        comment: "The invoice page crashes",
        service: null,
        at: expect.any(String),
      },
      replies: [0, 1, 2].map((i) => ({ from: "respondent", text: `reply ${i}`, at: expect.any(String) })),
      nextCursor: null,
    });
    const first = (await (await thread(followUp, "?limit=2")).json()) as Page;
    expect(first.replies.map((r) => r.text)).toEqual(["reply 0", "reply 1"]);
    const second = (await (await thread(followUp, `?limit=2&cursor=${first.nextCursor}`)).json()) as Page;
    expect(second).toMatchObject({ replies: [{ text: "reply 2" }], nextCursor: null });
    const tooMany = await expectError(await thread(followUp, "?limit=51"), 422, "validation_failed");
    expect(tooMany.details![0]!.path).toBe("query.limit");
  });

  it("refuses a cursor from another thread (422), so one thread's replies never page into another's", async () => {
    const { id, followUp } = await answer();
    const other = await answer();
    await seedReplies(id, 3);
    await seedReplies(other.id, 3);
    const theirs = (await (await thread(other.followUp, "?limit=1")).json()) as Page;
    const error = await expectError(await thread(followUp, `?cursor=${theirs.nextCursor}`), 422, "validation_failed");
    expect(error.details).toEqual([{ path: "query.cursor", message: expect.stringMatching(/nextCursor/) }]);
    await expectError(await thread(followUp, `?cursor=${crypto.randomUUID()}`), 422, "validation_failed");
  });
});
