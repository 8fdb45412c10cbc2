import { describe, expect, it } from "vitest";
import { admin, api, countRows, expectError, ORIGIN, postResponse, seedSurvey } from "./helpers";

/**
 * The follow-up token travels in the X-Follow-Up-Token header, where access logs do not keep it (issue 13,
 * item 3). The path form answers as before for a deprecation period, marked as deprecated.
 */

async function answer() {
  const target = await seedSurvey({ kind: "csat" });
  const response = await postResponse({ ...target, score: 2, comment: "The invoice page crashes" });
  return { ...target, ...((await response.json()) as { id: string; followUp: string }) };
}

const withToken = (token: string, init: RequestInit = {}) => ({
  ...init,
  headers: { origin: ORIGIN, "x-follow-up-token": token, ...init.headers },
});

describe("the follow-up token in a header", () => {
  it("reads the thread, replies and deletes at /v1/followup, with no token in any URL", async () => {
    const { id, survey, followUp } = await answer();
    await admin("POST", `/v1/responses/${id}/replies`, { text: "Fixed, thanks!" });

    const read = await api("/v1/followup", withToken(followUp));
    expect(read.status).toBe(200);
    expect(read.headers.get("cache-control")).toBe("no-store");
    expect(read.headers.get("deprecation")).toBeNull();
    expect(await read.json()).toEqual({
      status: "new",
      answer: {
        survey,
        kind: "csat",
        score: 2,
        comment: "The invoice page crashes",
        service: null,
        at: expect.any(String),
      },
      replies: [{ from: "team", text: "Fixed, thanks!", at: expect.any(String) }],
      nextCursor: null,
    });

    const replied = await api(
      "/v1/followup/replies",
      withToken(followUp, {
        method: "POST",
        body: JSON.stringify({ text: "Works now" }),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(replied.status).toBe(201);
    expect(await replied.json()).toEqual({ from: "respondent", text: "Works now", at: expect.any(String) });
    expect(await countRows("replies", "response_id = ?", id)).toBe(2);

    expect((await api("/v1/followup", withToken(followUp, { method: "DELETE" }))).status).toBe(204);
    await expectError(await api("/v1/followup", withToken(followUp)), 404, "not_found");
    expect(await countRows("responses", "id = ?", id)).toBe(0);
  });

  it("says what to send when the header is missing or not a token (422), and checks the Origin as the path form does", async () => {
    const { followUp } = await answer();
    const missing = await expectError(
      await api("/v1/followup", { headers: { origin: ORIGIN } }),
      422,
      "validation_failed",
    );
    expect(missing.details).toEqual([
      {
        path: "header.x-follow-up-token",
        message: expect.stringMatching(/follow-up token that POST \/v1\/responses returned/),
      },
    ]);
    const malformed = await expectError(await api("/v1/followup", withToken("not a token")), 422, "validation_failed");
    expect(malformed.details).toEqual([{ path: "header.x-follow-up-token", message: "not a follow-up token" }]);
    await expectError(await api("/v1/followup", withToken("A".repeat(32))), 404, "not_found");
    const evil = { headers: { origin: "https://evil.example" } };
    await expectError(await api("/v1/followup", withToken(followUp, evil)), 403, "origin_not_allowed");
    await expectError(
      await api(
        "/v1/followup/replies",
        withToken(followUp, { method: "POST", body: JSON.stringify({ text: "hi" }), ...evil }),
      ),
      403,
      "origin_not_allowed",
    );
    await expectError(
      await api("/v1/followup", withToken(followUp, { method: "DELETE", ...evil })),
      403,
      "origin_not_allowed",
    );
  });

  it("lets the widget's origins send the header: a preflight allows X-Follow-Up-Token, for listed origins only", async () => {
    await answer();
    const preflight = (origin: string, path: string) =>
      api(path, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type,x-follow-up-token",
        },
      });
    for (const path of ["/v1/followup", "/v1/followup/replies"]) {
      const allowed = await preflight(ORIGIN, path);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get("access-control-allow-origin")).toBe(ORIGIN);
      expect(allowed.headers.get("access-control-allow-headers")?.toLowerCase().split(/,\s*/)).toContain(
        "x-follow-up-token",
      );
      expect(allowed.headers.get("access-control-allow-methods")).toMatch(/DELETE/);
      await expectError(await preflight("https://evil.example", path), 403, "origin_not_allowed");
    }
  });
});

describe("the token in the path, deprecated", () => {
  it("still reads, replies and deletes, and says Deprecation on every answer, errors too", async () => {
    const { id, followUp } = await answer();
    const read = await api(`/v1/followups/${followUp}`, { headers: { origin: ORIGIN } });
    expect(read.status).toBe(200);
    expect(read.headers.get("deprecation")).toMatch(/^@\d+$/);
    const replied = await api(`/v1/followups/${followUp}/replies`, {
      method: "POST",
      headers: { origin: ORIGIN },
      body: JSON.stringify({ text: "Still there?" }),
    });
    expect(replied.status).toBe(201);
    expect(replied.headers.get("deprecation")).toMatch(/^@\d+$/);
    const unknown = await api(`/v1/followups/${"A".repeat(32)}`, { headers: { origin: ORIGIN } });
    await expectError(unknown.clone(), 404, "not_found");
    expect(unknown.headers.get("deprecation")).toMatch(/^@\d+$/);
    const deleted = await api(`/v1/followups/${followUp}`, { method: "DELETE", headers: { origin: ORIGIN } });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get("deprecation")).toMatch(/^@\d+$/);
    expect(deleted.headers.get("access-control-expose-headers")).toMatch(/Deprecation/);
    expect(await countRows("responses", "id = ?", id)).toBe(0);
  });

  it("is marked deprecated in /openapi.json, and the header form declares its header and paging", async () => {
    const document = (await (await api("/openapi.json")).json()) as {
      paths: Record<
        string,
        Record<string, { deprecated?: boolean; parameters?: { name: string; in: string; required?: boolean }[] }>
      >;
    };
    for (const [path, method] of [
      ["/v1/followups/{token}", "get"],
      ["/v1/followups/{token}/replies", "post"],
      ["/v1/followups/{token}", "delete"],
    ] as const) {
      expect(document.paths[path]![method]!.deprecated, `${method} ${path}`).toBe(true);
    }
    for (const [path, method] of [
      ["/v1/followup", "get"],
      ["/v1/followup/replies", "post"],
      ["/v1/followup", "delete"],
    ] as const) {
      const operation = document.paths[path]![method]!;
      expect(operation.deprecated ?? false).toBe(false);
      expect(operation.parameters).toContainEqual(
        expect.objectContaining({ name: "x-follow-up-token", in: "header", required: true }),
      );
    }
    const query = document.paths["/v1/followup"]!.get!.parameters!.filter((p) => p.in === "query").map((p) => p.name);
    expect(query.sort()).toEqual(["cursor", "limit"]);
  });
});
