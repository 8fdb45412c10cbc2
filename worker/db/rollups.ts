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

/** The (dim, value) pairs a response counts under: the base row, its topic, each segment value. */
export function rollupDims(subject: RollupSubject): [dim: string, value: string][] {
  const dims: [string, string][] = [["", ""]];
  if (subject.topic) dims.push(["topic", subject.topic]);
  for (const [dimension, value] of Object.entries(subject.segment)) dims.push([`segment.${dimension}`, value]);
  return dims;
}

/**
 * Upserts that add (`delta` 1) or remove (-1) a response in every rollup it counts in. Run them in
 * the same `db.batch` as the insert or delete of the response row, so the two never disagree.
 */
export function rollupStatements(db: D1Database, subject: RollupSubject, delta: 1 | -1, guard?: { whileResponseExists: string }): D1PreparedStatement[] {
  if (!/^[a-z]+$/.test(subject.kind)) throw new Error(`unexpected kind ${subject.kind}`);
  const scores = SCORE_COLUMNS.map((_, s) => (subject.score === s ? delta : 0));
  const rows: { sql: string; params: string[] }[] = [];
  for (const grain of GRAINS) {
    const period = floorTo(grain, subject.createdAt);
    for (const [dim, value] of rollupDims(subject)) {
      rows.push({
        sql: `('${grain}', '${subject.kind}', ?, ${period}, ?, ?, ?, ?, ${delta}, ${scores.join(", ")})`,
        params: [dim, subject.site, subject.survey, subject.service, value],
      });
    }
  }
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    // With a guard, the rows are counted only while the response row still exists, so two deletes
    // of one response racing each other subtract it once (the batch is a transaction).
    const source = guard
      ? `SELECT * FROM (VALUES ${chunk.map((row) => row.sql).join(", ")}) WHERE EXISTS (SELECT 1 FROM responses WHERE id = ?)`
      : `VALUES ${chunk.map((row) => row.sql).join(", ")}`;
    statements.push(
      db
        .prepare(
          `INSERT INTO rollups (grain, kind, dim, period, site_id, survey_id, service_id, value, n, ${SCORE_COLUMNS.join(", ")})
           ${source}
           ON CONFLICT (grain, kind, dim, period, site_id, survey_id, service_id, value) DO UPDATE SET
             n = n + excluded.n, ${SCORE_COLUMNS.map((column) => `${column} = ${column} + excluded.${column}`).join(", ")}`,
        )
        .bind(...chunk.flatMap((row) => row.params), ...(guard ? [guard.whileResponseExists] : [])),
    );
  }
  return statements;
}
