-- What a team did about a service, and on which UTC day (README: "Actions, with before and after"): the day an
-- action's before/after turns on. Settings only, written by admins; nothing about respondents.
CREATE TABLE service_actions (
  service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),  -- YYYY-MM-DD, UTC
  note TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (service_id, id)
) STRICT;
