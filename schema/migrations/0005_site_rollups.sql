-- Rollup rows per site (dim 'site', no survey or service): what "everything of this kind" trends read,
-- one row per site and period. Backfilled exactly from the base rows; new responses write them too.
INSERT INTO rollups (grain, kind, dim, period, site_id, survey_id, service_id, value, n, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10)
SELECT grain, kind, 'site', period, site_id, '', '', '', SUM(n), SUM(s0), SUM(s1), SUM(s2), SUM(s3), SUM(s4), SUM(s5), SUM(s6), SUM(s7), SUM(s8), SUM(s9), SUM(s10)
FROM rollups WHERE dim = ''
GROUP BY grain, kind, period, site_id;
