-- API keys: only a SHA-256 digest of each key is stored; the key itself is shown once, at creation.
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('admin', 'read')),
  sites TEXT,                               -- JSON array of site ids the key is limited to, or NULL for all
  prefix TEXT NOT NULL,                     -- the first characters, to recognise a key in a list
  key_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;
