-- Closing the loop: the thread between the team and the (anonymous) respondent of a response.
CREATE TABLE replies (
  id TEXT PRIMARY KEY,
  response_id TEXT NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  author TEXT NOT NULL CHECK (author IN ('team', 'respondent')),
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX replies_by_response ON replies (response_id, created_at);
