-- Anonymity of internal sites (README: "Employees' anonymity"). An internal site's answers are released
-- only once their reporting period has closed, and only as release groups of at least minGroupSize.

-- Reporting period (day, week, month, quarter) in the site's IANA time zone; periods start at local
-- midnight, weeks on Monday. `released_until`: every period starting before it is closed and grouped.
ALTER TABLE sites ADD COLUMN reporting_period TEXT NOT NULL DEFAULT 'week' CHECK (reporting_period IN ('day', 'week', 'month', 'quarter'));
ALTER TABLE sites ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE sites ADD COLUMN released_until INTEGER NOT NULL DEFAULT 0;
-- minGroupSize is at least 3 on internal sites from now on (periods closed before keep their groups).
UPDATE sites SET min_group_size = 3 WHERE audience = 'internal' AND min_group_size < 3;

-- One release group of one closed site-period, frozen once written. survey_id, service_id and topic
-- are '' when the answers had none and '*' when the attribute was generalised ("several"); segment is
-- JSON {dimension: value | '*'} (a dimension the answers lacked is absent). A row with withheld = 1 marks
-- a remainder of fewer than minGroupSize answers of that kind: it is counted nowhere, and its size is
-- not kept (n and the scores stay 0).
CREATE TABLE release_groups (
  id TEXT PRIMARY KEY,                      -- <site>/<period start ms>/<kind>/<n>
  site_id TEXT NOT NULL,
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL,
  kind TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  segment TEXT NOT NULL DEFAULT '{}',
  withheld INTEGER NOT NULL DEFAULT 0,
  n INTEGER NOT NULL DEFAULT 0,
  s0 INTEGER NOT NULL DEFAULT 0, s1 INTEGER NOT NULL DEFAULT 0, s2 INTEGER NOT NULL DEFAULT 0,
  s3 INTEGER NOT NULL DEFAULT 0, s4 INTEGER NOT NULL DEFAULT 0, s5 INTEGER NOT NULL DEFAULT 0,
  s6 INTEGER NOT NULL DEFAULT 0, s7 INTEGER NOT NULL DEFAULT 0, s8 INTEGER NOT NULL DEFAULT 0,
  s9 INTEGER NOT NULL DEFAULT 0, s10 INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX release_groups_by_site ON release_groups (site_id, kind, period_start);

-- Each response's place in the release. External answers are listed at once; internal ones wait
-- (`pending` = 1) until their period closes, then carry their group and are listed at the period's
-- start in a random order (`list_key`) that is fixed from then on. Withheld answers are never listed.
ALTER TABLE responses ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE responses ADD COLUMN release_group TEXT;
ALTER TABLE responses ADD COLUMN listed_at INTEGER;
ALTER TABLE responses ADD COLUMN list_key TEXT;
UPDATE responses SET listed_at = created_at, list_key = id WHERE site_id NOT IN (SELECT id FROM sites WHERE audience = 'internal');
UPDATE responses SET pending = 1 WHERE site_id IN (SELECT id FROM sites WHERE audience = 'internal');
-- Internal answers are counted only from release groups: their rollups go (existing periods are
-- grouped on the first read or cron after this migration).
DELETE FROM rollups WHERE site_id IN (SELECT id FROM sites WHERE audience = 'internal');

CREATE INDEX responses_pending ON responses (site_id, created_at) WHERE pending = 1;
-- The inbox and exports page by (listed_at, list_key) instead of the raw time.
CREATE INDEX responses_listed ON responses (listed_at DESC, list_key DESC);
-- Raw aggregate scans read only the sites they may count (never an internal site's raw rows).
CREATE INDEX responses_by_site_kind_time ON responses (site_id, kind, created_at);
DROP INDEX responses_by_time;
