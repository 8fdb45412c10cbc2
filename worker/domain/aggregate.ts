import type { Kind } from "../../schema/common";
import { addTally, emptyTally, toCell, type Cell, type Tally } from "./metrics";
import { isSmall, suppressionMask } from "./privacy";

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
  groups?: ({ key: Record<string, string | null> } & PublicCell)[];
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

/**
 * Folds facts into the contract's answer: the total, one point per bucket, one entry per group, with
 * small internal cells suppressed, and their siblings too where subtraction would reveal them.
 */
export function buildAnswer(
  kind: Kind,
  facts: Iterable<Fact>,
  options: { groupBy: Field[]; bucketLabels: string[] | null },
  context: Context,
): Answer {
  const total = new Map<string, Accumulator>();
  const series = new Map<string, Accumulator>();
  const groups = new Map<string, Accumulator>();
  const groupKeys = new Map<string, (string | null)[]>();
  for (const fact of facts) {
    accumulate(total, "", fact);
    if (options.bucketLabels) accumulate(series, String(fact.bucket), fact);
    if (options.groupBy.length > 0) {
      const values = options.groupBy.map((field) => fieldValue(fact, field, context));
      const key = JSON.stringify(values);
      groupKeys.set(key, values);
      accumulate(groups, key, fact);
    }
  }
  const reveal = (acc: Accumulator | undefined, hidden: boolean): PublicCell =>
    hidden ? { suppressed: true } : toCell(kind, acc?.tally ?? emptyTally());

  const totalAcc = total.get("");
  const answer: Answer = { kind, total: reveal(totalAcc, isSmall(guard(totalAcc, context))) };
  if (options.bucketLabels) {
    const accs = options.bucketLabels.map((_, i) => series.get(String(i)));
    const mask = suppressionMask(accs.map((acc) => guard(acc, context)));
    answer.series = options.bucketLabels.map((start, i) => ({ start, ...reveal(accs[i], mask[i]!) }));
  }
  if (options.groupBy.length > 0) {
    // Groups whose responses netted out to nothing (a deleted answer) are not listed.
    const keys = [...groups.keys()].filter((key) => groups.get(key)!.tally.n !== 0).sort();
    const mask = suppressionMask(keys.map((key) => guard(groups.get(key), context)));
    answer.groups = keys.map((key, i) => ({
      key: Object.fromEntries(options.groupBy.map((field, f) => [field, groupKeys.get(key)![f]!])),
      ...reveal(groups.get(key), mask[i]!),
    }));
  }
  return answer;
}
