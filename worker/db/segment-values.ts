/**
 * The registry of the distinct values each open dimension of a site has taken (migration 0013), and its cap.
 * The cap is the trigger `segment_values_cap`, checked inside the batch that stores the answer.
 */
import type { SegmentValueEntry } from "../domain/segment-values";

/**
 * Statements for the answer's batch: each value is remembered, or, if it is new and its dimension already holds
 * the site's maximum, the batch fails (isSegmentValueCapReached) and nothing of the answer is stored.
 */
export const rememberSegmentValueStatements = (db: D1Database, site: string, values: SegmentValueEntry[]) =>
  values.map(({ dimension, value }) =>
    db
      .prepare("INSERT INTO segment_values (site_id, dimension, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
      .bind(site, dimension, value),
  );

export const isSegmentValueCapReached = (error: unknown) =>
  error instanceof Error && /segment_values_cap/.test(error.message);

/** Of `values`, those the registry does not hold while their dimension is full: what the cap would refuse. */
export async function valuesPastCap(
  db: D1Database,
  site: string,
  values: SegmentValueEntry[],
): Promise<SegmentValueEntry[]> {
  if (values.length === 0) return [];
  const results = await db.batch<{ known: number; full: number }>(
    values.map(({ dimension, value }) =>
      db
        .prepare(
          `SELECT EXISTS (SELECT 1 FROM segment_values WHERE site_id = ?1 AND dimension = ?2 AND value = ?3) AS known,
             (SELECT COUNT(*) FROM segment_values WHERE site_id = ?1 AND dimension = ?2)
               >= (SELECT max_dimension_values FROM sites WHERE id = ?1) AS full`,
        )
        .bind(site, dimension, value),
    ),
  );
  return values.filter((_, index) => {
    const row = results[index]!.results[0]!;
    return !row.known && row.full;
  });
}
