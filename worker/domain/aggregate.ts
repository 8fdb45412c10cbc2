import type { Kind } from "../../schema/common";
import { addTally, emptyTally, toCell, type Cell, type Tally } from "./metrics";
import { SEVERAL } from "../../schema/common";

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
  /** Internal answers in scope that no figure may count (they add nothing; they mark the cell). */
  withheld?: boolean;
};

export type Context = {
  ownerOf: Map<string, string | null>;
  audienceOf: Map<string, "external" | "internal">;
};

/**
 * A figure, and whether internal answers in scope were left out of it (README: "Employees' anonymity"); with
 * how often the surveys were shown where the query allows it (domain/displays.ts).
 */
export type PublicCell = Cell & { withheld?: true; displays?: number; responseRate?: number | null };
export type Answer = {
  kind: Kind;
  /**
   * Some internal answers in scope are in no figure here: a group that matched the filters only in part, or a
   * remainder.
   */
  withheld?: true;
  total: PublicCell;
  series?: ({ start: string } & PublicCell)[];
  groups?: ({ key: Record<string, string | null>; series?: ({ start: string } & PublicCell)[] } & PublicCell)[];
};

type Accumulator = { tally: Tally; withheld: boolean };

export function fieldValue(fact: Fact, field: Field, context: Context): string | null {
  switch (field) {
    case "site":
      return fact.site;
    case "survey":
      return fact.survey;
    case "service":
      return fact.service || null;
    case "owner":
      // A release group of several services has several owners, as far as a reader may know.
      return fact.service === SEVERAL ? SEVERAL : fact.service ? (context.ownerOf.get(fact.service) ?? null) : null;
    case "audience":
      return context.audienceOf.get(fact.site) ?? null;
    default:
      return fact.attrs[field] || null;
  }
}

function accumulate(into: Map<string, Accumulator>, key: string, fact: Fact): void {
  let acc = into.get(key);
  if (!acc) {
    acc = { tally: emptyTally(), withheld: false };
    into.set(key, acc);
  }
  addTally(acc.tally, fact.tally, fact.sign);
  if (fact.withheld) acc.withheld = true;
}

/**
 * The most cells one answer may hold, groups × (buckets + 1): segment values are chosen by anonymous
 * visitors, and an unbounded breakdown by hour once filled an isolate's 128 MB (issue 13). 10,000 cells are
 * about 1.5 MB of JSON: two weeks by hour (336 buckets) for about 29 groups, or a year by day for 27.
 */
export const MAX_ANSWER_CELLS = 10_000;

/** An answer that would hold more than MAX_ANSWER_CELLS cells; the caller narrows the request. */
export class TooManyCells extends Error {
  override readonly name = "TooManyCells";
}

type GroupOut = { key: Record<string, string | null> } & PublicCell & { series?: ({ start: string } & PublicCell)[] };

/**
 * Folds facts into the contract's answer: the total, one point per bucket, one entry per group (with
 * its own series when both are asked for). Internal answers arrive only as whole release groups
 * (worker/release), so every cell is shown as it is: no cell can isolate fewer than minGroupSize of
 * them. A fact marked `withheld` (internal data in scope that no figure may count) counts nothing and
 * marks the total and its point.
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
    if (options.groupBy.length > 0 && !fact.withheld) {
      const values = options.groupBy.map((field) => fieldValue(fact, field, context));
      const key = JSON.stringify(values);
      groupKeys.set(key, values);
      // Checked as groups appear, so a flood of values is refused before its cells are built.
      if (groupKeys.size * (buckets + 1) > MAX_ANSWER_CELLS) throw new TooManyCells();
      accumulate(cells, `group:${key}`, fact);
      if (buckets) accumulate(cells, `group:${key}:${fact.bucket}`, fact);
    }
  }
  // Groups whose responses netted out to nothing (a deleted answer) are not listed.
  const groups = [...groupKeys.keys()].filter((key) => cells.get(`group:${key}`)!.tally.n !== 0).sort();
  const reveal = (name: string): PublicCell => {
    const acc = cells.get(name);
    const cell: PublicCell = toCell(kind, acc?.tally ?? emptyTally());
    if (acc?.withheld) cell.withheld = true;
    return cell;
  };

  const answer: Answer = { kind, total: reveal("total") };
  if (answer.total.withheld) answer.withheld = true;
  if (options.bucketLabels)
    answer.series = options.bucketLabels.map((start, b) => ({ start, ...reveal(`point:${b}`) }));
  if (options.groupBy.length > 0) {
    answer.groups = groups.map((g) => {
      const group: GroupOut = {
        key: Object.fromEntries(options.groupBy.map((field, f) => [field, groupKeys.get(g)![f]!])),
        ...reveal(`group:${g}`),
      };
      if (options.bucketLabels)
        group.series = options.bucketLabels.map((start, b) => ({ start, ...reveal(`group:${g}:${b}`) }));
      return group;
    });
  }
  return answer;
}
