import type { AggregatesQuery, Cell } from "../../schema/aggregates";
import type { Kind } from "../../schema/common";
import type { Comparison, CompareQuery } from "../../schema/compare";
import { headlineDifference, type ScoreKind } from "../../shared/stats/cells";
import { emptyTally, toCell } from "../domain/metrics";
import { parseInstant } from "../domain/time-range";
import type { Bindings, Principal } from "../env";
import { validationFailed } from "../errors";
import { readAggregate, type AggregateRead } from "./read";

/** The filters of GET /v1/aggregates that both sides of a comparison share. */
export type SharedFilters = Omit<AggregatesQuery, "from" | "to" | "bucket" | "groupBy" | "source">;
export type Range = { from: string; to: string };
type Side = { cell: Cell; withheld: boolean };

const HEADLINE = { nps: "nps", csat: "csat", ces: "ces", thumbs: "positive" } as const;
const RANGES = ["aFrom", "aTo", "bFrom", "bTo"] as const;
const GROUPS = ["by", "a", "b"] as const;

/**
 * GET /v1/aggregates/compare: two ranges, or two groups over one range, each side exactly what
 * GET /v1/aggregates answers for it (readAggregate: the same scope, rollups and release groups), so a
 * comparison shows nothing the two reads would not.
 */
export async function compareAggregates(env: Bindings, principal: Principal, query: CompareQuery, now: number) {
  const { aFrom, aTo, bFrom, bTo, by, a, b, from, to, ...filters } = query;
  if (filters.kind) refuseText(filters.kind);
  if (modeOf(query) === "ranges")
    return compareRanges(env, principal, filters, { from: aFrom!, to: aTo! }, { from: bFrom!, to: bTo! }, now);
  const read = await readAggregate(env, principal, { ...filters, from, to, groupBy: [by!], source: "auto" }, now);
  const kind = refuseText(read.answer.kind);
  const side = (value: string): Side => {
    const group = read.answer.groups?.find((g) => g.key[by!] === value);
    const { key: _key, series: _series, ...cell } = group ?? { key: {}, ...zeroCell(kind) };
    return { cell, withheld: read.answer.withheld === true || cell.withheld === true };
  };
  return { comparison: comparison(kind, side(a!), side(b!)), reads: [read] };
}

/** Two ranges over the same filters; an action's before and after go through here too. */
export async function compareRanges(
  env: Bindings,
  principal: Principal,
  filters: SharedFilters,
  a: Range,
  b: Range,
  now: number,
): Promise<{ comparison: Comparison; reads: AggregateRead[] }> {
  // One after the other: the first read closes the periods that have ended (release/index.ts), so the second
  // sees the same release groups rather than racing it to close them.
  const reads: AggregateRead[] = [];
  for (const range of [a, b])
    reads.push(await readAggregate(env, principal, { ...filters, ...range, groupBy: [], source: "auto" }, now));
  const kind = refuseText(reads[0]!.answer.kind);
  const [sideA, sideB] = reads.map(({ answer }) => ({
    cell: answer.total,
    withheld: answer.withheld === true || answer.total.withheld === true,
  }));
  return { comparison: comparison(kind, sideA!, sideB!), reads };
}

/** A comparison of cells; difference, interval and significance from shared/stats (null when a side is empty). */
export function comparison(kind: ScoreKind, a: Side, b: Side): Comparison {
  const difference = headlineDifference(kind, a.cell, b.cell);
  return {
    kind,
    metric: HEADLINE[kind],
    ...(a.withheld || b.withheld ? { withheld: true as const } : {}),
    a: a.cell,
    b: b.cell,
    difference: difference?.difference ?? null,
    interval: difference?.interval ?? null,
    significant: difference?.significant ?? false,
  };
}

/** The cell of no answers. */
export const zeroCell = (kind: ScoreKind): Cell => toCell(kind, emptyTally()) as Cell;

function refuseText(kind: Kind): ScoreKind {
  if (kind !== "text") return kind;
  const message = "text answers have no score to compare: use kind nps, csat, ces or thumbs, or a survey of one";
  throw validationFailed([{ path: "query.kind", message }]);
}

/**
 * Two ranges (aFrom, aTo, bFrom, bTo and no from/to) or two groups (by, a, b, over from/to or the default
 * range): each missing or mixed parameter is a 422 that names it and says what to send.
 */
function modeOf(query: CompareQuery): "ranges" | "groups" {
  const given = (names: readonly (keyof CompareQuery)[]) => names.filter((name) => query[name] !== undefined);
  const [ranges, groups] = [given(RANGES), given(GROUPS)];
  const how =
    "to compare two ranges send aFrom, aTo, bFrom and bTo (no from/to); " +
    "to compare two groups send by, a and b (with from/to if you like)";
  if (ranges.length === 0 && groups.length === 0) throw validationFailed([{ path: "query", message: how }]);
  if (ranges.length > 0 && groups.length > 0)
    throw validationFailed(
      groups.map((name) => ({ path: `query.${name}`, message: `not with ${ranges.join(", ")}: ${how}` })),
    );
  if (ranges.length > 0) {
    const problems = [
      ...RANGES.filter((name) => query[name] === undefined).map((name) => ({
        path: `query.${name}`,
        message: `required with ${ranges.join(", ")}: a range comparison needs aFrom, aTo, bFrom and bTo`,
      })),
      ...given(["from", "to"]).map((name) => ({
        path: `query.${name}`,
        message: "not with aFrom…bTo: each side has its own range; leave out from and to",
      })),
    ];
    if (problems.length) throw validationFailed(problems);
    const backwards = (["a", "b"] as const).filter(
      (side) => !(parseInstant(query[`${side}From`]!, query.tz) < parseInstant(query[`${side}To`]!, query.tz)),
    );
    if (backwards.length)
      throw validationFailed(
        backwards.map((side) => ({ path: `query.${side}To`, message: `must be after ${side}From` })),
      );
    return "ranges";
  }
  const missing = GROUPS.filter((name) => query[name] === undefined);
  if (missing.length)
    throw validationFailed(
      missing.map((name) => ({
        path: `query.${name}`,
        message: `required with ${groups.join(", ")}: a group comparison needs by (a group field), a and b (its values)`,
      })),
    );
  return "groups";
}
