import { SEVERAL } from "../../schema/common";
import { releaseRollupKeys, type ClosedPeriod, type ReleaseRollupKey } from "../domain/release-groups";
import { addTally, emptyTally, tallyOfRow, type Tally } from "../domain/metrics";
import type { StoredGroup } from "../domain/release-facts";
import type { SiteRow } from "./sites";

export type PendingRow = {
  id: string;
  kind: string;
  survey_id: string;
  service_id: string;
  topic: string;
  segment: string;
  score: number | null;
  created_at: number;
};

/** A row of `release_rollups` (migration 0010). */
export type ReleaseRollupRow = {
  site_id: string;
  kind: string;
  dim: string;
  period_start: number;
  period_end: number;
  survey_id: string;
  service_id: string;
  value: string;
  n: number;
} & Record<`s${number}`, number>;

const SCORES = Array.from({ length: 11 }, (_, s) => `s${s}`);
// D1 binds at most 100 parameters per statement; a group row binds 7 strings.
const GROUPS_PER_STATEMENT = 12;
// A release-rollup row binds 6 strings.
const ROLLUPS_PER_STATEMENT = 16;
const ZEROS = Array.from({ length: 11 }, () => 0).join(", ");
// Answers assigned per UPDATE: one JSON parameter, kept well under D1's 2 MB per value.
const ANSWERS_PER_STATEMENT = 5_000;

/** The time of the earliest pending answer given before `before`, or null when there is none. */
export async function firstPending(db: D1Database, site: string, before: number): Promise<number | null> {
  const row = await db
    .prepare("SELECT MIN(created_at) AS first FROM responses WHERE pending = 1 AND site_id = ? AND created_at < ?")
    .bind(site, before)
    .first<{ first: number | null }>();
  return row?.first ?? null;
}

/** Internal answers not yet released that were given before `before`, read through the partial index. */
export async function readPending(db: D1Database, site: string, before: number): Promise<PendingRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, kind, survey_id, service_id, topic, segment, score, created_at
       FROM responses WHERE pending = 1 AND site_id = ? AND created_at < ?`,
    )
    .bind(site, before)
    .all<PendingRow>();
  return results;
}

export const groupId = (site: string, periodStart: number, kind: string, index: number | "withheld") =>
  `${site}/${periodStart}/${kind}/${index}`;

/** Rows of one multi-row INSERT, chunked so each statement binds at most D1's 100 parameters. */
function insertRows(
  db: D1Database,
  head: string,
  rows: { sql: string; params: string[] }[],
  perStatement: number,
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    statements.push(
      db
        .prepare(`${head} VALUES ${chunk.map((row) => row.sql).join(", ")}`)
        .bind(...chunk.flatMap((row) => row.params)),
    );
  }
  return statements;
}

/**
 * The writes that close one period of one site, for one `db.batch` (one transaction): its groups,
 * their release rollups, each answer's group and place in the inbox, and the site's `released_until`.
 * Group ids are fixed by site, period and position, so a second closer racing this one fails on the
 * primary key and its whole batch rolls back: a period is grouped once.
 */
export function closeStatements(
  db: D1Database,
  site: Pick<SiteRow, "id" | "dimensions">,
  period: ClosedPeriod,
  releasedUntil: number,
): D1PreparedStatement[] {
  const dimensions = JSON.parse(site.dimensions) as string[];
  // A withheld remainder has every attribute given up: it matches any filter only in part.
  const everyDimension = JSON.stringify(Object.fromEntries(dimensions.map((dimension) => [dimension, SEVERAL])));
  const span = `${period.start}, ${period.end}`;
  const groups: { sql: string; params: string[] }[] = [];
  const sums = new Map<string, { key: ReleaseRollupKey & { kind: string }; tally: Tally }>();
  const answers: [id: string, group: string | null, listKey: string | null][] = [];
  period.groups.forEach((group, index) => {
    const id = groupId(site.id, period.start, group.kind, index);
    groups.push({
      sql: `(?, ?, ${span}, ?, ?, ?, ?, ?, 0, ${group.tally.n}, ${group.tally.scores.join(", ")})`,
      params: [id, site.id, group.kind, group.survey, group.service, group.topic, JSON.stringify(group.segment)],
    });
    for (const key of releaseRollupKeys(group, dimensions)) {
      const name = JSON.stringify([group.kind, key.dim, key.survey, key.service, key.value]);
      const sum = sums.get(name) ?? { key: { ...key, kind: group.kind }, tally: emptyTally() };
      addTally(sum.tally, group.tally);
      sums.set(name, sum);
    }
    for (const answer of group.ids) answers.push([answer, id, randomListKey()]);
  });
  const rollups = [...sums.values()].map(({ key, tally }) => ({
    sql: `(?, ?, ?, ${span}, ?, ?, ?, ${tally.n}, ${tally.scores.join(", ")})`,
    params: [site.id, key.kind, key.dim, key.survey, key.service, key.value],
  }));
  for (const withheld of period.withheld) {
    groups.push({
      sql: `(?, ?, ${span}, ?, '*', '*', '*', ?, 1, 0, ${ZEROS})`,
      params: [groupId(site.id, period.start, withheld.kind, "withheld"), site.id, withheld.kind, everyDimension],
    });
    rollups.push({ sql: `(?, ?, 'withheld', ${span}, '*', '*', '*', 0, ${ZEROS})`, params: [site.id, withheld.kind] });
    for (const answer of withheld.ids) answers.push([answer, null, null]);
  }
  const statements = [
    ...insertRows(
      db,
      `INSERT INTO release_groups (id, site_id, period_start, period_end, kind, survey_id, service_id, topic, segment,
         withheld, n, ${SCORES.join(", ")})`,
      groups,
      GROUPS_PER_STATEMENT,
    ),
    ...insertRows(
      db,
      `INSERT INTO release_rollups (site_id, kind, dim, period_start, period_end, survey_id, service_id, value, n,
         ${SCORES.join(", ")})`,
      rollups,
      ROLLUPS_PER_STATEMENT,
    ),
  ];
  for (let i = 0; i < answers.length; i += ANSWERS_PER_STATEMENT) {
    // A withheld answer gets no group and is never listed.
    statements.push(
      db
        .prepare(
          `UPDATE responses SET pending = 0, release_group = m.value ->> '$[1]', list_key = m.value ->> '$[2]',
             listed_at = CASE WHEN m.value ->> '$[1]' IS NULL THEN NULL ELSE ?1 END
           FROM json_each(?2) AS m WHERE responses.id = m.value ->> '$[0]' AND responses.pending = 1`,
        )
        .bind(period.start, JSON.stringify(answers.slice(i, i + ANSWERS_PER_STATEMENT))),
    );
  }
  statements.push(advanceStatement(db, site.id, releasedUntil));
  return statements;
}

/** Marks every period of a site before `releasedUntil` as closed (after the last one with answers). */
export const advanceStatement = (db: D1Database, site: string, releasedUntil: number) =>
  db.prepare("UPDATE sites SET released_until = MAX(released_until, ?) WHERE id = ?").bind(releasedUntil, site);

/** A random order within a period, fixed once written: the inbox lists a period's answers by it. */
function randomListKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export const isAlreadyClosed = (error: unknown) =>
  error instanceof Error && /UNIQUE constraint failed: release_groups/.test(error.message);

export type GroupRow = {
  id: string;
  site_id: string;
  period_start: number;
  period_end: number;
  kind: string;
  survey_id: string;
  service_id: string;
  topic: string;
  segment: string;
  withheld: number;
  n: number;
} & Record<`s${number}`, number>;

/**
 * Release groups of some sites and one kind whose periods start in [from, to) (a period counts where
 * its middle falls; the caller widens the range by a period's length and filters). Read through
 * (site_id, kind, period_start): only the sites asked for are touched.
 */
export async function readGroups(
  db: D1Database,
  sites: string[],
  kind: string,
  from: number,
  to: number,
): Promise<{ rows: GroupRow[]; rowsRead: number; d1Ms: number }> {
  if (sites.length === 0) return { rows: [], rowsRead: 0, d1Ms: 0 };
  const result = await db
    .prepare(
      `SELECT g.* FROM json_each(?) AS s JOIN release_groups g ON g.site_id = s.value
       WHERE g.kind = ? AND g.period_start >= ? AND g.period_start < ?`,
    )
    .bind(JSON.stringify(sites), kind, from, to)
    .all<GroupRow>();
  return { rows: result.results, rowsRead: result.meta.rows_read ?? 0, d1Ms: result.meta.duration ?? 0 };
}

export const toStoredGroup = (row: GroupRow): StoredGroup => ({
  site: row.site_id,
  periodStart: row.period_start,
  periodEnd: row.period_end,
  survey: row.survey_id,
  service: row.service_id,
  topic: row.topic,
  segment: JSON.parse(row.segment) as Record<string, string>,
  withheld: row.withheld === 1,
  tally: tallyOfRow(row),
});

/**
 * Release rollups of some sites, one kind and one dim (plus the withheld markers) whose periods start
 * in [from, to), through the primary key (site_id, kind, dim, period_start): only the sites asked for.
 */
export async function readReleaseRollups(
  db: D1Database,
  sites: string[],
  kind: string,
  dim: string,
  from: number,
  to: number,
) {
  const result = await db
    .prepare(
      `SELECT r.* FROM json_each(?1) AS s, (SELECT ?3 AS dim UNION ALL SELECT 'withheld') AS d
       JOIN release_rollups r ON r.site_id = s.value AND r.kind = ?2 AND r.dim = d.dim
         AND r.period_start >= ?4 AND r.period_start < ?5`,
    )
    .bind(JSON.stringify(sites), kind, dim, from, to)
    .all<ReleaseRollupRow>();
  return { rows: result.results, rowsRead: result.meta.rows_read ?? 0, d1Ms: result.meta.duration ?? 0 };
}

/** A release-rollup row as the aggregate reads a group: the one attribute it holds, '' for the rest. */
export const rollupAsGroup = (row: ReleaseRollupRow): StoredGroup => ({
  site: row.site_id,
  periodStart: row.period_start,
  periodEnd: row.period_end,
  survey: row.survey_id,
  service: row.service_id,
  topic: attributeOf(row.dim) === "topic" ? row.value : "",
  segment: attributeOf(row.dim).startsWith("segment.") ? { [attributeOf(row.dim).slice(8)]: row.value } : {},
  withheld: row.dim === "withheld",
  tally: tallyOfRow(row),
});

/** The attribute a release-rollup dim holds: `~segment.team` is `segment.team` without survey or service. */
const attributeOf = (dim: string) => dim.replace(/^~/, "");
