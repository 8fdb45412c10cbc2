import type { Action, ActionEffect } from "../../schema/actions";
import { compareRanges, comparison, zeroCell } from "../aggregates/compare";
import { ratingKinds } from "../db/actions";
import type { Bindings, Principal } from "../env";

const DAY = 86_400_000;

/**
 * An action's before/after: `w` whole days before its date against `w` from it, w = min(days, whole UTC
 * days since the date), so both sides are equally long and the after side holds only days that have
 * passed. One comparison per audience and score kind rating the service on a site the caller reads, each
 * through GET /v1/aggregates' own path (aggregates/compare.ts → read.ts): employees' figures are the release
 * groups of closed periods whose middles fall in each range, nothing finer.
 */
export async function actionEffect(
  env: Bindings,
  principal: Principal,
  action: Action,
  days: number,
  now: number,
): Promise<ActionEffect> {
  const start = Date.parse(`${action.date}T00:00:00Z`);
  const w = Math.max(0, Math.min(days, Math.floor((now - start) / DAY)));
  const iso = (at: number) => new Date(at).toISOString();
  const before = { from: iso(start - w * DAY), to: iso(start) };
  const after = { from: iso(start), to: iso(start + w * DAY) };
  const rated = await ratingKinds(env.DB, action.service, principal.sites);
  const comparisons: ActionEffect["comparisons"] = [];
  // In turn, as compareRanges reads its sides: the first read closes what has ended, the rest see it closed.
  for (const { audience, kind } of rated) {
    // No whole day has passed yet: both sides are empty ranges, which no read can ask for.
    if (w === 0) {
      const empty = { cell: zeroCell(kind), withheld: false };
      comparisons.push({ ...comparison(kind, empty, empty), audience });
      continue;
    }
    const filters = { kind, service: action.service, audience, tz: "UTC", segment: {} };
    const { comparison: compared } = await compareRanges(env, principal, filters, before, after, now);
    comparisons.push({ ...compared, audience });
  }
  return { days: w, before, after, comparisons };
}
