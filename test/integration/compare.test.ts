import { describe, expect, it } from "vitest";
import type { Cell } from "../../schema/aggregates";
import type { Comparison } from "../../schema/compare";
import { headlineDifference } from "../../shared/stats/cells";
import { admin, adminOk, expectError, seedSurvey, uid } from "./helpers";
import { insertAt } from "./seed";

const A = { from: "2026-01-05T00:00:00Z", to: "2026-01-12T00:00:00Z" };
const B = { from: "2026-01-12T00:00:00Z", to: "2026-01-19T00:00:00Z" };
const HOUR = 3_600_000;

/** Answers spread over a range, hour by hour, with the given scores in turn. */
async function answer(
  target: { site: string; survey: string },
  kind: string,
  range: typeof A,
  scores: number[],
  extra = {},
) {
  await insertAt(
    ...scores.map((score, i) => ({ ...target, kind, score, at: Date.parse(range.from) + (i % 150) * HOUR, ...extra })),
  );
}

const repeat = (counts: Record<number, number>) =>
  Object.entries(counts).flatMap(([score, n]) => Array<number>(n).fill(Number(score)));

const rangesPath = (filters: Record<string, string>) =>
  `/v1/aggregates/compare?${new URLSearchParams({ ...filters, aFrom: A.from, aTo: A.to, bFrom: B.from, bTo: B.to })}`;

describe("GET /v1/aggregates/compare (README: Comparing two ranges or two groups)", () => {
  it("compares two ranges: each side is GET /v1/aggregates' total, the difference is shared/stats'", async () => {
    const target = await seedSurvey({ kind: "csat" });
    await answer(target, "csat", A, [5, 4, 2, 1, 3, 5, 4, 4, 1, 2]);
    await answer(target, "csat", B, [5, 5, 4, 4, 4, 5, 3, 5]);
    const compared = await adminOk<Comparison>("GET", rangesPath({ site: target.site, kind: "csat" }));
    for (const [side, range] of [
      ["a", A],
      ["b", B],
    ] as const) {
      const read = await adminOk<{ total: Cell }>(
        "GET",
        `/v1/aggregates?site=${target.site}&kind=csat&from=${range.from}&to=${range.to}`,
      );
      expect(compared[side]).toEqual(read.total);
    }
    expect(compared.a.count).toBe(10);
    expect(compared.b.count).toBe(8);
    const expected = headlineDifference("csat", { count: 10, satisfied: 5 }, { count: 8, satisfied: 7 })!;
    expect(compared).toMatchObject({ kind: "csat", metric: "csat", ...expected });
    expect(compared.difference).toBeCloseTo(87.5 - 50, 9);
  });

  it("compares two groups of one field over one range, a group with no answers as a zero cell", async () => {
    const target = await seedSurvey({ kind: "thumbs" }, { dimensions: ["plan"] });
    await answer(target, "thumbs", A, [1, 1, 1, 0], { segment: { plan: "free" } });
    await answer(target, "thumbs", A, [1, 0, 0, 0, 0], { segment: { plan: "pro" } });
    const base = `/v1/aggregates/compare?site=${target.site}&kind=thumbs&from=${A.from}&to=${A.to}&by=segment.plan`;
    const compared = await adminOk<Comparison>("GET", `${base}&a=free&b=pro`);
    const grouped = await adminOk<{ groups: (Cell & { key: Record<string, string> })[] }>(
      "GET",
      `/v1/aggregates?site=${target.site}&kind=thumbs&from=${A.from}&to=${A.to}&groupBy=segment.plan`,
    );
    const cellOf = (plan: string) => {
      const { key: _key, ...cell } = grouped.groups.find((g) => g.key["segment.plan"] === plan)!;
      return cell;
    };
    expect(compared.a).toEqual(cellOf("free"));
    expect(compared.b).toEqual(cellOf("pro"));
    expect(compared.metric).toBe("positive");
    expect(compared.difference).toBeCloseTo(20 - 75, 9);

    const absent = await adminOk<Comparison>("GET", `${base}&a=free&b=enterprise`);
    expect(absent.b).toMatchObject({ count: 0, positive: null, interval: null });
    expect(absent).toMatchObject({ difference: null, interval: null, significant: false });
  });

  it("marks a big NPS shift significant and identical halves not", async () => {
    const target = await seedSurvey({ kind: "nps" });
    const before = repeat({ 2: 60, 5: 40, 7: 50, 8: 20, 9: 20, 10: 10 }); // 200 answers, NPS -35
    const after = repeat({ 2: 20, 5: 20, 7: 40, 8: 40, 9: 40, 10: 40 }); // 200 answers, NPS +20
    await answer(target, "nps", A, before);
    await answer(target, "nps", B, after);
    const shift = await adminOk<Comparison>("GET", rangesPath({ site: target.site, kind: "nps" }));
    expect(shift.a.count).toBe(200);
    expect(shift.b.count).toBe(200);
    expect(shift.difference).toBeCloseTo(55, 9);
    expect(shift.significant).toBe(true);
    expect(shift.interval![0]).toBeGreaterThan(0);

    const same = await seedSurvey({ kind: "nps" });
    await answer(same, "nps", A, before);
    await answer(same, "nps", B, before);
    const noise = await adminOk<Comparison>("GET", rangesPath({ site: same.site, kind: "nps" }));
    expect(noise.difference).toBe(0);
    expect(noise.significant).toBe(false);
    expect(noise.interval![0]).toBeLessThan(0);
    expect(noise.interval![1]).toBeGreaterThan(0);
  });

  it("refuses missing, mixed or meaningless parameters with a 422 naming what to send", async () => {
    const text = await seedSurvey({ kind: "text" });
    const cases: [string, string, RegExp][] = [
      [`kind=csat`, "query", /aFrom, aTo, bFrom and bTo.*by, a and b/],
      [`kind=csat&aFrom=${A.from}&aTo=${A.to}&bFrom=${B.from}`, "query.bTo", /aFrom, aTo, bFrom and bTo/],
      [`kind=csat&aFrom=${A.from}&by=site&a=x&b=y`, "query.by", /not with aFrom/],
      [`kind=csat&by=segment.plan&a=free`, "query.b", /by .*a and b/],
      [
        `kind=csat&from=${A.from}&${new URLSearchParams({ aFrom: A.from, aTo: A.to, bFrom: B.from, bTo: B.to })}`,
        "query.from",
        /leave out from and to/,
      ],
      [
        `kind=csat&${new URLSearchParams({ aFrom: A.to, aTo: A.from, bFrom: B.from, bTo: B.to })}`,
        "query.aTo",
        /after aFrom/,
      ],
      [`kind=text&by=site&a=x&b=y`, "query.kind", /no score to compare/],
      [`survey=${text.survey}&site=${text.site}&by=site&a=x&b=y`, "query.kind", /no score to compare/],
      [`kind=csat&by=colour&a=x&b=y`, "query.by", /segment\.<dimension>/],
    ];
    for (const [query, path, message] of cases) {
      const error = await expectError(await admin("GET", `/v1/aggregates/compare?${query}`), 422, "validation_failed");
      const detail = error.details!.find((d) => d.path === path);
      expect(detail, `${query}: ${JSON.stringify(error.details)}`).toBeDefined();
      expect(detail!.message, query).toMatch(message);
    }
  });

  it("lets read keys compare, and a site-limited key only its own sites", async () => {
    const mine = await seedSurvey({ kind: "csat" });
    const theirs = await seedSurvey({ kind: "csat" });
    await answer(mine, "csat", A, [5, 4, 1]);
    await answer(mine, "csat", B, [5, 5]);
    await answer(theirs, "csat", A, [1, 1, 1, 1]);
    await answer(theirs, "csat", B, [1]);
    const reader = (await adminOk<{ key: string }>("POST", "/v1/keys", { name: uid("r"), scope: "read" })).key;
    const limited = (
      await adminOk<{ key: string }>("POST", "/v1/keys", { name: uid("l"), scope: "read", sites: [mine.site] })
    ).key;
    const read = await admin("GET", rangesPath({ site: mine.site, kind: "csat" }), undefined, reader);
    expect(read.status).toBe(200);
    expect(((await read.json()) as Comparison).a.count).toBe(3);

    await expectError(
      await admin("GET", rangesPath({ site: theirs.site, kind: "csat" }), undefined, limited),
      403,
      "forbidden",
    );
    // Without a site filter, every site the key reads, and no other: its sides are its own aggregates.
    const own = await admin("GET", rangesPath({ kind: "csat" }), undefined, limited);
    expect(own.status).toBe(200);
    const compared = (await own.json()) as Comparison;
    const aggregate = await admin("GET", `/v1/aggregates?kind=csat&from=${A.from}&to=${A.to}`, undefined, limited);
    expect(compared.a).toEqual(((await aggregate.json()) as { total: Cell }).total);
    const everyone = await adminOk<{ total: Cell }>("GET", `/v1/aggregates?kind=csat&from=${A.from}&to=${A.to}`);
    expect(compared.a.count).toBeLessThan(everyone.total.count);
  });
});
