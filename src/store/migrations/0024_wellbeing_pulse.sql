-- 0024 メンタルヘルス, second part: reminder rounds of a stress-check
-- campaign and pulse surveys (short anonymous surveys by department).
-- Owned by: wellbeing (src/wellbeing/). Times are Unix seconds (UTC).

-- A reminder round sent by an administrator: when, and how many staff in
-- scope had not finished then. Who they were is not kept (SPEC §4: that a
-- person took the check may be known, but nothing more is stored than
-- needed; the pending list is computed when asked and audited).
CREATE TABLE sc_reminder_rounds (
	id          INTEGER PRIMARY KEY,
	campaign_id INTEGER NOT NULL REFERENCES sc_campaigns(id) ON DELETE CASCADE,
	sent_at     INTEGER NOT NULL,
	pending     INTEGER NOT NULL CHECK (pending >= 0)
) STRICT;
CREATE INDEX sc_reminder_rounds_campaign ON sc_reminder_rounds(campaign_id, sent_at);

-- A pulse survey: one question set, opened for target departments. Each
-- target unit answers its own anonymous survey of the survey module
-- (survey_surveys, owned by survey), so results come by unit without any
-- link from an answer to a person; n < stress_group_min suppresses a unit.
CREATE TABLE wb_pulses (
	id         INTEGER PRIMARY KEY,
	title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	opened_at  INTEGER NOT NULL,
	closes_at  INTEGER NOT NULL CHECK (closes_at >= opened_at),
	created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE wb_pulse_units (
	pulse_id      INTEGER NOT NULL REFERENCES wb_pulses(id) ON DELETE CASCADE,
	department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
	survey_id     INTEGER NOT NULL UNIQUE,  -- survey_surveys(id), anonymous
	invited       INTEGER NOT NULL CHECK (invited >= 0), -- staff of the unit when opened
	PRIMARY KEY (pulse_id, department_id)
) STRICT, WITHOUT ROWID;
