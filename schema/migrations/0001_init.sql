-- feedloop's data model. Applied migrations are never edited: add a new numbered file instead.
-- Times are Unix epoch milliseconds (UTC). JSON columns hold arrays or objects validated by schema/*.ts.

CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  audience TEXT NOT NULL CHECK (audience IN ('external', 'internal')),
  origins TEXT NOT NULL DEFAULT '[]',       -- JSON array of origins allowed to post
  dimensions TEXT NOT NULL DEFAULT '[]',    -- JSON array of segment dimensions
  min_group_size INTEGER NOT NULL DEFAULT 5,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- One row per (origin, site): answers a CORS preflight, which names no site, with one indexed lookup.
CREATE TABLE site_origins (
  origin TEXT NOT NULL,
  site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  PRIMARY KEY (origin, site_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  owner TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE surveys (
  site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('nps', 'csat', 'ces', 'thumbs', 'text')),
  question TEXT NOT NULL,                   -- JSON {locale: text}
  comment_prompt TEXT,                      -- JSON {locale: text} or NULL
  services TEXT NOT NULL DEFAULT '[]',      -- JSON array of service ids this survey may rate
  topics TEXT NOT NULL DEFAULT '[]',        -- JSON array of topic ids a respondent may pick
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
) STRICT;

-- One answer. `service_id` and `topic` are '' rather than NULL when absent, so they can be part of
-- rollup keys and compared with `=`. Internal sites' rows keep no time finer than the hour.
CREATE TABLE responses (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  score INTEGER,
  comment TEXT,
  service_id TEXT NOT NULL DEFAULT '',
  topic TEXT NOT NULL DEFAULT '',
  segment TEXT NOT NULL DEFAULT '{}',       -- JSON {dimension: value}
  locale TEXT,
  page TEXT,                                -- origin + path only: query strings can carry personal data
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'resolved', 'dismissed')),
  followup_hash TEXT NOT NULL UNIQUE,       -- SHA-256 of the respondent's follow-up token; the token is never stored
  created_at INTEGER NOT NULL
) STRICT;

-- The inbox and raw-scan fallbacks read by site and survey within a time range, newest first.
CREATE INDEX responses_by_survey_time ON responses (site_id, survey_id, created_at DESC, id DESC);
-- `kind=` aggregates across surveys and the inbox across sites read by kind or time alone.
CREATE INDEX responses_by_kind_time ON responses (kind, created_at DESC, id DESC);
CREATE INDEX responses_by_time ON responses (created_at DESC, id DESC);

-- Pre-aggregated counts, updated in the same batch (one transaction) as each insert or delete, so
-- the cost of an aggregate depends on the length of the period, not on the number of responses.
--   grain:  'h' hour, 'd' UTC day, 'm' UTC month; period = the grain's start (epoch ms).
--   dim:    '' the base row of every response; 'topic' with the topic as value; 'segment.<name>'
--           with the segment value. A response adds one base row plus one per topic/segment value.
--   n:      number of responses; s0..s10: how many of them gave each score (distribution).
CREATE TABLE rollups (
  grain TEXT NOT NULL,
  kind TEXT NOT NULL,
  dim TEXT NOT NULL,
  period INTEGER NOT NULL,
  site_id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  value TEXT NOT NULL,
  n INTEGER NOT NULL DEFAULT 0,
  s0 INTEGER NOT NULL DEFAULT 0, s1 INTEGER NOT NULL DEFAULT 0, s2 INTEGER NOT NULL DEFAULT 0,
  s3 INTEGER NOT NULL DEFAULT 0, s4 INTEGER NOT NULL DEFAULT 0, s5 INTEGER NOT NULL DEFAULT 0,
  s6 INTEGER NOT NULL DEFAULT 0, s7 INTEGER NOT NULL DEFAULT 0, s8 INTEGER NOT NULL DEFAULT 0,
  s9 INTEGER NOT NULL DEFAULT 0, s10 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (grain, kind, dim, period, site_id, survey_id, service_id, value)
) STRICT, WITHOUT ROWID;

-- Idempotency keys of POST /v1/responses: the first answer, replayed for a repeat with the same
-- payload. Kept at least 24 hours (contract); purged after 48 by the scheduled handler.
CREATE TABLE idempotency_keys (
  site_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,               -- SHA-256 of the canonical payload
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX idempotency_keys_by_time ON idempotency_keys (created_at);
