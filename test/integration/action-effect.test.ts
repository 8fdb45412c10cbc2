import { describe, expect, it } from "vitest";
import type { ActionEffect } from "../../schema/actions";
import { headlineDifference } from "../../shared/stats/cells";
import { setClock } from "./clock";
import { adminOk, seedSurvey, uid } from "./helpers";
import { prng } from "./reference";
import { insertAt } from "./seed";

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const MONDAY = Date.parse("2026-01-05T00:00:00Z"); // weeks of an internal site start on Monday, UTC
const MIN_GROUP = 3;

type Effect = ActionEffect;
type Stored = { at: number; score: number; service: string };

/** CSAT counts of answers, recomputed from the raw scores. */
const csatOf = (answers: Stored[]) => ({
  count: answers.length,
  satisfied: answers.filter((a) => a.score >= 4).length,
});

/**
 * Employees' answers an aggregate of [from, to) may count, recomputed from the raw answers and README's
 * rule: whole weeks (their site's period) that have closed by `now`, that hold at least minGroupSize
 * answers (one survey, one service, no dimensions: a week is one release group), whose middles fall in range.
 */
function releasedIn(answers: Stored[], from: number, to: number, now: number): Stored[] {
  const weekOf = (at: number) => MONDAY + Math.floor((at - MONDAY) / WEEK) * WEEK;
  const weeks = Map.groupBy(answers, (a) => weekOf(a.at));
  return [...weeks].flatMap(([start, inWeek]) => {
    const middle = start + WEEK / 2;
    const released = start + WEEK <= now && inWeek.length >= MIN_GROUP;
    return released && middle >= from && middle < to ? inWeek : [];
  });
}

const expectCloseTo = (actual: number[] | null, expected: number[] | null) => {
  if (expected === null) return expect(actual).toBeNull();
  for (const [i, value] of expected.entries()) expect(actual![i]).toBeCloseTo(value, 9);
};

describe("an action's before/after against a recomputation from the raw answers", () => {
  it("customers' and employees' CSAT: equal days before and after, the difference from shared/stats", async () => {
    const service = uid("svc");
    const external = await seedSurvey({ kind: "csat", services: [service] });
    const internal = await seedSurvey(
      { kind: "csat", services: [service] },
      { audience: "internal", minGroupSize: MIN_GROUP },
    );
    const random = prng(1515);
    // The week of Monday 23 March, inside the after range, gets fewer than minGroupSize employees' answers.
    const thinWeek = Date.parse("2026-03-23T00:00:00Z");
    const thinWeekFull = (at: number) =>
      at >= thinWeek && at < thinWeek + WEEK && answers.internal.filter((a) => a.at >= thinWeek).length >= 2;
    const answers = { external: [] as Stored[], internal: [] as Stored[] };
    const start = Date.parse("2026-02-02T00:00:00Z");
    const end = Date.parse("2026-04-06T00:00:00Z");
    for (let at = start; at < end; at += random.int(2, 30) * 3_600_000) {
      // Scores improve after the action, more for customers; some customers' answers rate nothing (no service).
      const better = at >= Date.parse("2026-03-11T00:00:00Z") ? 1 : 0;
      for (const audience of ["external", "internal"] as const) {
        if (audience === "internal" && (random.next() < 0.5 || thinWeekFull(at))) continue;
        const score = Math.min(5, random.int(1, 4) + (audience === "external" ? better : random.int(0, better)));
        // Employees' answers all rate it: a week is then one release group (or none), simple to recompute.
        const rated = audience === "internal" || random.next() < 0.85 ? service : "";
        const target = audience === "external" ? external : internal;
        await insertAt({ ...target, kind: "csat", score, at, service: rated, audience });
        if (rated) answers[audience].push({ at, score, service: rated });
      }
    }
    await adminOk("PUT", `/v1/services/${service}`, { name: service, owner: "team-a" });

    // The action on Wednesday 11 March; read on 1 April at noon: 21 whole days have passed.
    setClock("2026-04-01T12:00:00Z");
    const now = Date.now();
    await adminOk("PUT", `/v1/services/${service}/actions/more-agents`, { title: "More agents", date: "2026-03-11" });
    const { effect } = await adminOk<{ effect: Effect }>("GET", `/v1/services/${service}/actions/more-agents`);
    expect(effect.days).toBe(21);
    expect(effect.before).toEqual({ from: "2026-02-18T00:00:00.000Z", to: "2026-03-11T00:00:00.000Z" });
    expect(effect.after).toEqual({ from: "2026-03-11T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z" });
    expect(effect.comparisons.map((c) => `${c.audience} ${c.kind}`)).toEqual(["external csat", "internal csat"]);

    const [from, date, to] = [effect.before.from, effect.after.from, effect.after.to].map(Date.parse) as number[];
    const expected = {
      external: [
        answers.external.filter((a) => a.at >= from! && a.at < date!),
        answers.external.filter((a) => a.at >= date! && a.at < to!),
      ],
      internal: [releasedIn(answers.internal, from!, date!, now), releasedIn(answers.internal, date!, to!, now)],
    };
    for (const compared of effect.comparisons) {
      const [before, after] = expected[compared.audience as "external" | "internal"].map(csatOf);
      expect(before!.count, `${compared.audience}: answers before`).toBeGreaterThan(MIN_GROUP);
      expect(compared.a, compared.audience).toMatchObject(before!);
      expect(compared.b, compared.audience).toMatchObject(after!);
      const difference = headlineDifference("csat", before!, after!)!;
      expect(compared.difference).toBeCloseTo(difference.difference, 9);
      expectCloseTo(compared.interval, difference.interval);
      expect(compared.significant).toBe(difference.significant);
    }
    // The employees' week of Monday 30 March is still open: none of its answers counts yet.
    expect(effect.comparisons[1]!.b.count).toBeLessThan(
      answers.internal.filter((a) => a.at >= date! && a.at < to!).length,
    );
  });

  it("compares at most `days` days, and nothing for an action today or to come", async () => {
    const service = uid("svc");
    const target = await seedSurvey({ kind: "csat", services: [service] });
    for (let day = 0; day < 20; day++)
      await insertAt({
        ...target,
        kind: "csat",
        score: day < 10 ? 2 : 5,
        at: Date.parse("2026-05-01") + day * DAY,
        service,
      });
    setClock("2026-05-25T08:00:00Z");
    await adminOk("PUT", `/v1/services/${service}/actions/a`, { title: "A", date: "2026-05-11" });
    const short = await adminOk<{ effect: Effect }>("GET", `/v1/services/${service}/actions/a?days=3`);
    expect(short.effect).toMatchObject({ days: 3, before: { from: "2026-05-08T00:00:00.000Z" } });
    expect(short.effect.comparisons[0]).toMatchObject({ a: { count: 3, csat: 0 }, b: { count: 3, csat: 100 } });
    const long = await adminOk<{ effect: Effect }>("GET", `/v1/services/${service}/actions/a`);
    expect(long.effect.days).toBe(14); // 14 whole days since 11 May, fewer than the default 28
    expect(long.effect.comparisons[0]).toMatchObject({ a: { count: 10 }, b: { count: 10 }, significant: true });

    for (const date of ["2026-05-25", "2026-06-30"]) {
      await adminOk("PUT", `/v1/services/${service}/actions/later`, { title: "Later", date });
      const { effect } = await adminOk<{ effect: Effect }>("GET", `/v1/services/${service}/actions/later`);
      expect(effect.days).toBe(0);
      expect(effect.before).toEqual(effect.after);
      expect(effect.comparisons).toEqual([
        expect.objectContaining({ audience: "external", a: expect.objectContaining({ count: 0 }), difference: null }),
      ]);
    }
  });
});
