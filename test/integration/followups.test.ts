import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { deleteResponse, getResponse } from "../../worker/db/responses";
import { admin, adminOk, api, countRows, expectError, ORIGIN, postResponse, seedSurvey } from "./helpers";

async function respond(score = 3) {
  const target = await seedSurvey({ kind: "csat" });
  const created = (await (await postResponse({ ...target, score, comment: "The VPN drops every hour" })).json()) as {
    id: string;
    followUp: string;
  };
  return { ...target, ...created };
}

const followUp = (token: string, init: RequestInit = {}) =>
  api(`/v1/followups/${token}`, { ...init, headers: { origin: ORIGIN, ...init.headers } });

describe("closing the loop", () => {
  it("a team reply reaches the respondent by token, and the respondent's answer reaches the thread", async () => {
    const { id, site, survey, followUp: token } = await respond();
    expect(await (await followUp(token)).json()).toEqual({
      status: "new",
      answer: {
        survey,
        kind: "csat",
        score: 3,
        comment: "The VPN drops every hour",
        service: null,
        at: expect.any(String),
      },
      replies: [],
      nextCursor: null,
    });
    const reply = await admin("POST", `/v1/responses/${id}/replies`, {
      text: "Thanks, we fixed the VPN <b>config</b>",
    });
    expect(reply.status).toBe(201);
    expect((await admin("PATCH", `/v1/responses/${id}`, { status: "resolved" })).status).toBe(200);
    const thread = (await (await followUp(token)).json()) as {
      status: string;
      replies: { from: string; text: string; at: string }[];
    };
    expect(thread.status).toBe("resolved");
    expect(thread.replies).toEqual([
      { from: "team", text: "Thanks, we fixed the VPN <b>config</b>", at: expect.any(String) },
    ]);
    const answer = await followUp(`${token}/replies`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ text: "Works now, thank you!" }),
    });
    expect(answer.status).toBe(201);
    const after = (await (await followUp(token)).json()) as { replies: { from: string; text: string }[] };
    expect(after.replies.map((r) => [r.from, r.text])).toEqual([
      ["team", "Thanks, we fixed the VPN <b>config</b>"],
      ["respondent", "Works now, thank you!"],
    ]);
    // The respondent's answer reaches the team's inbox.
    const { items } = await adminOk<{ items: { id: string; replies: number; status: string }[] }>(
      "GET",
      `/v1/responses?site=${site}`,
    );
    expect(items).toEqual([expect.objectContaining({ id, replies: 2, status: "resolved" })]);
  });

  it("refuses unknown tokens (404), other origins (403) and bad input (422), storing nothing", async () => {
    const { id, followUp: token } = await respond();
    await expectError(await followUp("A".repeat(32)), 404, "not_found");
    await expectError(
      await api(`/v1/followups/${token}`, { headers: { origin: "https://evil.example" } }),
      403,
      "origin_not_allowed",
    );
    await expectError(
      await api(`/v1/followups/${token}/replies`, {
        method: "POST",
        body: JSON.stringify({ text: "hi" }),
        headers: { origin: "https://evil.example" },
      }),
      403,
      "origin_not_allowed",
    );
    await expectError(
      await followUp(`${token}/replies`, { method: "POST", body: JSON.stringify({ text: "  " }) }),
      422,
      "validation_failed",
    );
    await expectError(await admin("PATCH", `/v1/responses/${id}`, { status: "done" }), 422, "validation_failed");
    await expectError(
      await admin("POST", `/v1/responses/${crypto.randomUUID()}/replies`, { text: "hello" }),
      404,
      "not_found",
    );
    expect(await countRows("replies", "response_id = ?", id)).toBe(0);
  });

  it("the respondent deletes their own response: gone from the thread and from the aggregates", async () => {
    const { site, survey, followUp: token } = await respond(5);
    await postResponse({ site, survey, score: 1 });
    const before = await adminOk<{ total: { count: number } }>("GET", `/v1/aggregates?survey=${survey}&site=${site}`);
    expect(before.total.count).toBe(2);
    expect((await followUp(token, { method: "DELETE" })).status).toBe(204);
    await expectError(await followUp(token), 404, "not_found");
    const after = await adminOk<{ total: { count: number; satisfied: number } }>(
      "GET",
      `/v1/aggregates?survey=${survey}&site=${site}`,
    );
    expect(after.total).toMatchObject({ count: 1, satisfied: 0 });
  });

  it("an admin deletes a response once: 204, then 404", async () => {
    const { id, site, survey } = await respond(4);
    expect((await admin("DELETE", `/v1/responses/${id}`)).status).toBe(204);
    await expectError(await admin("DELETE", `/v1/responses/${id}`), 404, "not_found");
    expect(
      (await adminOk<{ total: { count: number } }>("GET", `/v1/aggregates?survey=${survey}&site=${site}`)).total.count,
    ).toBe(0);
  });

  it("two deletes that both read the response before either wrote subtract it from the rollups once", async () => {
    const { id, site, survey } = await respond(4);
    const record = (await getResponse(env.DB, id))!;
    expect(await deleteResponse(env.DB, record)).toBe(true);
    expect(await deleteResponse(env.DB, record)).toBe(false);
    expect(await countRows("responses", "id = ?", id)).toBe(0);
    const base = await env.DB.prepare("SELECT grain, n, s4 FROM rollups WHERE site_id = ? AND dim = '' ORDER BY grain")
      .bind(site)
      .all();
    expect(base.results).toEqual([
      { grain: "d", n: 0, s4: 0 },
      { grain: "h", n: 0, s4: 0 },
      { grain: "m", n: 0, s4: 0 },
    ]);
    expect(
      (await adminOk<{ total: { count: number } }>("GET", `/v1/aggregates?survey=${survey}&site=${site}`)).total.count,
    ).toBe(0);
  });
});
