import type { Kind } from "../../schema/common";
import { addTally, emptyTally, toCell, type Cell, type Tally } from "./metrics";
import { suppressLines } from "./privacy";

/** A group-by field: `site`, `survey`, `service`, `owner`, `audience`, `topic` or `segment.<dim>`. */
export type Field = string;

/** Counts read from rollups or raw rows, with what they belong to. */
export type Fact = {
  bucket: number;
  sign: 1 | -1;
  site: string;
  survey: string;
  service: string;
  /** `topic` and `segment.<dim>` values this fact is known for. */
  attrs: Record<string, string>;
  tally: Tally;
};

export type SiteInfo = { audience: "external" | "internal"; minGroupSize: number };
export type Context = {
  sites: Map<string, SiteInfo>;
  ownerOf: Map<string, string | null>;
};

export type PublicCell = Cell | { suppressed: true };
export type Answer = {
  kind: Kind;
  total: PublicCell;
  series?: ({ start: string } & PublicCell)[];
  groups?: ({ key: Record<string, string | null>; series?: ({ start: string } & PublicCell)[] } & PublicCell)[];
};

type Accumulator = { tally: Tally; perSite: Map<string, number> };

export function fieldValue(fact: Fact, field: Field, context: Context): string | null {
  switch (field) {
    case "site":
      return fact.site;
    case "survey":
      return fact.survey;
    case "service":
      return fact.service || null;
    case "owner":
      return fact.service ? (context.ownerOf.get(fact.service) ?? null) : null;
    case "audience":
      return context.sites.get(fact.site)?.audience ?? null;
    default:
      return fact.attrs[field] || null;
  }
}

function accumulate(into: Map<string, Accumulator>, key: string, fact: Fact): void {
  let acc = into.get(key);
  if (!acc) into.set(key, (acc = { tally: emptyTally(), perSite: new Map() }));
  addTally(acc.tally, fact.tally, fact.sign);
  acc.perSite.set(fact.site, (acc.perSite.get(fact.site) ?? 0) + fact.sign * fact.tally.n);
}

function guard(acc: Accumulator | undefined, context: Context) {
  let threshold = 0;
  for (const [site, count] of acc?.perSite ?? []) {
    const info = context.sites.get(site);
    if (count > 0 && info?.audience === "internal") threshold = Math.max(threshold, info.minGroupSize);
  }
  return { count: acc?.tally.n ?? 0, threshold };
}

type GroupOut = { key: Record<string, string | null> } & PublicCell & { series?: ({ start: string } & PublicCell)[] };

/**
 * Folds facts into the contract's answer: the total, one point per bucket, one entry per group (with
 * its own series when both are asked for). Small internal cells are suppressed, and so is whatever
 * would let them be worked out by subtraction within the answer (see privacy.ts).
 */
export function buildAnswer(
  kind: Kind,
  facts: Iterable<Fact>,
  options: { groupBy: Field[]; bucketLabels: string[] | null },
  context: Context,
): Answer {
  const buckets = options.bucketLabels?.length ?? 0;
  const cells = new Map<string, Accumulator>();
  const groupKeys = new Map<string, (string | null)[]>();
  for (const fact of facts) {
    accumulate(cells, "total", fact);
    if (buckets) accumulate(cells, `point:${fact.bucket}`, fact);
    if (options.groupBy.length > 0) {
      const values = options.groupBy.map((field) => fieldValue(fact, field, context));
      const key = JSON.stringify(values);
      groupKeys.set(key, values);
      accumulate(cells, `group:${key}`, fact);
      if (buckets) accumulate(cells, `group:${key}:${fact.bucket}`, fact);
    }
  }
  // Groups whose responses netted out to nothing (a deleted answer) are not listed.
  const groups = [...groupKeys.keys()].filter((key) => cells.get(`group:${key}`)!.tally.n !== 0).sort();
  const points = Array.from({ length: buckets }, (_, b) => b);

  // Every cell of the answer, and the lines of cells that add up.
  const names = ["total", ...points.map((b) => `point:${b}`), ...groups.map((g) => `group:${g}`), ...groups.flatMap((g) => points.map((b) => `group:${g}:${b}`))];
  const index = new Map(names.map((name, i) => [name, i]));
  const at = (name: string) => index.get(name)!;
  const lines: number[][] = [];
  if (buckets) lines.push([at("total"), ...points.map((b) => at(`point:${b}`))]);
  if (groups.length) lines.push([at("total"), ...groups.map((g) => at(`group:${g}`))]);
  if (buckets && groups.length) {
    for (const g of groups) lines.push([at(`group:${g}`), ...points.map((b) => at(`group:${g}:${b}`))]);
    for (const b of points) lines.push([at(`point:${b}`), ...groups.map((g) => at(`group:${g}:${b}`))]);
  }
  const hidden = suppressLines(names.map((name) => guard(cells.get(name), context)), lines);
  const reveal = (name: string): PublicCell => (hidden[at(name)] ? { suppressed: true } : toCell(kind, cells.get(name)?.tally ?? emptyTally()));

  const answer: Answer = { kind, total: reveal("total") };
  if (options.bucketLabels) answer.series = options.bucketLabels.map((start, b) => ({ start, ...reveal(`point:${b}`) }));
  if (options.groupBy.length > 0) {
    answer.groups = groups.map((g) => {
      const group: GroupOut = { key: Object.fromEntries(options.groupBy.map((field, f) => [field, groupKeys.get(g)![f]!])), ...reveal(`group:${g}`) };
      if (options.bucketLabels) group.series = options.bucketLabels.map((start, b) => ({ start, ...reveal(`group:${g}:${b}`) }));
      return group;
    });
  }
  return answer;
}
