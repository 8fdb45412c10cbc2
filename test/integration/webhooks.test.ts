import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { admin, adminOk, expectError, postResponse, seedSurvey, uid } from "./helpers";

type Delivery = { headers: Record<string, string>; body: string };

async function deliveries(name: string, atLeast: number, timeoutMs = 20_000): Promise<Delivery[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = (await (await fetch(`https://hooks.test/log/${name}`)).json()) as Delivery[];
    if (log.length >= atLeast || Date.now() > deadline) return log;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("webhooks", () => {
  it("delivers response.created and response.low_score, signed per Standard Webhooks", async () => {
    const name = uid("hook");
    const created = await admin("PUT", `/v1/webhooks/${name}`, {
      url: `https://hooks.test/receive/${name}`,
      events: ["response.created", "response.low_score"],
    });
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    expect(secret).toMatch(/^whsec_/);
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { id } = (await (await postResponse({ site, survey, score: 3, comment: "Too slow" })).json()) as {
      id: string;
    };
    const log = await deliveries(name, 2);
    expect(log).toHaveLength(2);
    const verifier = new Webhook(secret);
    const events = log.map(
      (delivery) =>
        verifier.verify(delivery.body, delivery.headers) as { type: string; data: { id: string; score: number } },
    );
    expect(events.map((event) => event.type).sort()).toEqual(["response.created", "response.low_score"]);
    expect(events.every((event) => event.data.id === id && event.data.score === 3)).toBe(true);
    // A tampered body does not verify.
    expect(() => verifier.verify(log[0]!.body.replace("Too slow", "Fine"), log[0]!.headers)).toThrow();
  });

  it("a receiver that fails twice still gets the delivery, once, later", { timeout: 40_000 }, async () => {
    const name = uid("flaky");
    await adminOk("PUT", `/v1/webhooks/${name}`, {
      url: `https://hooks.test/flaky/${name}/2`,
      events: ["response.created"],
    });
    const { site, survey } = await seedSurvey({ kind: "csat" });
    await postResponse({ site, survey, score: 5 });
    const log = await deliveries(name, 1, 30_000);
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.body)).toMatchObject({ type: "response.created", data: { score: 5 } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await deliveries(name, 2, 0)).toHaveLength(1);
  });

  it("sends Slack-compatible bodies on request, and reply.created for team replies", async () => {
    const name = uid("slack");
    await adminOk("PUT", `/v1/webhooks/${name}`, {
      url: `https://hooks.test/receive/${name}`,
      events: ["reply.created", "response.low_score"],
      format: "slack",
    });
    const { site, survey } = await seedSurvey({ kind: "thumbs" });
    const { id } = (await (await postResponse({ site, survey, score: 0, comment: "Broken link" })).json()) as {
      id: string;
    };
    await adminOk("POST", `/v1/responses/${id}/replies`, { text: "Fixed, thanks!" });
    const log = await deliveries(name, 2);
    const texts = log.map((delivery) => (JSON.parse(delivery.body) as { text: string }).text).sort();
    expect(texts).toEqual(
      [
        `Low score THUMBS 0 on ${site}/${survey}: “Broken link”`,
        `New reply from the team on response ${id} (${site}): Fixed, thanks!`,
      ].sort(),
    );
  });

  it("refuses bad webhook configuration and lists webhooks without their secrets", async () => {
    const name = uid("hook");
    await expectError(
      await admin("PUT", `/v1/webhooks/${name}`, { url: "ftp://example.com", events: ["response.created"] }),
      422,
      "validation_failed",
    );
    await expectError(
      await admin("PUT", `/v1/webhooks/${name}`, { url: "https://example.com", events: ["response.deleted"] }),
      422,
      "validation_failed",
    );
    await expectError(
      await admin("PUT", `/v1/webhooks/${name}`, {
        url: "https://example.com",
        events: ["response.created"],
        secret: "hunter2",
      }),
      422,
      "validation_failed",
    );
    await adminOk("PUT", `/v1/webhooks/${name}`, { url: "https://example.com/hook", events: ["response.created"] });
    const list = await adminOk<{ items: Record<string, unknown>[] }>("GET", "/v1/webhooks");
    expect(list.items.find((item) => item.id === name)).toEqual(
      expect.not.objectContaining({ secret: expect.anything() }),
    );
  });
});

describe("DELETE /v1/webhooks/{id}", () => {
  it("deletes a webhook (204), after which it is gone from the list and a second delete is 404", async () => {
    const id = uid("hook");
    await adminOk("PUT", `/v1/webhooks/${id}`, { url: "https://example.com/hook", events: ["response.created"] });
    expect((await admin("DELETE", `/v1/webhooks/${id}`)).status).toBe(204);
    const { items } = await adminOk<{ items: { id: string }[] }>("GET", "/v1/webhooks");
    expect(items.map((webhook) => webhook.id)).not.toContain(id);
    await expectError(await admin("DELETE", `/v1/webhooks/${id}`), 404, "not_found");
  });
});
