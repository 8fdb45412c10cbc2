import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import worker from "../../worker/index";
import { recordResponse } from "../contract/recorder";
import { admin, BASE, expectError, postResponse, seedSurvey, uid } from "./helpers";
import { logUntil, received } from "./webhook-fixtures";

/** PUT /v1/webhooks/{name} with this URL; the 422's message for `url` (or the status, when accepted). */
async function refusal(url: string, bindings = env): Promise<string> {
  const name = uid("hook");
  const request = new Request(`${BASE}/v1/webhooks/${name}`, {
    method: "PUT",
    headers: { authorization: "Bearer test-admin-token-0123456789abcdef", "content-type": "application/json" },
    body: JSON.stringify({ url, events: ["response.created"] }),
  });
  const ctx = createExecutionContext();
  const response = await recordResponse(request.clone(), await app.fetch(request, bindings, ctx));
  await waitOnExecutionContext(ctx);
  if (response.status !== 422) return `accepted with ${response.status}`;
  const error = await expectError(response, 422, "validation_failed");
  expect(error.details).toEqual([{ path: "url", message: expect.any(String) }]);
  // Nothing is stored.
  expect(await (await admin("GET", "/v1/webhooks")).text()).not.toContain(name);
  return (error.details as { message: string }[])[0]!.message;
}

const refusals = (urls: string[], bindings = env) => Promise.all(urls.map((url) => refusal(url, bindings)));

describe("webhook URLs (README: Abuse, floods and faults)", () => {
  it("must use https", async () => {
    expect(await refusals(["http://hooks.test/receive/x", "http://example.com/hook"])).toEqual([
      "must use https",
      "must use https",
    ]);
  });

  it("refuses IP addresses in every form the URL parser reads: decimal, hex, octal, short, IPv6, mapped", async () => {
    const messages = await refusals([
      "https://93.184.216.34/hook",
      "https://0x7f000001/",
      "https://2130706433/",
      "https://0177.0.0.1/",
      "https://127.1/",
      "https://0x5d.0xb8.0xd8.0x22/",
      "https://[2606:4700:4700::1111]/hook",
      "https://[::ffff:127.0.0.1]/",
      "https://[0:0:0:0:0:0:0:1]/",
    ]);
    for (const message of messages) expect(message).toMatch(/^must name a host, not an IP address/);
    expect(messages[0]).toBe("must name a host, not an IP address (93.184.216.34 is an IP address)");
    expect(messages[1]).toBe("must name a host, not an IP address (127.0.0.1 is a loopback address)");
    expect(messages[7]).toMatch(/IPv4-mapped/);
  });

  it("says which private, loopback or link-local range an address is in", async () => {
    expect(
      await refusals([
        "https://127.0.0.1:8787/",
        "https://10.1.2.3/",
        "https://172.16.0.1/",
        "https://192.168.1.1/",
        "https://169.254.169.254/latest/meta-data/",
        "https://100.64.0.1/",
        "https://0.0.0.0/",
        "https://[::1]/",
        "https://[fd00::1]/",
        "https://[fe80::1]/",
      ]),
    ).toEqual([
      "must name a host, not an IP address (127.0.0.1 is a loopback address)",
      "must name a host, not an IP address (10.1.2.3 is a private address)",
      "must name a host, not an IP address (172.16.0.1 is a private address)",
      "must name a host, not an IP address (192.168.1.1 is a private address)",
      "must name a host, not an IP address (169.254.169.254 is a link-local address)",
      "must name a host, not an IP address (100.64.0.1 is a shared (carrier-grade NAT) address)",
      "must name a host, not an IP address (0.0.0.0 is the unspecified address)",
      "must name a host, not an IP address ([::1] is a loopback address)",
      "must name a host, not an IP address ([fd00::1] is a private address)",
      "must name a host, not an IP address ([fe80::1] is a link-local address)",
    ]);
  });

  it("refuses local host names: localhost, *.localhost, *.local, *.internal, names without a domain", async () => {
    const messages = await refusals([
      "https://localhost/hook",
      "https://LOCALHOST./hook",
      "https://api.localhost/",
      "https://printer.local/",
      "https://metadata.google.internal/computeMetadata/v1/",
      "https://router.home.arpa/",
      "https://intranet/",
    ]);
    expect(messages.slice(0, 6)).toEqual([
      "must be a public host name (localhost is a local name: .localhost)",
      "must be a public host name (localhost is a local name: .localhost)",
      "must be a public host name (api.localhost is a local name: .localhost)",
      "must be a public host name (printer.local is a local name: .local)",
      "must be a public host name (metadata.google.internal is a local name: .internal)",
      "must be a public host name (router.home.arpa is a local name: .home.arpa)",
    ]);
    expect(messages[6]).toBe("must be a public host name (intranet is a local name: .intranet)");
  });

  it("refuses credentials in the URL, and never shows them", async () => {
    const messages = await refusals(["https://user:pass@hooks.test/receive/x", "https://token@hooks.test/receive/x"]);
    for (const message of messages) expect(message).toMatch(/^must not hold credentials \(user:password@\)/);
    const list = await (await admin("GET", "/v1/webhooks")).text();
    expect(list).not.toContain("user:pass");
  });

  it("does not follow a redirect: a 3xx is a failed attempt, and the page it points to gets nothing", {
    timeout: 30_000,
  }, async () => {
    const name = uid("redirect");
    expect(
      (
        await admin("PUT", `/v1/webhooks/${name}`, {
          url: `https://hooks.test/redirect/${name}`,
          events: ["response.created"],
        })
      ).status,
    ).toBe(201);
    const { site, survey } = await seedSurvey({ kind: "nps" });
    await postResponse({ site, survey, score: 9 });
    // Followed, the redirect would have delivered to /receive/<name> within these seconds.
    expect(await received(name, 1, 3000)).toHaveLength(0);
    const [logged] = await logUntil(name, (items) => items.length > 0);
    expect(logged!.lastError).toBe("HTTP 307: redirects are not followed; point the webhook at the final URL");
  });

  it("WEBHOOK_ALLOW_LOCAL_HTTP=true lets http to a loopback host through, and nothing else", async () => {
    const local = { ...env, WEBHOOK_ALLOW_LOCAL_HTTP: "true" };
    const name = uid("local");
    const url = `http://127.0.0.1:8788/receive/${name}`;
    expect(await refusals([url, "http://localhost:3000/hook", "http://[::1]:3000/hook"], local)).toEqual([
      "accepted with 201",
      "accepted with 201",
      "accepted with 201",
    ]);
    expect(
      await refusals(["http://10.0.0.1/hook", "http://user:pass@127.0.0.1/hook", "https://169.254.169.254/"], local),
    ).toEqual([
      "must use https",
      "must not hold credentials (user:password@); deliveries are signed, verify the webhook-signature header instead",
      "must name a host, not an IP address (169.254.169.254 is a link-local address)",
    ]);
    // Without the switch (production), the same URL is refused, and a webhook stored with it delivers nothing.
    expect(await refusal(url)).toBe("must use https");
    const created = new Request(`${BASE}/v1/webhooks/${name}`, {
      method: "PUT",
      headers: { authorization: "Bearer test-admin-token-0123456789abcdef", "content-type": "application/json" },
      body: JSON.stringify({ url, events: ["response.created"] }),
    });
    expect((await app.fetch(created, local, createExecutionContext())).status).toBe(201);
    const message = (deliveryId: string) => ({
      id: deliveryId,
      timestamp: new Date(),
      attempts: 1,
      body: {
        webhookId: name,
        deliveryId,
        event: "response.created",
        timestamp: Date.now(),
        data: { site: "local-dev", score: 9 },
      },
    });
    const delivered = createMessageBatch("feedloop-webhooks", [message(`msg_${crypto.randomUUID()}`)]);
    const ctx = createExecutionContext();
    await worker.queue(delivered, local);
    expect((await getQueueResult(delivered, ctx)).explicitAcks).toHaveLength(1);
    expect(await received(name, 1)).toHaveLength(1);
    const refused = createMessageBatch("feedloop-webhooks", [message(`msg_${crypto.randomUUID()}`)]);
    const ctx2 = createExecutionContext();
    await worker.queue(refused, env);
    expect((await getQueueResult(refused, ctx2)).explicitAcks).toHaveLength(1);
    expect(await received(name, 2, 500)).toHaveLength(1);
  });
});
