-- Intranet identity (README: "Intranet identity"): a site may require a verified employee.

-- JSON of schema/identity.ts's IdentityConfig, the token secret included (write-only in the API), or NULL.
ALTER TABLE sites ADD COLUMN identity TEXT;
-- A random key per site, made when identity is first set and never returned: the ballots' HMAC key.
ALTER TABLE sites ADD COLUMN ballot_key TEXT;

-- One row per employee, survey and period answered: HMAC-SHA256(ballot key, survey|period start|subject).
-- Nothing else on purpose: no site or survey in the clear, no time, no link to the response. WITHOUT
-- ROWID keeps the rows in hash order, so not even the insertion order ties a ballot to an answer.
CREATE TABLE ballots (
  hash TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;
