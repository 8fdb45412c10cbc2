import { describe, expect, it } from "vitest";
import { admin, api, countRows, expectError, postResponse, seedSurvey, uid } from "./helpers";

const TOKEN = "test-admin-token-0123456789abcdef";
const KiB = 1024;
/** Valid JSON of about `bytes` bytes: a name the schemas would refuse anyway, were it parsed. */
const bodyOf = (bytes: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ...extra, name: "x".repeat(bytes) });

describe("admin writes: body limit (413 before the body is parsed)", () => {
  it("refuses a key request over 16 KiB, and stores nothing", async () => {
    const name = uid("big");
    const response = await api("/v1/keys", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ name, scope: "read", padding: "x".repeat(17 * KiB) }),
    });
    const error = await expectError(response, 413, "payload_too_large");
    expect(error.message).toContain("16384");
    expect(await countRows("api_keys", "name = ?", name)).toBe(0);
  });

  it("cuts a chunked body (no Content-Length) at the limit", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * KiB));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"scope":"read","name":"'));
      },
      pull(controller) {
        // 30 MB if read to the end; the limit stops reading long before.
        if (sent++ < 480) controller.enqueue(chunk);
        else {
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
        }
      },
    });
    const response = await api("/v1/keys", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body,
      // @ts-expect-error: workerd's fetch takes a streamed body like any other.
      duplex: "half",
    });
    await expectError(response, 413, "payload_too_large");
    expect(sent).toBeLessThan(480);
  });

  it("refuses every other admin write over its limit: 16 KiB, or 64 KiB for sites and surveys", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const answer = (await (await postResponse({ site, survey, score: 3 })).json()) as { id: string };
    const writes: [string, string, string][] = [
      ["PUT", `/v1/services/${uid("svc")}`, bodyOf(17 * KiB)],
      ["PUT", `/v1/webhooks/${uid("hook")}`, bodyOf(17 * KiB, { url: "https://hooks.example/x" })],
      ["PATCH", `/v1/responses/${answer.id}`, bodyOf(17 * KiB, { status: "resolved" })],
      ["POST", `/v1/responses/${answer.id}/replies`, JSON.stringify({ text: "x".repeat(17 * KiB) })],
      ["PUT", `/v1/sites/${site}`, bodyOf(65 * KiB)],
      ["PUT", `/v1/sites/${site}/surveys/${survey}`, bodyOf(65 * KiB)],
    ];
    for (const [method, path, body] of writes) {
      const response = await api(path, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body,
      });
      await expectError(response, 413, "payload_too_large");
    }
    expect(await countRows("replies", "response_id = ?", answer.id)).toBe(0);
  });

  it("lets a survey in many languages through under 64 KiB", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const question = Object.fromEntries(
      ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "fi", "da", "cs", "ru", "uk", "ja", "zh", "ko", "tr"].map(
        (locale) => [locale, "й".repeat(500)],
      ),
    );
    const response = await admin("PUT", `/v1/sites/${site}/surveys/${survey}`, { kind: "nps", question });
    expect(response.status).toBe(200);
  });
});
