-- 0011 活用状況 (adoption reports). Owned by: usage (src/usage/).
--
-- Usage events learn which roster entry (staff) they belong to: events
-- recorded by yakuba are linked through users.staff_id when they are folded
-- into the roll-ups; events imported from other tools name the employee
-- number directly. import_key makes re-importing the same rows a no-op.
--
-- Roll-ups (docs/adoption.md says which ones earn their keep): the report
-- never reads the raw table. Per-person uses come from usage_month_staff
-- (with the uses of each day, for the partial months at the ends of a
-- period), who was active when from one day bitmap per person and feature
-- (usage_staff_days), city-wide totals and outcomes from usage_day_feature. Months and days are in the
-- city's time zone (Asia/Tokyo, UTC+9, no daylight saving): day = days
-- since 1970-01-01 JST, month = year*12 + (month-1).

ALTER TABLE usage_events ADD COLUMN staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL;
ALTER TABLE usage_events ADD COLUMN import_key BLOB;
CREATE UNIQUE INDEX usage_events_import_key ON usage_events(import_key)
	WHERE import_key IS NOT NULL;

-- Feature names ('ask', 'chat', 'external:trial', ...) as small integers.
CREATE TABLE usage_features (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64)
) STRICT;

-- Uses per feature (0: any feature), month and staff member; days holds the
-- uses of each day of the month (2 bytes per day, little-endian, from day 1).
CREATE TABLE usage_month_staff (
	feature_id INTEGER NOT NULL,
	month      INTEGER NOT NULL,
	staff_id   INTEGER NOT NULL,
	uses       INTEGER NOT NULL,
	days       BLOB NOT NULL,
	PRIMARY KEY (feature_id, month, staff_id)
) STRICT, WITHOUT ROWID;

-- Uses per day, feature and outcome, by everyone (citizens and users not
-- on the roster included); staff_uses counts the roster-linked part.
CREATE TABLE usage_day_feature (
	day        INTEGER NOT NULL,
	feature_id INTEGER NOT NULL,
	outcome    TEXT NOT NULL,
	uses       INTEGER NOT NULL,
	staff_uses INTEGER NOT NULL,
	PRIMARY KEY (day, feature_id, outcome)
) STRICT, WITHOUT ROWID;

-- The days each staff member used a feature (feature_id 0: any feature):
-- bit i of days (byte i/8, bit i%8) is day base_day + i; base_day is a
-- multiple of 8. first_day gives new users per month.
CREATE TABLE usage_staff_days (
	feature_id INTEGER NOT NULL,
	staff_id   INTEGER NOT NULL,
	first_day  INTEGER NOT NULL,
	base_day   INTEGER NOT NULL,
	days       BLOB NOT NULL,
	PRIMARY KEY (feature_id, staff_id)
) STRICT, WITHOUT ROWID;

-- Events with id <= last_event_id are in the roll-ups.
CREATE TABLE usage_rollup_state (
	id            INTEGER PRIMARY KEY CHECK (id = 1),
	last_event_id INTEGER NOT NULL
) STRICT;
INSERT INTO usage_rollup_state(id, last_event_id) VALUES (1, 0);
