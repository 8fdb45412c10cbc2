import { describe, expect, it } from "vitest";
import { adminOk, postResponse, seedSurvey } from "./helpers";

type Answer = { total: Record<string, unknown>; groups?: ({ key: Record<string, string | null> } & Record<string, unknown>)[] };

describe("anonymity of internal audiences", () => {
  it("suppresses a cell of minGroupSize − 1 internal responses and shows it at minGroupSize", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" }, { audience: "internal", dimensions: ["team"], minGroupSize: 5 });
    for (let i = 0; i < 4; i++) expect((await postResponse({ site, survey, score: 2, segment: { team: "legal" } })).status).toBe(201);
    const small = await adminOk<Answer>("GET", `/v1/aggregates?survey=${survey}&site=${site}`);
    expect(small.total).toEqual({ suppressed: true });
    await postResponse({ site, survey, score: 5, segment: { team: "legal" } });
    const enough = await adminOk<Answer>("GET", `/v1/aggregates?survey=${survey}&site=${site}`);
    expect(enough.total).toMatchObject({ count: 5, satisfied: 1 });
  });

  it("hides the next-smallest group too when one group of a breakdown is small", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" }, { audience: "internal", dimensions: ["team"], minGroupSize: 5 });
    const teams = { sales: 12, support: 7, legal: 2 };
    for (const [team, n] of Object.entries(teams)) for (let i = 0; i < n; i++) await postResponse({ site, survey, score: 4, segment: { team } });
    const answer = await adminOk<Answer>("GET", `/v1/aggregates?survey=${survey}&site=${site}&groupBy=segment.team`);
    expect(answer.total).toMatchObject({ count: 21 });
    const byTeam = Object.fromEntries(answer.groups!.map(({ key, ...cell }) => [key["segment.team"], cell]));
    expect(byTeam.legal).toEqual({ suppressed: true });
    expect(byTeam.support).toEqual({ suppressed: true });
    expect(byTeam.sales).toMatchObject({ count: 12 });
  });

  it("never suppresses external sites", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" }, { audience: "external", dimensions: ["plan"] });
    await postResponse({ site, survey, score: 9, segment: { plan: "pro" } });
    const answer = await adminOk<Answer>("GET", `/v1/aggregates?survey=${survey}&site=${site}&groupBy=segment.plan`);
    expect(answer.total).toMatchObject({ count: 1 });
    expect(answer.groups).toEqual([expect.objectContaining({ key: { "segment.plan": "pro" }, count: 1 })]);
  });
});
