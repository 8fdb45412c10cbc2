import type { Fact } from "../domain/aggregate";
import { scopeConditions, type ScopeFilter } from "./scope";
import type { Bucket } from "../domain/buckets";
import { emptyTally, tallyOfRow } from "../domain/metrics";
import { coverRange, nextPeriod, type Grain } from "../domain/rollup-plan";

/** What to count: the caller's scope, a kind, and at most one topic/segment attribute for rollups. */
export type FactFilter = ScopeFilter & { kind: string };

/** `d1Ms`: the time D1 reports spending on the statements (meta.duration), without the round trips. */
export type FactRead = { facts: Fact[]; rowsRead: number; d1Ms: number; source: "rollups" | "raw" };

const SCORES = Array.from({ length: 11 }, (_, s) => `s${s}`).join(", ");
const MAX_BOUND = 90; // D1 allows 100 bound parameters per statement

/**
 * Reads rollup rows for each bucket's cover (see rollup-plan), as signed facts. `attribute` is the one
 * topic or segment dimension the query filters or groups on ('' for none); `perSite` reads the rows
 * per site (no survey or service), for queries that neither filter nor group by those.
 */
/**
 * The key columns an answer needs: always the site (each internal site has its own anonymity
 * threshold, and the audience comes from it), the survey and service only when grouped by.
 */
export function keyColumns(groupBy: string[]): { survey: boolean; service: boolean } {
  return { survey: groupBy.includes("survey"), service: groupBy.includes("service") || groupBy.includes("owner") };
}

export async function readRollupFacts(
  db: D1Database,
  filter: FactFilter,
  buckets: Bucket[],
  attribute: string,
  perSite = false,
): Promise<FactRead> {
  const uses = new Map<string, [bucket: number, sign: 1 | -1][]>();
  const periods: Record<Grain, Set<number>> = { h: new Set(), d: new Set(), m: new Set() };
  buckets.forEach((bucket, index) => {
    for (const piece of coverRange(bucket.from, bucket.to)) {
      const key = `${piece.grain}:${piece.period}`;
      uses.set(key, [...(uses.get(key) ?? []), [index, piece.sign]]);
      periods[piece.grain].add(piece.period);
    }
  });
  const attributeValue =
    attribute === "topic"
      ? filter.topic
      : attribute.startsWith("segment.")
        ? filter.segment[attribute.slice(8)]
        : undefined;
  const where = scopeConditions(filter);
  if (attributeValue !== undefined) {
    where.sql.push("value = ?");
    where.params.push(attributeValue);
  }

  // Grouping by an attribute: responses without a value form the group `null`, which is the base
  // rows minus every valued row (so it stays exact after a site gains a dimension).
  const dims = perSite ? ["site"] : attribute && attributeValue === undefined ? ["", attribute] : [attribute];
  // SQLite uses the primary key (grain, kind, dim, period) for one range or an IN list, but not for
  // an OR of ranges: so each run of consecutive periods is a range of its own, and lone periods go
  // together in IN lists.
  const statements: D1PreparedStatement[] = [];
  // Rows as stored: summing them in SQL would carry fewer rows out but read each twice (the sorter).
  const select = `SELECT grain, dim, period, site_id, survey_id, service_id, value, n, ${SCORES}
    FROM rollups WHERE grain = ? AND kind = ? AND dim = ?`;
  const rest = where.sql.map((clause) => `AND ${clause}`).join(" ");
  for (const dim of dims) {
    for (const grain of ["h", "d", "m"] as Grain[]) {
      const ranges = contiguousRanges(
        grain,
        [...periods[grain]].sort((a, b) => a - b),
      );
      const lone = ranges.filter(([start, end]) => nextPeriod(grain, start) === end).map(([start]) => start);
      for (const [start, end] of ranges.filter(([start, end]) => nextPeriod(grain, start) !== end)) {
        statements.push(
          db
            .prepare(`${select} AND period >= ? AND period < ? ${rest}`)
            .bind(grain, filter.kind, dim, start, end, ...where.params),
        );
      }
      const perStatement = Math.max(1, MAX_BOUND - where.params.length - 3);
      for (let i = 0; i < lone.length; i += perStatement) {
        const chunk = lone.slice(i, i + perStatement);
        statements.push(
          db
            .prepare(`${select} AND period IN (${chunk.map(() => "?").join(", ")}) ${rest}`)
            .bind(grain, filter.kind, dim, ...chunk, ...where.params),
        );
      }
    }
  }
  const results = statements.length ? await db.batch<RollupRow>(statements) : [];
  const facts: Fact[] = [];
  let rowsRead = 0;
  let d1Ms = 0;
  for (const result of results) {
    rowsRead += result.meta.rows_read ?? 0;
    d1Ms += result.meta.duration ?? 0;
    for (const row of result.results) {
      const tally = tallyOfRow(row);
      const base = { site: row.site_id, survey: row.survey_id ?? "", service: row.service_id ?? "", tally };
      for (const [bucket, sign] of uses.get(`${row.grain}:${row.period}`) ?? []) {
        if (!attribute) facts.push({ ...base, bucket, sign, attrs: {} });
        else if (row.dim === "") facts.push({ ...base, bucket, sign, attrs: { [attribute]: "" } });
        else {
          facts.push({ ...base, bucket, sign, attrs: { [attribute]: row.value } });
          if (dims.length === 2) facts.push({ ...base, bucket, sign: sign === 1 ? -1 : 1, attrs: { [attribute]: "" } });
        }
      }
    }
  }
  return { facts, rowsRead, d1Ms, source: "rollups" };
}

type RollupRow = {
  grain: Grain;
  dim: string;
  period: number;
  site_id: string;
  survey_id?: string;
  service_id?: string;
  value: string;
  n: number;
} & Record<`s${number}`, number>;

function contiguousRanges(grain: Grain, sorted: number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const period of sorted) {
    const last = ranges[ranges.length - 1];
    const end = nextPeriod(grain, period);
    if (last && last[1] === period) last[1] = end;
    else ranges.push([period, end]);
  }
  return ranges;
}

/**
 * SQL that maps `created_at` to its bucket's index: a balanced tree of CASE expressions, so each row
 * costs log2(buckets) comparisons. Boundaries are integers we computed, inlined as literals.
 */
export function bucketIndexSql(buckets: Bucket[], lo = 0, hi = buckets.length - 1): string {
  if (lo >= hi) return String(lo);
  const mid = (lo + hi + 1) >> 1;
  const [earlier, later] = [bucketIndexSql(buckets, lo, mid - 1), bucketIndexSql(buckets, mid, hi)];
  return `CASE WHEN created_at < ${Math.trunc(buckets[mid]!.from)} THEN ${earlier} ELSE ${later} END`;
}

type RawRow = {
  bucket: number;
  site_id: string;
  survey_id?: string;
  service_id?: string;
  score: number | null;
  n: number;
} & Record<`a${number}`, string | null>;

/**
 * Aggregates raw responses in SQL: for queries rollups cannot answer (two attributes at once, range
 * ends not on a UTC hour), and as the reference the benchmark compares to. Read by (site, kind, time)
 * for the sites in `filter.sitesIn` only, so the scan never touches another site's rows: an internal
 * site's raw answers are counted only as release groups, and even the rows a scan reads (what D1 and
 * the clock report) must not depend on them.
 * `attributes` are the topic/segment fields the query groups on.
 */
export async function readRawFacts(
  db: D1Database,
  filter: FactFilter,
  buckets: Bucket[],
  attributes: string[],
  groupBy: string[],
): Promise<FactRead> {
  const where = scopeConditions(filter);
  if (filter.topic) {
    where.sql.push("topic = ?");
    where.params.push(filter.topic);
  }
  for (const [dimension, value] of Object.entries(filter.segment)) {
    where.sql.push("json_extract(segment, ?) = ?");
    where.params.push(`$."${dimension}"`, value);
  }
  const columns = attributes.map((attribute, i) =>
    attribute === "topic" ? `topic AS a${i}` : `json_extract(segment, ?) AS a${i}`,
  );
  const columnParams = attributes.filter((a) => a !== "topic").map((a) => `$."${a.slice(8)}"`);
  const from = buckets[0]?.from ?? 0;
  const to = buckets[buckets.length - 1]?.to ?? 0;
  const keys = keyColumns(groupBy);
  const keyList = ["site_id", ...(keys.survey ? ["survey_id"] : []), ...(keys.service ? ["service_id"] : [])].join(
    ", ",
  );
  const result = await db
    .prepare(
      `SELECT ${bucketIndexSql(buckets)} AS bucket, ${keyList},
         ${columns.map((c) => `${c}, `).join("")}score, COUNT(*) AS n
       FROM responses INDEXED BY responses_by_site_kind_time
       WHERE kind = ? AND created_at >= ? AND created_at < ? ${where.sql.map((clause) => `AND ${clause}`).join(" ")}
       GROUP BY bucket, ${keyList}, ${attributes.map((_, i) => `a${i}, `).join("")}score`,
    )
    .bind(...columnParams, filter.kind, from, to, ...where.params)
    .all<RawRow>();
  const facts: Fact[] = result.results.map((row) => {
    const tally = emptyTally();
    tally.n = row.n;
    if (row.score !== null) tally.scores[row.score] = row.n;
    const attrs = Object.fromEntries(attributes.map((attribute, i) => [attribute, row[`a${i}`] ?? ""]));
    return {
      bucket: row.bucket,
      sign: 1,
      site: row.site_id,
      survey: row.survey_id ?? "",
      service: row.service_id ?? "",
      attrs,
      tally,
    };
  });
  return { facts, rowsRead: result.meta.rows_read ?? 0, d1Ms: result.meta.duration ?? 0, source: "raw" };
}
