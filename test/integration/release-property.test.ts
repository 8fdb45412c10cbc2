import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { valuesOf } from "./anonymity/attacks";
import { aggregatesPath, get, readRows, tallyOf, type Query, type Row, type Tally } from "./anonymity/observe";
import { HOUR, NOW, orgPlanArb, TOPICS, type Org } from "./anonymity/org-model";
import { postAnswers, seedOrg } from "./anonymity/org-seed";
import { expectedFigures, release, type Released } from "./anonymity/release-model";

/**
 * Issue 11's second property: every internal figure any endpoint returns (aggregate totals, series
 * points, groups; the inbox's rows per group) is the sum of whole closed release groups, as the
 * reference (anonymity/release-model.ts) forms them from the answers the test gave.
 */
const ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
const DAY = 24 * HOUR;
const ORDER: Record<string, number> = { hour: 0, day: 1, week: 2, month: 3 };

const recipeArb = fc.record({
  scope: fc.constantFrom("internal", "internal", "service", "external"),
  site: fc.nat(),
  nps: fc.boolean(),
  dimensions: fc.subarray([0, 1, 2], { maxLength: 2 }),
  value: fc.nat(),
  service: fc.boolean(),
  topic: fc.boolean(),
  audience: fc.constantFrom(undefined, "internal", "external"),
  groupBy: fc.constantFrom(
    [],
    ["d0"],
    ["d1"],
    ["d0", "d1"],
    ["service"],
    ["topic"],
    ["survey"],
    ["audience"],
    ["site"],
    ["d0", "topic"],
  ),
  window: fc.constantFrom("history", "period", "days", "hours"),
  start: fc.nat(),
  bucket: fc.constantFrom(undefined, undefined, "day", "week", "month"),
});
type Recipe = typeof recipeArb extends fc.Arbitrary<infer R> ? R : never;

/** A recipe's query against one organisation, and whether the Worker must refuse its bucket. */
function queryOf(org: Org, recipe: Recipe): { query: Query & { groupBy: string[] }; refused: boolean } {
  const site = org.internal[recipe.site % org.internal.length]!;
  const kind =
    recipe.scope !== "service" &&
    recipe.scope !== "external" &&
    recipe.nps &&
    site.surveys.some((s) => s.kind === "nps")
      ? "nps"
      : "csat";
  const filters: Record<string, string> = {};
  if (recipe.scope === "internal") filters.site = site.id;
  if (recipe.scope === "external") filters.site = org.external.id;
  if (recipe.scope === "service" || (recipe.service && kind === "csat"))
    filters.service = org.services[recipe.value % 2]!;
  const values = valuesOf(org, site);
  for (const d of recipe.dimensions) {
    const dimension = site.dimensions[d % site.dimensions.length]!;
    const list = values.get(dimension)!;
    if (list.length) filters[`segment.${dimension}`] = list[(recipe.value + d) % list.length]!;
  }
  if (recipe.topic) filters.topic = TOPICS[recipe.value % TOPICS.length]!;
  if (recipe.audience) filters.audience = recipe.audience;
  const groupBy = [
    ...new Set(
      recipe.groupBy.map((field) => (field.startsWith("d") ? `segment.${site.dimensions[Number(field[1])]}` : field)),
    ),
  ];
  const history = Math.min(...org.internal.map((s) => s.periods.closed[0]!.start));
  const end = Math.max(...org.internal.map((s) => s.periods.open.end)) + 7 * DAY;
  const period = [...site.periods.closed, site.periods.open][recipe.start % (site.periods.closed.length + 1)]!;
  const from = Math.floor(history / DAY) * DAY + (recipe.start % 14) * DAY;
  const window = {
    history: { from: history, to: end },
    period: { from: period.start, to: period.end },
    days: { from, to: from + (1 + (recipe.value % 9)) * DAY },
    hours: {
      from: from + (recipe.value % 24) * HOUR,
      to: from + (recipe.value % 24) * HOUR + (1 + (recipe.start % 40)) * HOUR,
    },
  }[recipe.window];
  const inScope = org.internal.filter(
    (s) =>
      (!filters.site || filters.site === s.id) &&
      filters.audience !== "external" &&
      s.surveys.some((survey) => survey.kind === kind),
  );
  const refused =
    recipe.bucket !== undefined && inScope.some((s) => ORDER[recipe.bucket!]! < ORDER[s.reportingPeriod]!);
  return { query: { kind, filters, ...window, groupBy, ...(recipe.bucket ? { bucket: recipe.bucket } : {}) }, refused };
}

type Cell = { count?: number; distribution?: Record<string, number> };
type Point = { start: string } & Cell;
type Answer = {
  total: Cell;
  withheld?: boolean;
  series?: Point[];
  groups?: ({ key: Record<string, string | null>; series?: Point[] } & Cell)[];
};

const nonEmpty = (cells: Map<string, Tally>) => new Map([...cells].filter(([, tally]) => tally.count > 0));

async function checkAggregates(org: Org, released: Released, recipe: Recipe) {
  const { query, refused } = queryOf(org, recipe);
  const path = aggregatesPath(query);
  const response = await get(path, ADMIN_TOKEN);
  if (refused) return expect(response.status, `${path} holds a bucket finer than a period`).toBe(422);
  expect(response.status, path).toBe(200);
  const answer = (await response.json()) as Answer;
  const expected = expectedFigures(org, released, query);
  const actual = new Map<string, Tally>([["[]", tallyOf(answer.total)!]]);
  for (const group of answer.groups ?? [])
    actual.set(JSON.stringify(query.groupBy.map((field) => group.key[field] ?? null)), tallyOf(group)!);
  expect(nonEmpty(actual), path).toEqual(nonEmpty(expected.cells));
  expect(answer.withheld === true, `${path}: withheld`).toBe(expected.withheld);
  // Each series point: the part of its bucket inside [from, to).
  const series = (points: Point[] | undefined, key: string) =>
    (points ?? []).forEach((point, i, all) => {
      const window = {
        from: Math.max(Date.parse(point.start), query.from),
        to: i + 1 < all.length ? Date.parse(all[i + 1]!.start) : query.to,
      };
      const cells = expectedFigures(org, released, { ...query, ...window });
      const want = cells.cells.get(key) ?? { count: 0, dist: new Array<number>(11).fill(0) };
      expect(tallyOf(point), `${path} point ${point.start} of ${key}`).toEqual(want);
    });
  series(answer.series, "[]");
  for (const group of answer.groups ?? [])
    series(group.series, JSON.stringify(query.groupBy.map((field) => group.key[field] ?? null)));
}

/** Rows per release group (its attributes and period), as the inbox or an export lists them. */
function rowsPerGroup(rows: Row[], org: Org): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows.filter((r) => org.internal.some((site) => site.id === r.site))) {
    const key = JSON.stringify([
      row.site,
      row.kind,
      row.survey,
      row.service,
      row.topic,
      Object.entries(row.segment).sort(),
      Date.parse(row.periodStart ?? ""),
    ]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function groupsAsRows(org: Org, released: Released, filters: Record<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const group of released.groups) {
    if (
      filters.site !== group.site ||
      Object.entries(filters).some(([field, value]) => field !== "site" && group.attributes[field] !== value)
    )
      continue;
    const site = org.internal.find((s) => s.id === group.site)!;
    const segment = site.dimensions
      .filter((d) => group.attributes[`segment.${d}`] !== null)
      .map((d) => [d, group.attributes[`segment.${d}`]]);
    const a = group.attributes;
    counts.set(
      JSON.stringify([group.site, group.kind, a.survey, a.service, a.topic, segment.sort(), group.periodStart]),
      group.tally.count,
    );
  }
  return counts;
}

async function checkRows(org: Org, released: Released, recipe: Recipe) {
  const site = org.internal[recipe.site % org.internal.length]!;
  const { query } = queryOf(org, { ...recipe, scope: "internal" });
  const narrowed = Object.fromEntries(Object.entries(query.filters).filter(([field]) => field !== "audience"));
  for (const filters of [{ site: site.id }, narrowed]) {
    const format = recipe.value % 3 === 0 ? "ndjson" : "inbox";
    const listing = await readRows(format, filters, { attack: "property", epoch: "", credential: ADMIN_TOKEN });
    expect(rowsPerGroup(listing.rows, org), `${listing.path}: rows per release group`).toEqual(
      groupsAsRows(org, released, filters),
    );
  }
}

describe("release groups, property-based", () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ["Date"] }));
  afterEach(() => void vi.useRealTimers());

  it("every internal figure and row count is a sum of whole closed release groups", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(orgPlanArb, fc.array(recipeArb, { minLength: 12, maxLength: 12 }), async (plan, recipes) => {
        vi.setSystemTime(NOW - 60 * DAY);
        const org = await seedOrg(plan);
        await postAnswers(org.answers);
        // Read while the current periods are open, then once every one of them has closed.
        const closed = Math.max(...org.internal.map((site) => site.periods.open.end)) + HOUR;
        for (const now of [NOW, closed]) {
          vi.setSystemTime(now);
          const released = release(org, now);
          expect(released.groups.length, "the organisation releases something").toBeGreaterThan(0);
          for (const recipe of recipes) await checkAggregates(org, released, recipe);
          for (const recipe of recipes.slice(0, 3)) await checkRows(org, released, recipe);
        }
      }),
      { numRuns: 4, endOnFailure: true, seed: 20260402 },
    );
  });
});
