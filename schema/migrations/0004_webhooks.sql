-- Outgoing webhooks. The secret signs deliveries (Standard Webhooks), so it is stored as given.
CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  events TEXT NOT NULL,                     -- JSON array of event types
  secret TEXT NOT NULL,                     -- whsec_<base64>
  format TEXT NOT NULL DEFAULT 'standard' CHECK (format IN ('standard', 'slack')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
