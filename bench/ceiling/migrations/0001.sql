-- The ceiling Worker's only table: the raw body of each POST, unvalidated.
CREATE TABLE responses (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL
);
