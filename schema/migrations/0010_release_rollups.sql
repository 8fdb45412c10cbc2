-- Release groups summed per site, kind, period and one attribute, written when a period closes (the
-- groups are frozen, so these are too). An aggregate of employees' answers reads these rows, as
-- customers' aggregates read `rollups`, rather than every group of every period in range.
--   dim 'site':      one row per site-period-kind (no survey, service or value);
--   dim 'service':   per service (no survey);
--   dim '':          per survey and service;
--   dim 'topic', 'segment.<d>': per survey, service and the attribute's value ('' absent, '*' given up);
--   dim '~topic', '~segment.<d>': per value alone (no survey or service), for the common breakdowns;
--   dim 'withheld':  a marker that a remainder was withheld (n = 0), as in release_groups.
CREATE TABLE release_rollups (
  site_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  dim TEXT NOT NULL,
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL,
  survey_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  value TEXT NOT NULL,
  n INTEGER NOT NULL DEFAULT 0,
  s0 INTEGER NOT NULL DEFAULT 0, s1 INTEGER NOT NULL DEFAULT 0, s2 INTEGER NOT NULL DEFAULT 0,
  s3 INTEGER NOT NULL DEFAULT 0, s4 INTEGER NOT NULL DEFAULT 0, s5 INTEGER NOT NULL DEFAULT 0,
  s6 INTEGER NOT NULL DEFAULT 0, s7 INTEGER NOT NULL DEFAULT 0, s8 INTEGER NOT NULL DEFAULT 0,
  s9 INTEGER NOT NULL DEFAULT 0, s10 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, kind, dim, period_start, survey_id, service_id, value)
) STRICT, WITHOUT ROWID;

-- The periods closed before this migration: summed from their groups (two statements: D1 allows
-- few terms in one compound SELECT).
INSERT INTO release_rollups (site_id, kind, dim, period_start, period_end, survey_id, service_id, value, n, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10)
SELECT site_id, kind, d, period_start, period_end, sv, se, v, SUM(n), SUM(s0), SUM(s1), SUM(s2), SUM(s3), SUM(s4), SUM(s5), SUM(s6), SUM(s7), SUM(s8), SUM(s9), SUM(s10)
FROM (
  SELECT g.*, 'site' AS d, '' AS sv, '' AS se, '' AS v FROM release_groups g WHERE withheld = 0
  UNION ALL SELECT g.*, 'service', '', service_id, '' FROM release_groups g WHERE withheld = 0
  UNION ALL SELECT g.*, '', survey_id, service_id, '' FROM release_groups g WHERE withheld = 0
)
GROUP BY site_id, kind, d, period_start, sv, se, v;

INSERT INTO release_rollups (site_id, kind, dim, period_start, period_end, survey_id, service_id, value, n, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10)
SELECT site_id, kind, d, period_start, period_end, sv, se, v, SUM(n), SUM(s0), SUM(s1), SUM(s2), SUM(s3), SUM(s4), SUM(s5), SUM(s6), SUM(s7), SUM(s8), SUM(s9), SUM(s10)
FROM (
  SELECT g.*, 'topic' AS d, survey_id AS sv, service_id AS se, topic AS v FROM release_groups g WHERE withheld = 0
  UNION ALL SELECT g.*, 'segment.' || s.value, survey_id, service_id, COALESCE(g.segment ->> ('$."' || s.value || '"'), '')
    FROM release_groups g JOIN sites ON sites.id = g.site_id, json_each(sites.dimensions) AS s WHERE g.withheld = 0
  UNION ALL SELECT g.*, 'withheld', '*', '*', '*' FROM release_groups g WHERE withheld = 1
)
GROUP BY site_id, kind, d, period_start, sv, se, v;

-- Each attribute alone, summed from the rows above.
INSERT INTO release_rollups (site_id, kind, dim, period_start, period_end, survey_id, service_id, value, n, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10)
SELECT site_id, kind, '~' || dim, period_start, period_end, '', '', value, SUM(n), SUM(s0), SUM(s1), SUM(s2), SUM(s3), SUM(s4), SUM(s5), SUM(s6), SUM(s7), SUM(s8), SUM(s9), SUM(s10)
FROM release_rollups WHERE dim = 'topic' OR dim LIKE 'segment.%'
GROUP BY site_id, kind, dim, period_start, value;
