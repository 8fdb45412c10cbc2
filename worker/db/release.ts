import { SEVERAL } from "../../schema/common";
import type { ReleaseGroup } from "../domain/release-groups";
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

/** A closed period of one site, as written: its groups and the answers it withholds. */
export type ClosedPeriod = { start: number; end: number; groups: ReleaseGroup[]; withheld: { kind: string; ids: string[] }[] };

const SCORES = Array.from({ length: 11 }, (_, s) => `s${s}`);
// D1 binds at most 100 parameters per statement; a group row binds 7 strings.
const GROUPS_PER_STATEMENT = 12;
// Answers assigned per UPDATE: one JSON parameter, kept well under D1's 2 MB per value.
const ANSWERS_PER_STATEMENT = 5_000;

/** Internal answers not yet released that were given before `before`, read through the partial index. */
export async function readPending(db: D1Database, site: string, before: number): Promise<PendingRow[]> {
  const { results } = await db
    .prepare("SELECT id, kind, survey_id, service_id, topic, segment, score, created_at FROM responses WHERE pending = 1 AND site_id = ? AND created_at < ?")
    .bind(site, before)
    .all<PendingRow>();
  return results;
}

export const groupId = (site: string, periodStart: number, kind: string, index: number | "withheld") => `${site}/${periodStart}/${kind}/${index}`;

/**
 * The writes that close periods of one site, for one `db.batch` (one transaction). Group ids are
 * fixed by site, period and position, so a second closer racing this one fails on the primary key and
 * its whole batch rolls back: a period is grouped once.
 */
export function closeStatements(db: D1Database, site: Pick<SiteRow, "id" | "dimensions">, periods: ClosedPeriod[], releasedUntil: number): D1PreparedStatement[] {
  // A withheld remainder has every attribute given up: it matches any filter only in part.
  const everyDimension = JSON.stringify(Object.fromEntries((JSON.parse(site.dimensions) as string[]).map((dimension) => [dimension, SEVERAL])));
  const statements: D1PreparedStatement[] = [];
  const rows: { sql: string; params: string[] }[] = [];
  const assignments: { periodStart: number; answers: [id: string, group: string | null, listKey: string | null][] }[] = [];
  for (const period of periods) {
    const answers: [string, string | null, string | null][] = [];
    period.groups.forEach((group, index) => {
      const id = groupId(site.id, period.start, group.kind, index);
      rows.push({
        sql: `(?, ?, ${period.start}, ${period.end}, ?, ?, ?, ?, ?, 0, ${group.tally.n}, ${group.tally.scores.join(", ")})`,
        params: [id, site.id, group.kind, group.survey, group.service, group.topic, JSON.stringify(group.segment)],
      });
      for (const answer of group.ids) answers.push([answer, id, randomListKey()]);
    });
    for (const withheld of period.withheld) {
      rows.push({
        sql: `(?, ?, ${period.start}, ${period.end}, ?, '*', '*', '*', ?, 1, 0, ${SCORES.map(() => 0).join(", ")})`,
        params: [groupId(site.id, period.start, withheld.kind, "withheld"), site.id, withheld.kind, everyDimension],
      });
      for (const answer of withheld.ids) answers.push([answer, null, null]);
    }
    assignments.push({ periodStart: period.start, answers });
  }
  for (let i = 0; i < rows.length; i += GROUPS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + GROUPS_PER_STATEMENT);
    statements.push(
      db
        .prepare(
          `INSERT INTO release_groups (id, site_id, period_start, period_end, kind, survey_id, service_id, topic, segment, withheld, n, ${SCORES.join(", ")})
           VALUES ${chunk.map((row) => row.sql).join(", ")}`,
        )
        .bind(...chunk.flatMap((row) => row.params)),
    );
  }
  for (const { periodStart, answers } of assignments) {
    for (let i = 0; i < answers.length; i += ANSWERS_PER_STATEMENT) {
      // A withheld answer gets no group and is never listed.
      statements.push(
        db
          .prepare(
            `UPDATE responses SET pending = 0, release_group = m.value ->> '$[1]', list_key = m.value ->> '$[2]',
               listed_at = CASE WHEN m.value ->> '$[1]' IS NULL THEN NULL ELSE ?1 END
             FROM json_each(?2) AS m WHERE responses.id = m.value ->> '$[0]' AND responses.pending = 1`,
          )
          .bind(periodStart, JSON.stringify(answers.slice(i, i + ANSWERS_PER_STATEMENT))),
      );
    }
  }
  statements.push(db.prepare("UPDATE sites SET released_until = MAX(released_until, ?) WHERE id = ?").bind(releasedUntil, site.id));
  return statements;
}

/** A random order within a period, fixed once written: the inbox lists a period's answers by it. */
function randomListKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export const isAlreadyClosed = (error: unknown) => error instanceof Error && /UNIQUE constraint failed: release_groups/.test(error.message);

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
export async function readGroups(db: D1Database, sites: string[], kind: string, from: number, to: number): Promise<{ rows: GroupRow[]; rowsRead: number; d1Ms: number }> {
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

/** Every group of one closed site-period, for its `period.closed` event. */
export async function readPeriodGroups(db: D1Database, site: string, periodStart: number): Promise<GroupRow[]> {
  const { results } = await db.prepare("SELECT * FROM release_groups WHERE site_id = ? AND period_start = ? ORDER BY id").bind(site, periodStart).all<GroupRow>();
  return results;
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
  tally: { n: row.n, scores: Array.from({ length: 11 }, (_, s) => row[`s${s}`] ?? 0) },
});
