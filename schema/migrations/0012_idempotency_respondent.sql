-- On a site that verifies employees, an idempotent replay hands out the follow-up token only to the employee
-- who answered (issue 13, item 11): a keyed hash of their subject, bound to the key, kept with the answer and
-- purged with it after 48 hours. NULL on other sites, and for answers stored before this column existed
-- (their replays on an identity site then answer without the token).
ALTER TABLE idempotency_keys ADD COLUMN respondent_hash TEXT;
