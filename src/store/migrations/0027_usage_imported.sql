-- 0027 usage: imported usage logs in their own table (issue 10, import
-- speed). Owned by: usage (src/usage/usage_import.c).
--
-- An imported row was a usage_events row: the table's B-tree, its at index
-- and the unique index of a 16-byte SHA-256 import key, three B-trees per
-- row of some 60 bytes. usage_imported is one B-tree of compact integers
-- whose primary key is the natural key of a row (time, staff member,
-- feature, and n = how many identical rows came before it in its file):
-- importing the same rows again finds them by that key, and logs arrive in
-- time order, so inserts append. Rows are folded into the roll-ups when
-- they are imported (never by usage_rollup_state's mark), and the retention
-- purge deletes by time (a range of the key). docs/adoption.md has the
-- figures. From this version on, usage_month_staff.days (0011) ends with
-- the last day of the month that has a use: its readers take missing days
-- as 0, and rows written before keep their 31 days.
CREATE TABLE usage_imported (
	at         INTEGER NOT NULL,  -- Unix seconds
	staff_id   INTEGER NOT NULL,  -- staff.id (the employee number's roster entry)
	feature_id INTEGER NOT NULL,  -- usage_features.id
	n          INTEGER NOT NULL,  -- identical rows before this one in its file
	PRIMARY KEY (at, staff_id, feature_id, n)
) STRICT, WITHOUT ROWID;

-- Imported rows already stored move over. They are all folded (an import
-- folds its rows in its own transaction); n is recounted from the order in
-- which identical rows were stored, which is how their files numbered them.
INSERT OR IGNORE INTO usage_features(name)
	SELECT DISTINCT feature FROM usage_events
	WHERE import_key IS NOT NULL AND length(feature) BETWEEN 1 AND 64;
INSERT OR IGNORE INTO usage_imported(at, staff_id, feature_id, n)
	SELECT e.at, e.staff_id, f.id,
	       row_number() OVER (PARTITION BY e.at, e.staff_id, e.feature ORDER BY e.id) - 1
	FROM usage_events e JOIN usage_features f ON f.name = e.feature
	WHERE e.import_key IS NOT NULL AND e.staff_id IS NOT NULL
	  AND e.id <= (SELECT last_event_id FROM usage_rollup_state WHERE id = 1);
-- The keys of the rest (a roster entry deleted since, or, which no import
-- leaves behind, not folded yet) go where the purge keeps keys, so that a
-- re-import still finds them.
INSERT OR IGNORE INTO usage_purged_import_keys(import_key)
	SELECT import_key FROM usage_events
	WHERE import_key IS NOT NULL
	  AND (staff_id IS NULL OR id > (SELECT last_event_id FROM usage_rollup_state WHERE id = 1));
-- The moved rows leave usage_events, except the newest event of all: ids
-- are max(id) + 1 and must not come back below the roll-ups' mark. That
-- one stays without its key (its copy in usage_imported keeps it unique).
DELETE FROM usage_events
	WHERE import_key IS NOT NULL AND staff_id IS NOT NULL
	  AND id <= (SELECT last_event_id FROM usage_rollup_state WHERE id = 1)
	  AND id < (SELECT max(id) FROM usage_events);
UPDATE usage_events SET import_key = NULL WHERE import_key IS NOT NULL;

-- The retention's horizon: usage events before it may be purged, so the
-- before/after comparison of a training session (usage_compare) reads
-- those days from the roll-ups. 0: nothing purged since this migration.
ALTER TABLE usage_rollup_state ADD COLUMN purged_before INTEGER NOT NULL DEFAULT 0;

-- Nothing writes import keys into usage_events any more.
DROP TRIGGER usage_events_purged_key;
DROP INDEX usage_events_import_key;
