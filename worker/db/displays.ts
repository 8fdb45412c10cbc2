/** Display counts (migration 0015): one row per site, survey and bucket start, counted by an upsert. */

/** Counts one display in its bucket, [start, end); `count` of them at once for the demo's sample history. */
export function countDisplayStatement(
  db: D1Database,
  site: string,
  survey: string,
  bucket: { start: number; end: number },
  count = 1,
) {
  return db
    .prepare(
      `INSERT INTO display_rollups (site_id, survey_id, bucket_start, bucket_end, count) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (site_id, bucket_start, survey_id) DO UPDATE SET count = count + excluded.count`,
    )
    .bind(site, survey, bucket.start, bucket.end, count);
}

export type DisplayRow = {
  site_id: string;
  survey_id: string;
  bucket_start: number;
  bucket_end: number;
  count: number;
};

/** The rows of one site whose buckets start in [from, to). */
export type DisplayRange = { site: string; from: number; to: number };

/**
 * The display counts of surveys of one kind (or one survey) in these ranges, one per site, each read by
 * the key's range (site, bucket start): a row outside every range is never read, so neither the rows D1
 * reads nor the time taken depend on it. The ranges go in as one JSON array (D1 binds at most 100
 * parameters per statement); CROSS JOIN keeps them the outer loop.
 */
export async function readDisplays(
  db: D1Database,
  filter: { ranges: DisplayRange[]; kind: string; survey?: string },
): Promise<{ rows: DisplayRow[]; rowsRead: number; d1Ms: number }> {
  if (filter.ranges.length === 0) return { rows: [], rowsRead: 0, d1Ms: 0 };
  const result = await db
    .prepare(
      `SELECT d.site_id, d.survey_id, d.bucket_start, d.bucket_end, d.count
       FROM json_each(?1) AS r
       CROSS JOIN display_rollups AS d
         ON d.site_id = r.value ->> '$[0]' AND d.bucket_start >= r.value ->> '$[1]'
         AND d.bucket_start < r.value ->> '$[2]'
       JOIN surveys AS s ON s.site_id = d.site_id AND s.id = d.survey_id
       WHERE s.kind = ?2 AND (?3 IS NULL OR d.survey_id = ?3)`,
    )
    .bind(
      JSON.stringify(filter.ranges.map((range) => [range.site, range.from, range.to])),
      filter.kind,
      filter.survey ?? null,
    )
    .all<DisplayRow>();
  return { rows: result.results, rowsRead: result.meta.rows_read ?? 0, d1Ms: result.meta.duration ?? 0 };
}
