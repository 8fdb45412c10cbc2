import { describe, expect, it } from "vitest";
import type { FollowUp } from "../../schema/followup";
import { setClock } from "./clock";
import { admin, api, expectError, ORIGIN, postResponse, seedSurvey, uid } from "./helpers";

/**
 * The thread shows the answer it is about (issue 14, item 6): what the token's own respondent gave, and
 * nothing of anyone else's. The token proves the answer is theirs, so this tells them nothing new.
 */

const read = (token: string, query = "") =>
  api(`/v1/followup${query}`, { headers: { origin: ORIGIN, "x-follow-up-token": token } });

async function give(target: { site: string; survey: string }, answer: Record<string, unknown>) {
  const response = await postResponse({ ...target, ...answer });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; followUp: string };
}

describe("the answer on top of the thread", () => {
  it("each token reads its own answer, on every page, until the answer is deleted (404)", async () => {
    const [checkout, delivery] = [uid("checkout"), uid("delivery")];
    const target = await seedSurvey({ kind: "nps", services: [checkout, delivery] });
    const before = Date.now();
    const first = await give(target, { score: 9, comment: "Quick checkout", service: checkout });
    const second = await give(target, { score: 2, service: delivery });
    const after = Date.now();
    for (let i = 1; i <= 3; i++) await admin("POST", `/v1/responses/${first.id}/replies`, { text: `Reply ${i}` });

    const page = (await (await read(first.followUp, "?limit=2")).json()) as FollowUp;
    expect(page.answer).toEqual({
      survey: target.survey,
      kind: "nps",
      score: 9,
      comment: "Quick checkout",
      service: checkout,
      at: expect.any(String),
    });
    const at = Date.parse(page.answer.at);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(after);
    const next = (await (await read(first.followUp, `?limit=2&cursor=${page.nextCursor}`)).json()) as FollowUp;
    expect(next.replies.map((reply) => reply.text)).toEqual(["Reply 3"]);
    expect(next.answer).toEqual(page.answer);

    const other = (await (await read(second.followUp)).json()) as FollowUp;
    expect(other.answer).toEqual({
      survey: target.survey,
      kind: "nps",
      score: 2,
      comment: null,
      service: delivery,
      at: expect.any(String),
    });
    expect(other.replies).toEqual([]);

    // Deleted by the team, or by the respondent: the thread and the answer are gone for that token only.
    expect((await admin("DELETE", `/v1/responses/${first.id}`)).status).toBe(204);
    const gone = await read(first.followUp);
    await expectError(gone.clone(), 404, "not_found");
    // The widget's page may read that 404 (then it forgets the token); a page no site lists may not.
    expect(gone.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const elsewhere = await api("/v1/followup", {
      headers: { origin: "https://elsewhere.example", "x-follow-up-token": first.followUp },
    });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers.get("access-control-allow-origin")).toBeNull();
    expect(((await (await read(second.followUp)).json()) as FollowUp).answer.score).toBe(2);
    const own = await api("/v1/followup", {
      method: "DELETE",
      headers: { origin: ORIGIN, "x-follow-up-token": second.followUp },
    });
    expect(own.status).toBe(204);
    await expectError(await read(second.followUp), 404, "not_found");
  });

  it("gives a thumbs answer's score (0 down, 1 up) and a text answer's null score", async () => {
    const thumbs = await seedSurvey({ kind: "thumbs" });
    const down = await give(thumbs, { score: 0 });
    expect(((await (await read(down.followUp)).json()) as FollowUp).answer).toMatchObject({
      kind: "thumbs",
      score: 0,
      comment: null,
      service: null,
    });
    const text = await seedSurvey({ kind: "text" });
    const written = await give(text, { comment: "The search finds nothing" });
    expect(((await (await read(written.followUp)).json()) as FollowUp).answer).toMatchObject({
      kind: "text",
      score: null,
      comment: "The search finds nothing",
    });
  });

  it("gives an employee's answer no time finer than the hour, as it is stored", async () => {
    const target = await seedSurvey({ kind: "csat" }, { audience: "internal" });
    setClock("2026-03-04T10:17:23.456Z");
    const { followUp } = await give(target, { score: 4, comment: "Payroll was late" });
    const thread = (await (await read(followUp)).json()) as FollowUp;
    expect(thread.answer).toEqual({
      survey: target.survey,
      kind: "csat",
      score: 4,
      comment: "Payroll was late",
      service: null,
      at: "2026-03-04T10:00:00.000Z",
    });
  });
});
