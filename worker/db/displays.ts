/** Display counts (migration 0014): one row per site, survey and bucket start, counted by an upsert. */

/** Counts one display in its bucket, [start, end). */
export function countDisplayStatement(
  db: D1Database,
  site: string,
  survey: string,
  bucket: { start: number; end: number },
) {
  return db
    .prepare(
      `INSERT INTO display_rollups (site_id, survey_id, bucket_start, bucket_end, count) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (site_id, survey_id, bucket_start) DO UPDATE SET count = count + 1`,
    )
    .bind(site, survey, bucket.start, bucket.end);
}

export type DisplayRow = {
  site_id: string;
  survey_id: string;
  bucket_start: number;
  bucket_end: number;
  count: number;
};

/**
 * The display counts of these sites' surveys of one kind (or one survey) whose buckets start in [from, to).
 * D1 binds at most 100 parameters per statement: the site ids go in as one JSON array.
 */
export async function readDisplays(
  db: D1Database,
  filter: { sites: string[]; kind: string; survey?: string; from: number; to: number },
): Promise<{ rows: DisplayRow[]; rowsRead: number; d1Ms: number }> {
  if (filter.sites.length === 0) return { rows: [], rowsRead: 0, d1Ms: 0 };
  const result = await db
    .prepare(
      `SELECT d.site_id, d.survey_id, d.bucket_start, d.bucket_end, d.count
       FROM display_rollups d JOIN surveys s ON s.site_id = d.site_id AND s.id = d.survey_id
       WHERE d.site_id IN (SELECT value FROM json_each(?)) AND s.kind = ? AND (? IS NULL OR d.survey_id = ?)
         AND d.bucket_start >= ? AND d.bucket_start < ?`,
    )
    .bind(
      JSON.stringify(filter.sites),
      filter.kind,
      filter.survey ?? null,
      filter.survey ?? null,
      filter.from,
      filter.to,
    )
    .all<DisplayRow>();
  return { rows: result.results, rowsRead: result.meta.rows_read ?? 0, d1Ms: result.meta.duration ?? 0 };
}
