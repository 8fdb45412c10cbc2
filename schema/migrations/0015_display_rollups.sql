-- How often each survey was shown (POST /v1/displays), one row per site, survey and bucket, counted by an
-- upsert: no row per display, and nothing about the visitor. [bucket_start, bucket_end) in epoch ms is
-- the UTC day on external sites; on internal sites the site's reporting period, so that the database
-- itself never holds a finer count of employees' displays than the release rule reports (README:
-- "Displays and response rate"). The end is kept, not derived: a site may change its period later, and
-- a period is reported only once its own end has passed.
CREATE TABLE display_rollups (
  site_id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  bucket_start INTEGER NOT NULL,
  bucket_end INTEGER NOT NULL,
  count INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, bucket_start DESC, survey_id)
) STRICT, WITHOUT ROWID;
-- The key puts time before the survey, newest first: a read takes each site's closed rows by range, from
-- just below the open period down, so it never steps onto (nor counts in its rows_read) the row of an
-- internal site's open period, which sorts before them (worker/displays; ascending, a range scan reads the
-- row after its end to know it has ended, and that row was the open period's, when there was one).
