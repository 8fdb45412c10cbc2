-- Segment values are chosen by whoever posts an answer, so a site bounds them (README: "Abuse, floods and
-- faults"). A dimension may list the values it accepts (`dimension_values`, JSON {dimension: [values]});
-- any other dimension accepts at most `max_dimension_values` distinct values, remembered in `segment_values`.
-- Existing sites keep accepting every dimension they had, now up to 100 distinct values each.
ALTER TABLE sites ADD COLUMN dimension_values TEXT NOT NULL DEFAULT '{}';
ALTER TABLE sites ADD COLUMN max_dimension_values INTEGER NOT NULL DEFAULT 100
  CHECK (max_dimension_values BETWEEN 1 AND 1000);

-- The distinct values each open dimension of a site has accepted. A new value's row is written in the same
-- db.batch as its answer, so the answer and the value land together or not at all. Values already stored
-- before this table existed are not copied in: they count again the first time they are sent.
CREATE TABLE segment_values (
  site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  dimension TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (site_id, dimension, value)
) STRICT, WITHOUT ROWID;

-- The cap, checked inside the writing transaction: D1 runs one database's writes one at a time, so answers
-- posted at once cannot pass it together, and a dimension never holds more than the cap. A value the table
-- holds already is no new value: it passes whatever the count (the insert then does nothing).
CREATE TRIGGER segment_values_cap BEFORE INSERT ON segment_values
WHEN NOT EXISTS (
    SELECT 1 FROM segment_values
    WHERE site_id = NEW.site_id AND dimension = NEW.dimension AND value = NEW.value
  )
  AND (SELECT COUNT(*) FROM segment_values WHERE site_id = NEW.site_id AND dimension = NEW.dimension)
    >= (SELECT max_dimension_values FROM sites WHERE id = NEW.site_id)
BEGIN
  SELECT RAISE(ABORT, 'segment_values_cap: the dimension holds its maximum of distinct values');
END;
