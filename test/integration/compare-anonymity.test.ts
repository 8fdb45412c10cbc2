import { env } from "cloudflare:test";
import type { Cell } from "../../schema/aggregates";
import type { Comparison as CompareAnswer } from "../../schema/compare";
import { describe, expect, it } from "vitest";
import { setClock } from "./clock";
import { adminOk, seedSurvey, uid } from "./helpers";
import { insertAt } from "./seed";

/**
 * Issue 15 item 6: compare and an action's before/after add no way to isolate fewer than minGroupSize
 * employees. An attacker with the admin token tries what a difference invites: ranges a day or an hour apart,
 * a group of one, the same reads before and after one more colleague answers. Every employees' figure it gets
 * must be a sum of whole release groups (read from D1), and a lone answer must move nothing until its group
 * is released. Soft assertions: a failing run lists every attack that got through, not only the first.
 */
const MIN_GROUP = 3;
const HOUR = 3_600_000;
const at = (day: string, hour = 9) => Date.parse(`2026-03-${day}T00:00:00Z`) + hour * HOUR;

type Comparison = CompareAnswer & { audience?: string };

/** Whether `cell` is the sum of some of `groups` (score counts 1..5): a figure made only of released groups. */
function isSumOfGroups(cell: Cell, groups: number[][]): boolean {
  const target = [1, 2, 3, 4, 5].map((s) => cell.distribution[String(s)] ?? 0);
  for (let subset = 0; subset < 1 << groups.length; subset++) {
    const sum = [0, 0, 0, 0, 0];
    groups.forEach((group, i) => {
      if (subset & (1 << i)) for (let s = 0; s < 5; s++) sum[s]! += group[s]!;
    });
    if (sum.every((value, s) => value === target[s])) return true;
  }
  return false;
}

/** An internal site rating one service, with two closed weeks of answers and an action to read the effect of. */
async function seedOrg() {
  const service = uid("svc");
  const target = await seedSurvey(
    { kind: "csat", services: [service] },
    { audience: "internal", dimensions: ["team"], minGroupSize: MIN_GROUP },
  );
  const answer = (when: number, team: string, score: number) =>
    insertAt({ ...target, kind: "csat", score, at: when, service, segment: { team }, audience: "internal" });
  // Week of Monday 2 March: three in sales, two in ops and one lawyer, who answered in its first hour.
  for (const [when, team, score] of [
    [at("02", 0), "legal", 1],
    [at("02"), "sales", 5],
    [at("03"), "sales", 4],
    [at("04"), "sales", 4],
    [at("05"), "ops", 2],
    [at("06"), "ops", 3],
    [at("10"), "sales", 3],
    [at("11"), "sales", 5],
    [at("12"), "ops", 4],
    [at("13"), "ops", 2],
  ] as const)
    await answer(when, team, score);
  await adminOk("PUT", `/v1/services/${service}/actions/probe`, { title: "Probe", date: "2026-03-09" });
  return { service, site: target.site, answer };
}

type Org = Awaited<ReturnType<typeof seedOrg>>;
const iso = (instant: number) => new Date(instant).toISOString();
const ranges = (a: [number, number], b: [number, number]) => ({
  aFrom: iso(a[0]),
  aTo: iso(a[1]),
  bFrom: iso(b[0]),
  bTo: iso(b[1]),
});

describe("compare and before/after, attacked (README: Employees' anonymity)", () => {
  it("show employees' answers only as whole release groups, however the ranges and groups are cut", async () => {
    setClock(at("16", 10)); // the weeks of 2 and 9 March have closed
    const [org, control] = [await seedOrg(), await seedOrg()];
    const seen: { what: string; site: string; comparison: Comparison }[] = [];
    const compare = async (what: string, query: Record<string, string>, on: Org = org) => {
      const params = new URLSearchParams({ kind: "csat", site: on.site, ...query });
      const comparison = await adminOk<Comparison>("GET", `/v1/aggregates/compare?${params}`);
      seen.push({ what, site: on.site, comparison });
      return comparison;
    };
    const effect = async (what: string, on: Org) => {
      const path = `/v1/services/${on.service}/actions/probe?days=182`;
      const comparison = (await adminOk<{ effect: { comparisons: Comparison[] } }>("GET", path)).effect.comparisons[0]!;
      seen.push({ what, site: on.site, comparison });
      return comparison;
    };

    const hour = await compare("an hour apart", ranges([at("02", 0), at("09", 0)], [at("02", 1), at("09", 0)]));
    const day = await compare("a day apart", ranges([at("02", 0), at("09", 0)], [at("03", 0), at("09", 0)]));
    expect(hour.a.count).toBeGreaterThan(0);
    for (const shifted of [hour, day]) expect.soft(shifted.b, "a shifted range splits no group").toEqual(shifted.a);
    const lone = await compare("a team of one", { by: "segment.team", a: "legal", b: "sales", from: iso(at("02", 0)) });
    expect.soft(lone.a.count, "the lone lawyer is in no group of their own").toBe(0);
    const filtered = await compare("a segment of one", {
      ...ranges([at("02", 0), at("09", 0)], [at("09", 0), at("16", 0)]),
      "segment.team": "legal",
    });
    expect.soft([filtered.a.count, filtered.b.count]).toEqual([0, 0]);

    // What the attacker learns from a read: its figures. (A `withheld` mark may appear when a period closes with
    // a remainder: README says so, and it tells no score.)
    const probe = async (epoch: string, on: Org) =>
      [
        await compare(`${epoch}: an hour apart`, ranges([at("16", 0), at("30", 0)], [at("16", 1), at("30", 0)]), on),
        await compare(`${epoch}: a day apart`, ranges([at("02", 0), at("30", 0)], [at("03", 0), at("30", 0)]), on),
        await compare(`${epoch}: by team`, { by: "segment.team", a: "legal", b: "ops", from: iso(at("02", 0)) }, on),
        await effect(`${epoch}: before/after`, on),
      ].map(({ a, b, difference }) => ({ a: [a.count, a.distribution], b: [b.count, b.distribution], difference }));
    // One more lawyer answers in the open week, in one organisation only (the other is the control): no read
    // tells them apart, while the week is open, once it closes with them alone, or when the next week is released.
    setClock(at("17", 10));
    await org.answer(at("17"), "legal", 1);
    expect.soft(await probe("open", org), "one answer in an open period").toEqual(await probe("open", control));
    setClock(at("23", 10));
    const alone = await probe("closed, alone", org);
    expect.soft(alone, "one answer, withheld at close").toEqual(await probe("closed, alone", control));
    setClock(at("26", 12));
    for (const on of [org, control]) {
      await on.answer(at("24"), "ops", 5);
      await on.answer(at("25"), "ops", 5);
      await on.answer(at("26"), "sales", 5);
    }
    expect.soft(await probe("next week open", org)).toEqual(alone);
    setClock(at("30", 10));
    const released = await probe("next week closed", org);
    expect.soft(released).toEqual(await probe("next week closed", control));
    expect.soft(released[0]!.b[0], "a whole group, released at once").toBe((alone[0]!.b[0] as number) + 3);

    // Every employees' figure seen is made of whole release groups of its site, none of fewer than minGroupSize.
    const { results } = await env.DB.prepare(
      "SELECT site_id, s1, s2, s3, s4, s5 FROM release_groups WHERE site_id IN (?, ?) AND withheld = 0",
    )
      .bind(org.site, control.site)
      .all<{ site_id: string; s1: number; s2: number; s3: number; s4: number; s5: number }>();
    const groupsOf = (site: string) =>
      results.filter((row) => row.site_id === site).map((row) => [row.s1, row.s2, row.s3, row.s4, row.s5]);
    expect(groupsOf(org.site).length).toBeGreaterThanOrEqual(3);
    let figures = 0;
    for (const { what, site, comparison } of seen) {
      for (const [side, cell] of [
        ["a", comparison.a],
        ["b", comparison.b],
      ] as const) {
        figures++;
        expect.soft(cell.count === 0 || cell.count >= MIN_GROUP, `${what} ${side}: ${cell.count} answers`).toBe(true);
        expect
          .soft(isSumOfGroups(cell, groupsOf(site)), `${what} ${side}: ${JSON.stringify(cell.distribution)}`)
          .toBe(true);
      }
    }
    console.log(`compare attack: ${seen.length} comparisons, ${figures} figures, ${results.length} release groups`);
  });
});
