import { floorTo, type Grain } from "../domain/rollup-plan";

/** What one response contributes to rollups: its keys and its score. */
export type RollupSubject = {
  kind: string;
  site: string;
  survey: string;
  service: string;
  topic: string;
  segment: Record<string, string>;
  score: number | null;
  createdAt: number;
};

const GRAINS: Grain[] = ["h", "d", "m"];
const SCORE_COLUMNS = Array.from({ length: 11 }, (_, s) => `s${s}`);
// D1 binds at most 100 parameters per statement: each row binds its 5 free-form strings; grain, kind
// (both from fixed sets) and the integers are inlined.
const ROWS_PER_STATEMENT = 16;

export type RollupKey = { dim: string; value: string; survey: string; service: string };

/**
 * The rollup rows a response counts in (per grain): the base row of its survey and service; one for
 * its topic and one per segment value; and the site's row (`dim = 'site'`, no survey or service), which
 * answers the common "everything of this kind" trends reading one row per site and period.
 */
export function rollupKeys(subject: RollupSubject): RollupKey[] {
  const { survey, service } = subject;
  const keys: RollupKey[] = [{ dim: "", value: "", survey, service }];
  if (subject.topic) keys.push({ dim: "topic", value: subject.topic, survey, service });
  for (const [dimension, value] of Object.entries(subject.segment))
    keys.push({ dim: `segment.${dimension}`, value, survey, service });
  keys.push({ dim: "site", value: "", survey: "", service: "" });
  return keys;
}

/**
 * Upserts that add (`delta` 1) or remove (-1) a response in every rollup it counts in. Run them in
 * the same `db.batch` as the insert or delete of the response row, so the two never disagree.
 */
export function rollupStatements(
  db: D1Database,
  subject: RollupSubject,
  delta: 1 | -1,
  guard?: { whileResponseExists: string },
): D1PreparedStatement[] {
  if (!/^[a-z]+$/.test(subject.kind)) throw new Error(`unexpected kind ${subject.kind}`);
  const scores = SCORE_COLUMNS.map((_, s) => (subject.score === s ? delta : 0));
  const rows: { sql: string; params: string[] }[] = [];
  for (const grain of GRAINS) {
    const period = floorTo(grain, subject.createdAt);
    for (const key of rollupKeys(subject)) {
      rows.push({
        sql: `('${grain}', '${subject.kind}', ?, ${period}, ?, ?, ?, ?, ${delta}, ${scores.join(", ")})`,
        params: [key.dim, subject.site, key.survey, key.service, key.value],
      });
    }
  }
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    // With a guard, the rows are counted only while the response row still exists, so two deletes
    // of one response racing each other subtract it once (the batch is a transaction).
    const source = guard
      ? `SELECT * FROM (VALUES ${chunk.map((row) => row.sql).join(", ")})
         WHERE EXISTS (SELECT 1 FROM responses WHERE id = ?)`
      : `VALUES ${chunk.map((row) => row.sql).join(", ")}`;
    statements.push(
      db
        .prepare(
          `INSERT INTO rollups (grain, kind, dim, period, site_id, survey_id, service_id, value, n,
             ${SCORE_COLUMNS.join(", ")})
           ${source}
           ON CONFLICT (grain, kind, dim, period, site_id, survey_id, service_id, value) DO UPDATE SET
             n = n + excluded.n,
             ${SCORE_COLUMNS.map((column) => `${column} = ${column} + excluded.${column}`).join(", ")}`,
        )
        .bind(...chunk.flatMap((row) => row.params), ...(guard ? [guard.whileResponseExists] : [])),
    );
  }
  return statements;
}
