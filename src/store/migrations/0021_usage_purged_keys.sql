-- 0021 Retention of usage_events (retention_usage_days). Owned by: usage
-- (src/usage/usage_retention.c).
--
-- The daily purge deletes events that are already in the roll-ups, so
-- 活用状況 keeps its figures. An imported event carries an import_key that
-- makes importing the same file twice a no-op; once the event is purged,
-- its key is kept here so that re-importing an old export still adds
-- nothing (the roll-ups already count it). 16 bytes a purged imported row.
CREATE TABLE usage_purged_import_keys (
	import_key BLOB PRIMARY KEY
) STRICT, WITHOUT ROWID;

-- An insert with a purged key is skipped like a duplicate (INSERT OR
-- IGNORE reports no change, so usage_import counts it as a duplicate).
CREATE TRIGGER usage_events_purged_key BEFORE INSERT ON usage_events
WHEN new.import_key IS NOT NULL
	AND EXISTS (SELECT 1 FROM usage_purged_import_keys WHERE import_key = new.import_key)
BEGIN
	SELECT RAISE(IGNORE);
END;
