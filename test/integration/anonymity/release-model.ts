import { attributeOf, selects } from "./attacker";
import type { Selector, Tally } from "./observe";
import { periodEnd, periodStart, type Answer, type InternalSite, type Org } from "./org-model";

/**
 * The release rule of issue 11, written again from its text as the reference the Worker is checked
 * against: in each closed period of an internal site, per kind, answers start in their finest group
 * (survey, service, topic, each dimension); groups of at least minGroupSize stay; the small ones give up
 * topic, then the dimensions from last to first, then service, then survey, one at a time ("*"), merging
 * as they go; what is still small at the end is withheld.
 */
export const SEVERAL = "*";
export type ReleaseGroup = {
  site: string;
  kind: string;
  periodStart: number;
  periodEnd: number;
  attributes: Selector;
  tally: Tally;
};
export type Released = {
  groups: ReleaseGroup[];
  withheld: { site: string; kind: string; periodStart: number; periodEnd: number }[];
};

const tallyOf = (answers: Answer[]): Tally => {
  const dist = new Array<number>(11).fill(0);
  for (const answer of answers) dist[answer.score]!++;
  return { count: answers.length, dist };
};

/** Attribute names in the order they are generalised. */
export const generalisationOrder = (site: InternalSite) => [
  "topic",
  ...[...site.dimensions].reverse().map((d) => `segment.${d}`),
  "service",
  "survey",
];

export function release(org: Org, now: number): Released {
  const released: Released = { groups: [], withheld: [] };
  for (const site of org.internal) {
    const order = generalisationOrder(site);
    const byPeriodAndKind = new Map<string, Answer[]>();
    for (const answer of org.answers.filter((a) => a.site === site.id)) {
      const start = periodStart(site, answer.at);
      if (periodEnd(site, start) > now) continue; // still open
      const key = `${start}|${answer.kind}`;
      byPeriodAndKind.set(key, [...(byPeriodAndKind.get(key) ?? []), answer]);
    }
    for (const [key, answers] of byPeriodAndKind) {
      const [start, kind] = [Number(key.split("|")[0]), key.split("|")[1]!];
      const where = { site: site.id, kind, periodStart: start, periodEnd: periodEnd(site, start) };
      let small = answers;
      // Level L: the first L attributes of the order read "*".
      for (let level = 0; level <= order.length && small.length > 0; level++) {
        const keyAt = (answer: Answer) =>
          Object.fromEntries(order.map((field, i) => [field, i < level ? SEVERAL : attributeOf(answer, field)]));
        const groups = new Map<string, Answer[]>();
        for (const answer of small) {
          const id = JSON.stringify(keyAt(answer));
          groups.set(id, [...(groups.get(id) ?? []), answer]);
        }
        small = [];
        for (const members of groups.values()) {
          if (members.length >= org.minGroupSize)
            released.groups.push({ ...where, attributes: keyAt(members[0]!), tally: tallyOf(members) });
          else small.push(...members);
        }
      }
      if (small.length > 0) released.withheld.push(where);
    }
  }
  return released;
}

const middle = (group: { periodStart: number; periodEnd: number }) => (group.periodStart + group.periodEnd) / 2;

/** What a released group reads as for a field: its attribute, or its site and audience. */
export function groupValue(group: ReleaseGroup, field: string): string | null {
  if (field === "site") return group.site;
  if (field === "audience") return "internal";
  if (!(field in group.attributes)) throw new Error(`the model has no ${field}`);
  return group.attributes[field]!;
}

export type Expected = { cells: Map<string, Tally>; withheld: boolean };

/**
 * The figures a query must give: per groupBy key (JSON of the values; "[]" is the total), the sum of
 * the whole released groups whose attributes equal every filter and whose period's middle lies in
 * [from, to), plus the external answers the query selects. `withheld`: some internal data in range
 * was left out (a withheld remainder, or a group with "*" where a filter names a value).
 */
export function expectedFigures(
  org: Org,
  released: Released,
  query: { kind: string; filters: Selector; from: number; to: number; groupBy: string[] },
): Expected {
  const cells = new Map<string, Tally>();
  const add = (values: (string | null)[], tally: Tally) => {
    for (const key of ["[]", ...(query.groupBy.length ? [JSON.stringify(values)] : [])]) {
      const cell = cells.get(key) ?? { count: 0, dist: new Array<number>(11).fill(0) };
      cell.count += tally.count;
      tally.dist.forEach((n, s) => {
        cell.dist[s]! += n;
      });
      cells.set(key, cell);
    }
  };
  for (const answer of org.answers) {
    if (
      answer.audience !== "external" ||
      answer.kind !== query.kind ||
      answer.at < query.from ||
      answer.at >= query.to ||
      !selects(query.filters, answer)
    )
      continue;
    add(
      query.groupBy.map((field) => attributeOf(answer, field)),
      tallyOf([answer]),
    );
  }
  let withheld = false;
  const inScope = (where: { site: string; kind: string; periodStart: number; periodEnd: number }) =>
    where.kind === query.kind &&
    (query.filters.site ?? where.site) === where.site &&
    query.filters.audience !== "external" &&
    middle(where) >= query.from &&
    middle(where) < query.to;
  for (const group of released.groups) {
    if (!inScope(group)) continue;
    const checks = Object.entries(query.filters)
      .filter(([field]) => field !== "site" && field !== "audience")
      .map(([field, value]) =>
        group.attributes[field] === value ? "yes" : group.attributes[field] === SEVERAL ? "part" : "no",
      );
    if (checks.includes("no")) continue;
    if (checks.includes("part")) withheld = true;
    else
      add(
        query.groupBy.map((field) => groupValue(group, field)),
        group.tally,
      );
  }
  if (released.withheld.some(inScope)) withheld = true;
  return { cells, withheld };
}
