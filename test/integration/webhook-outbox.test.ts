import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { recordResponse } from "../contract/recorder";
import { adminOk, BASE, ORIGIN, randomIp, seedSurvey, uid } from "./helpers";
import { pause, received, receiverWebhook, runCron } from "./webhook-fixtures";

/** The real queue binding, except that its first send throws: a fault injected right after the D1 batch. */
function failingOnce(queue: Queue) {
  // `refused`: the ids of the deliveries in the send that threw.
  const state = { failures: 0, refused: [] as string[] };
  const binding = new Proxy(queue, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown;
      if (typeof value !== "function") return value;
      if (property !== "send" && property !== "sendBatch") return value.bind(target);
      return async (...args: unknown[]) => {
        if (state.failures === 0) {
          state.failures++;
          const messages =
            property === "sendBatch" ? (args[0] as { body: { deliveryId: string } }[]) : [{ body: args[0] }];
          state.refused = messages.map((message) => (message.body as { deliveryId: string }).deliveryId);
          throw new Error("Queue send failed: injected");
        }
        return value.apply(target, args);
      };
    },
  });
  return { binding, state };
}

/** A request to the Worker with its own bindings, waiting for what it left to run after its answer. */
async function send(bindings: typeof env, path: string, init: RequestInit) {
  const ctx = createExecutionContext();
  const request = new Request(`${BASE}${path}`, init);
  const response = await app.fetch(request.clone(), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return recordResponse(request, response);
}

const outboxIds = async (webhook: string) =>
  (
    await env.DB.prepare("SELECT id FROM webhook_outbox WHERE webhook_id = ?").bind(webhook).all<{ id: string }>()
  ).results.map((row) => row.id);

// Past the lease a request holds on the rows it wrote (a minute): what the cron takes.
const LATER = 10 * 60_000;

describe("webhooks that are never lost: the outbox", () => {
  it("a queue send that throws right after the answer's batch: the cron delivers it from the outbox, exactly once", {
    timeout: 60_000,
  }, async () => {
    const name = uid("outbox");
    await receiverWebhook(name, ["response.created"]);
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const queue = failingOnce(env.WEBHOOKS);
    const answer = await send({ ...env, WEBHOOKS: queue.binding }, "/v1/responses", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json", "cf-connecting-ip": randomIp() },
      body: JSON.stringify({ site, survey, score: 9 }),
    });
    // The respondent is not failed by it, and the delivery waits in the outbox.
    expect(answer.status).toBe(201);
    expect(queue.state.failures).toBe(1);
    expect(queue.state.refused).toHaveLength(1);
    // Within the request's lease the cron leaves it alone (its writer might still be sending it).
    await runCron(Date.now());
    await pause(1500);
    expect(await received(name, 1, 0)).toHaveLength(0);

    await runCron(Date.now() + LATER);
    const log = await received(name, 1);
    expect(log).toHaveLength(1);
    // The very delivery whose send threw, with the id it was given in the answer's transaction.
    expect(log[0]!.headers["webhook-id"]).toBe(queue.state.refused[0]);
    expect(JSON.parse(log[0]!.body)).toMatchObject({ type: "response.created", data: { site, survey, score: 9 } });
    // Nothing is left to send twice.
    expect(await outboxIds(name)).toEqual([]);
    await runCron(Date.now() + 2 * LATER);
    await pause(1500);
    expect(await received(name, 2, 0)).toHaveLength(1);
  });

  it("a team reply whose send throws is delivered by the cron too", { timeout: 60_000 }, async () => {
    const name = uid("outbox");
    await receiverWebhook(name, ["response.created", "reply.created"]);
    const { site, survey } = await seedSurvey({ kind: "csat" });
    const posted = await send(env, "/v1/responses", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json", "cf-connecting-ip": randomIp() },
      body: JSON.stringify({ site, survey, score: 2, comment: "Late again" }),
    });
    const { id } = (await posted.json()) as { id: string };
    expect(await received(name, 1)).toHaveLength(1);

    const queue = failingOnce(env.WEBHOOKS);
    const reply = await send({ ...env, WEBHOOKS: queue.binding }, `/v1/responses/${id}/replies`, {
      method: "POST",
      headers: { authorization: "Bearer test-admin-token-0123456789abcdef", "content-type": "application/json" },
      body: JSON.stringify({ text: "Sorry, on its way" }),
    });
    expect(reply.status).toBe(201);
    expect(queue.state.failures).toBe(1);
    await runCron(Date.now() + LATER);
    const log = await received(name, 2);
    expect(log.map((delivery) => (JSON.parse(delivery.body) as { type: string }).type)).toEqual([
      "response.created",
      "reply.created",
    ]);
    expect(log[1]!.headers["webhook-id"]).toBe(queue.state.refused[0]);
    expect(await outboxIds(name)).toEqual([]);
  });

  it("an employee's answer writes no delivery anywhere: not to the outbox, not to the log", async () => {
    const name = uid("outbox");
    await receiverWebhook(name, ["response.created", "response.low_score", "reply.created", "period.closed"]);
    const { site, survey } = await seedSurvey({ kind: "csat" }, { audience: "internal" });
    const posted = await send(env, "/v1/responses", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json", "cf-connecting-ip": randomIp() },
      body: JSON.stringify({ site, survey, score: 1, comment: "said at 09:30" }),
    });
    expect(posted.status).toBe(201);
    const rows = await env.DB.prepare(
      `SELECT (SELECT COUNT(*) FROM webhook_outbox WHERE delivery LIKE ?1)
         + (SELECT COUNT(*) FROM webhook_deliveries WHERE site_id = ?2) AS n`,
    )
      .bind(`%${site}%`, site)
      .first<{ n: number }>();
    expect(rows!.n).toBe(0);
    expect(await adminOk("GET", `/v1/webhooks/${name}/deliveries`)).toEqual({ items: [], nextCursor: null });
  });
});
