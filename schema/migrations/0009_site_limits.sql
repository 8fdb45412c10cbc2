-- A site's rate-limit tier (README: "Abuse, floods and faults"): which of the Rate Limiting bindings declared
-- in wrangler.toml count its answers. A binding's limit is fixed at deploy time, so a site picks a tier by
-- name rather than storing a number. Existing sites keep today's limits ("standard").
ALTER TABLE sites ADD COLUMN rate_limit TEXT NOT NULL DEFAULT 'standard' CHECK (rate_limit IN ('strict', 'standard', 'relaxed'));
