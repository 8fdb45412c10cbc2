import { env } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { admin, adminOk, api, expectError, ORIGIN, postResponse, seedSurvey, uid } from "./helpers";
import { deliveryLog, type LoggedDelivery, logUntil, pause, received, receiverWebhook } from "./webhook-fixtures";

const createKey = async (scope: "admin" | "read", sites?: string[]) =>
  (await adminOk<{ key: string }>("POST", "/v1/keys", { name: uid("key"), scope, ...(sites ? { sites } : {}) })).key;

/**
 * A webhook stored before the URL rules, as a database from before them holds it: with credentials in its URL.
 * Written straight to D1, since PUT refuses it now. The sites seeded after it read it fresh.
 */
async function legacyWebhook(name: string, events: string[]): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO webhooks (id, url, events, secret, format, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'standard', ?, ?)`,
  )
    .bind(
      name,
      `https://user:hunter2@hooks.test/receive/${name}`,
      JSON.stringify(events),
      `whsec_${btoa("0123456789abcdef0123456789abcdef")}`,
      Date.now(),
      Date.now(),
    )
    .run();
}

const failed = (count: number) => (items: LoggedDelivery[]) =>
  items.length >= count && items.every((item) => item.status === "failed");

describe("the delivery log: GET /v1/webhooks/{id}/deliveries", () => {
  it("a dead receiver: every retry fails, the dead-letter queue marks it failed, and a redelivery goes through", {
    timeout: 120_000,
  }, async () => {
    const name = uid("dead");
    // Down for all 11 attempts (the first and wrangler.toml's max_retries = 10), back for the redelivery.
    const secret = await receiverWebhook(name, ["response.created"], `flaky/${name}/11`);
    const { site, survey } = await seedSurvey({ kind: "nps" });
    expect((await postResponse({ site, survey, score: 10, comment: "Great" })).status).toBe(201);

    const [dead] = await logUntil(name, failed(1), 100_000);
    expect(dead).toMatchObject({
      event: "response.created",
      site,
      status: "failed",
      attempts: 11,
      lastError: "HTTP 500",
    });
    expect(await received(name, 1, 0)).toHaveLength(0);

    const redelivered = await admin("POST", `/v1/webhooks/${name}/deliveries/${dead!.id}/redeliver`);
    expect(redelivered.status).toBe(202);
    expect(await redelivered.json()).toMatchObject({ id: dead!.id, status: "redelivering" });
    const log = await received(name, 1);
    expect(log).toHaveLength(1);
    // The same webhook-id as every failed attempt: a receiver that saw one of them can tell.
    expect(log[0]!.headers["webhook-id"]).toBe(dead!.id);
    expect(new Webhook(secret).verify(log[0]!.body, log[0]!.headers)).toMatchObject({
      type: "response.created",
      data: { site, score: 10 },
    });
    const [delivered] = await logUntil(name, (items) => items[0]?.status === "delivered");
    expect(delivered).toMatchObject({ id: dead!.id, status: "delivered", attempts: 12 });
    // Only a failed delivery is sent again.
    await expectError(
      await admin("POST", `/v1/webhooks/${name}/deliveries/${dead!.id}/redeliver`),
      409,
      "delivery_not_failed",
    );
    await pause(1000);
    expect(await received(name, 2, 0)).toHaveLength(1);
  });

  it("a webhook saved before the URL rules is marked and never fetched; fixed, its deliveries can be redelivered", {
    timeout: 60_000,
  }, async () => {
    const name = uid("legacy");
    await legacyWebhook(name, ["response.created"]);
    const listed = (
      await adminOk<{ items: { id: string; url: string; urlProblem: string | null }[] }>("GET", "/v1/webhooks")
    ).items.find((item) => item.id === name);
    expect(listed!.url).toBe(`https://***@hooks.test/receive/${name}`);
    expect(listed!.urlProblem).toMatch(/credentials/);
    expect(JSON.stringify(await adminOk("GET", "/v1/webhooks"))).not.toContain("hunter2");

    const { site, survey } = await seedSurvey({ kind: "nps" });
    await postResponse({ site, survey, score: 3 });
    const [refused] = await logUntil(name, failed(1));
    expect(refused).toMatchObject({ site, status: "failed", attempts: 1 });
    expect(refused!.lastError).toMatch(/^not sent: the webhook's URL must not hold credentials/);
    expect(await received(name, 1, 0)).toHaveLength(0);

    await adminOk("PUT", `/v1/webhooks/${name}`, {
      url: `https://hooks.test/receive/${name}`,
      events: ["response.created"],
    });
    expect((await admin("POST", `/v1/webhooks/${name}/deliveries/${refused!.id}/redeliver`)).status).toBe(202);
    expect(await received(name, 1)).toHaveLength(1);
  });

  it("a key limited to some sites sees and redelivers only its sites' deliveries; read keys none; pages by cursor", {
    timeout: 60_000,
  }, async () => {
    const name = uid("scoped");
    await legacyWebhook(name, ["response.created"]);
    const mine = await seedSurvey({ kind: "csat" });
    const theirs = await seedSurvey({ kind: "csat" });
    for (const score of [1, 2]) await postResponse({ site: mine.site, survey: mine.survey, score });
    await postResponse({ site: theirs.site, survey: theirs.survey, score: 5 });
    const all = await logUntil(name, failed(3));
    expect(all).toHaveLength(3);

    const limited = await createKey("admin", [mine.site]);
    const own = await deliveryLog(name, "", limited);
    expect(own.status).toBe(200);
    expect(own.page.items.map((item) => item.site)).toEqual([mine.site, mine.site]);
    const theirDelivery = all.find((item) => item.site === theirs.site)!;
    await expectError(
      await admin("POST", `/v1/webhooks/${name}/deliveries/${theirDelivery.id}/redeliver`, undefined, limited),
      404,
      "not_found",
    );
    // Webhooks span sites: a limited key is not told which exist.
    expect(await deliveryLog(uid("nosuch"), "", limited)).toEqual({
      status: 200,
      page: { items: [], nextCursor: null },
    });
    await expectError(await admin("GET", `/v1/webhooks/${uid("nosuch")}/deliveries`), 404, "not_found");
    await expectError(
      await admin("GET", `/v1/webhooks/${name}/deliveries`, undefined, await createKey("read")),
      403,
      "forbidden",
    );

    const first = await deliveryLog(name, "?limit=2");
    expect(first.page.items).toEqual(all.slice(0, 2));
    const second = await deliveryLog(name, `?limit=2&cursor=${first.page.nextCursor}`);
    expect(second.page).toEqual({ items: all.slice(2), nextCursor: null });
    expect((await deliveryLog(name, "?status=retrying")).page.items).toEqual([]);
    await expectError(await admin("GET", `/v1/webhooks/${name}/deliveries?cursor=nope`), 422, "validation_failed");
  });

  it("deleting an answer deletes its logged deliveries (they hold its comment); deleting a webhook deletes its log", {
    timeout: 60_000,
  }, async () => {
    const name = uid("legacy");
    await legacyWebhook(name, ["response.created"]);
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { id, followUp } = (await (
      await postResponse({ site, survey, score: 0, comment: "private words" })
    ).json()) as { id: string; followUp: string };
    await logUntil(name, failed(1));
    expect((await api(`/v1/followups/${followUp}`, { method: "DELETE", headers: { origin: ORIGIN } })).status).toBe(
      204,
    );
    expect((await deliveryLog(name)).page.items).toEqual([]);
    const kept = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE delivery LIKE ? OR response_id = ?",
    )
      .bind("%private words%", id)
      .first<{ n: number }>();
    expect(kept!.n).toBe(0);

    await postResponse({ site, survey, score: 1 });
    await logUntil(name, failed(1));
    expect((await admin("DELETE", `/v1/webhooks/${name}`)).status).toBe(204);
    expect(
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE webhook_id = ?")
        .bind(name)
        .first<{ n: number }>())!.n,
    ).toBe(0);
  });
});
