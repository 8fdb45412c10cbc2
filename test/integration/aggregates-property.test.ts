import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adminOk, seedSurvey } from "./helpers";
import { referenceCell, roundCell } from "./reference";
import { insertAt } from "./seed";

type Cell = Record<string, unknown>;
type Answer = {
  total: Cell;
  series?: ({ start: string } & Cell)[];
  groups?: ({ key: Record<string, string | null>; series?: Cell[] } & Cell)[];
};

const SERVICES = ["prop-a", "prop-b", "prop-c"];
const START = Date.parse("2026-03-20T00:00:00Z"); // a DST change (Europe, 29 March) lies inside the data

// Customers' answers only: rollups against raw scans. Employees' answers are counted from release
// groups alone, checked by release-property.test.ts and anonymity-attack.test.ts.
const responseArb = fc.record({
  site: fc.integer({ min: 0, max: 2 }),
  score: fc.integer({ min: 0, max: 10 }),
  service: fc.option(fc.constantFrom(...SERVICES), { nil: undefined }),
  topic: fc.option(fc.constantFrom("complaint", "praise"), { nil: undefined }),
  segment: fc.option(fc.constantFrom("a", "b", "c"), { nil: undefined }),
  minute: fc.integer({ min: 0, max: 20 * 24 * 60 }),
});

const queryArb = fc.record({
  site: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  service: fc.option(fc.constantFrom(...SERVICES), { nil: undefined }),
  topic: fc.option(fc.constantFrom("complaint", "praise"), { nil: undefined }),
  audience: fc.option(fc.constantFrom("external"), { nil: undefined }),
  groupBy: fc.constantFrom(
    [],
    ["service"],
    ["site"],
    ["audience"],
    ["topic"],
    ["segment.seg"],
    ["service", "topic"],
    ["segment.seg", "topic"],
  ),
  bucket: fc.option(fc.constantFrom("day", "week"), { nil: undefined }),
  tz: fc.constantFrom("UTC", "Europe/Warsaw", "Asia/Kolkata"),
  fromHour: fc.integer({ min: 0, max: 10 * 24 }),
  hours: fc.integer({ min: 1, max: 14 * 24 }),
  fromMinute: fc.constantFrom(0, 0, 0, 17),
});

describe("aggregates, property-based", () => {
  it("equal a raw recomputation for random datasets and random queries", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(responseArb, { minLength: 1, maxLength: 40 }),
        fc.array(queryArb, { minLength: 3, maxLength: 3 }),
        async (responses, queries) => {
          const sites = [];
          for (const audience of ["external", "external", "external"] as const) {
            sites.push(
              await seedSurvey(
                { kind: "nps", services: SERVICES, topics: ["complaint", "praise"] },
                { audience, dimensions: ["seg"] },
              ),
            );
          }
          const rows = responses.map((r) => ({ ...r, at: START + r.minute * 60_000 }));
          for (const r of rows) {
            await insertAt({
              ...sites[r.site]!,
              kind: "nps",
              score: r.score,
              service: r.service,
              topic: r.topic,
              segment: r.segment ? { seg: r.segment } : {},
              at: r.at,
            });
          }
          for (const q of queries) {
            const from = START + q.fromHour * 3_600_000 + q.fromMinute * 60_000;
            const to = from + q.hours * 3_600_000;
            const params = new URLSearchParams({
              kind: "nps",
              from: new Date(from).toISOString(),
              to: new Date(to).toISOString(),
              tz: q.tz,
            });
            // Every query is limited to this run's sites: by one site, or by grouping on site.
            const siteIds = sites.map((s) => s.site);
            const groupBy =
              q.site === undefined ? ["site", ...q.groupBy.filter((f) => f !== "site")].slice(0, 2) : q.groupBy;
            if (q.site !== undefined) params.set("site", siteIds[q.site]!);
            if (q.service) params.set("service", q.service);
            if (q.topic) params.set("topic", q.topic);
            if (q.audience) params.set("audience", q.audience);
            if (q.bucket) params.set("bucket", q.bucket);
            if (groupBy.length) params.set("groupBy", groupBy.join(","));
            const auto = await adminOk<Answer>("GET", `/v1/aggregates?${params}`);
            const raw = await adminOk<Answer>("GET", `/v1/aggregates?${params}&source=raw`);
            expect(normalize(auto), `${params}`).toEqual(normalize(raw));

            const audienceOf = (_site: number) => "external";
            const inScope = rows.filter(
              (r) =>
                r.at >= from &&
                r.at < to &&
                (q.site === undefined || r.site === q.site) &&
                (!q.service || r.service === q.service) &&
                (!q.topic || r.topic === q.topic) &&
                (!q.audience || audienceOf(r.site) === q.audience),
            );
            const fieldValue = (r: (typeof rows)[number], field: string) =>
              field === "site"
                ? siteIds[r.site]!
                : field === "service"
                  ? (r.service ?? null)
                  : field === "audience"
                    ? audienceOf(r.site)
                    : field === "topic"
                      ? (r.topic ?? null)
                      : (r.segment ?? null);
            for (const group of auto.groups ?? []) {
              if (q.site === undefined && !siteIds.includes(group.key.site!)) continue;
              const members = inScope.filter((r) =>
                groupBy.every((field) => fieldValue(r, field) === group.key[field]),
              );
              const { key, series, ...cell } = group;
              expect(roundCell(cell), `${params} ${JSON.stringify(key)}`).toEqual(
                roundCell(
                  referenceCell(
                    "nps",
                    members.map((r) => r.score),
                  ),
                ),
              );
            }
            if (q.site !== undefined) {
              expect(roundCell(auto.total), `${params}`).toEqual(
                roundCell(
                  referenceCell(
                    "nps",
                    inScope.map((r) => r.score),
                  ),
                ),
              );
            }
          }
        },
      ),
      {
        numRuns: 20,
      },
    );
  });
});

/** Floats to 9 decimals: rollups and raw sums may differ in the last bit. */
function normalize(value: unknown): unknown {
  if (typeof value === "number") return Math.round(value * 1e9) / 1e9;
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  return value;
}
