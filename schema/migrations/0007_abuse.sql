-- Abuse protection of POST /v1/responses (README: "Abuse, floods and faults").

-- One random salt per UTC day for the visitor hash (rate-limit keys only; after Plausible's scheme).
-- Salts older than today are deleted as soon as a new day's salt is made, and by the daily cron.
CREATE TABLE visitor_salts (
  day TEXT PRIMARY KEY,     -- YYYY-MM-DD, UTC
  salt TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Optional Cloudflare Turnstile per site: the widget renders it with the site key; the Worker verifies
-- each token with the secret (write-only: never returned by the API).
ALTER TABLE sites ADD COLUMN turnstile_site_key TEXT;
ALTER TABLE sites ADD COLUMN turnstile_secret TEXT;
