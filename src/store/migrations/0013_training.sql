-- 0013 人材育成: reusable surveys (owned by survey, src/survey/) and study
-- sessions, recruitment, attendance, certifications, materials and curricula
-- (owned by training, src/training/). Times are Unix seconds; days are
-- 'YYYY-MM-DD' in Japan time.
--
-- Anonymous surveys (docs/survey.md): survey_responses and survey_answers
-- are WITHOUT ROWID tables keyed by a random id, so their storage order is
-- random and no rowid counts arrivals; a response keeps only the day it was
-- given and, when anonymous, no staff id (a CHECK forbids one). Who has
-- answered lives apart in survey_answered, keyed (survey, staff) with no
-- time and no order.

CREATE TABLE survey_surveys (
	id         INTEGER PRIMARY KEY,
	title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	anonymous  INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
	closed     INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
	created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE survey_questions (
	id        INTEGER PRIMARY KEY,
	survey_id INTEGER NOT NULL REFERENCES survey_surveys(id) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	kind      TEXT NOT NULL CHECK (kind IN ('scale', 'single', 'multiple', 'text')),
	scale     TEXT NOT NULL DEFAULT '' CHECK (scale IN ('', 'satisfaction', 'usefulness')),
	text      TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
	choices   TEXT NOT NULL DEFAULT '',          -- choices joined by LF
	required  INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
	UNIQUE (survey_id, position)
) STRICT;

CREATE TABLE survey_responses (
	id        TEXT PRIMARY KEY,                  -- 32 random hex digits
	survey_id INTEGER NOT NULL REFERENCES survey_surveys(id) ON DELETE CASCADE,
	staff_id  INTEGER REFERENCES staff(id) ON DELETE SET NULL, -- NULL when anonymous
	anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
	day       TEXT NOT NULL,                     -- 'YYYY-MM-DD', nothing finer
	CHECK (anonymous = 0 OR staff_id IS NULL)
) STRICT, WITHOUT ROWID;
CREATE INDEX survey_responses_survey ON survey_responses(survey_id);
CREATE UNIQUE INDEX survey_responses_named ON survey_responses(survey_id, staff_id)
	WHERE staff_id IS NOT NULL;

CREATE TABLE survey_answers (
	response_id TEXT NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
	question_id INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
	value       INTEGER NOT NULL,                -- scale 1..5, choice index, 0 for text
	text        TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (response_id, question_id, value)
) STRICT, WITHOUT ROWID;
CREATE INDEX survey_answers_question ON survey_answers(question_id);

CREATE TABLE survey_answered (
	survey_id INTEGER NOT NULL REFERENCES survey_surveys(id) ON DELETE CASCADE,
	staff_id  INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	PRIMARY KEY (survey_id, staff_id)
) STRICT, WITHOUT ROWID;

-- ---- training -------------------------------------------------------------

CREATE TABLE training_series (
	id         INTEGER PRIMARY KEY,
	title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	exam       TEXT NOT NULL DEFAULT '',         -- e.g. 'G検定'
	created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE training_series_members (
	series_id  INTEGER NOT NULL REFERENCES training_series(id) ON DELETE CASCADE,
	staff_id   INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	took_exam  INTEGER NOT NULL DEFAULT 0 CHECK (took_exam IN (0, 1)),
	passed     INTEGER NOT NULL DEFAULT 0 CHECK (passed IN (0, 1)),
	PRIMARY KEY (series_id, staff_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE training_sessions (
	id             INTEGER PRIMARY KEY,
	series_id      INTEGER REFERENCES training_series(id) ON DELETE SET NULL,
	title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	level          TEXT NOT NULL DEFAULT '',
	day            TEXT NOT NULL,                -- 'YYYY-MM-DD'
	start_time     TEXT NOT NULL DEFAULT '',     -- 'HH:MM' or ''
	end_time       TEXT NOT NULL DEFAULT '',
	place          TEXT NOT NULL DEFAULT '',
	online_url     TEXT NOT NULL DEFAULT '',
	capacity       INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0), -- 0 = no cap
	recruitment    TEXT NOT NULL DEFAULT 'open' CHECK (recruitment IN ('open', 'quota')),
	description    TEXT NOT NULL DEFAULT '',
	blocks         TEXT NOT NULL DEFAULT '',     -- "label TAB minutes" lines
	instructors    TEXT NOT NULL DEFAULT '',     -- one name per line
	tiers          TEXT NOT NULL DEFAULT '',     -- target tiers, one per line
	templates      TEXT NOT NULL DEFAULT '',     -- ws_templates ids, one per line
	pre_survey_id  INTEGER REFERENCES survey_surveys(id) ON DELETE SET NULL,
	post_survey_id INTEGER REFERENCES survey_surveys(id) ON DELETE SET NULL,
	created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX training_sessions_day ON training_sessions(day);

CREATE TABLE training_quotas (
	session_id    INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
	department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
	quota         INTEGER NOT NULL CHECK (quota >= 0),
	PRIMARY KEY (session_id, department_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE training_registrations (
	id            INTEGER PRIMARY KEY,
	session_id    INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
	staff_id      INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	status        TEXT NOT NULL CHECK (status IN ('registered', 'waiting', 'cancelled')),
	nominated_by  INTEGER,                       -- users.id of a nominating head/admin
	queued_at     INTEGER NOT NULL,              -- orders the waiting list
	updated_at    INTEGER NOT NULL,
	UNIQUE (session_id, staff_id)
) STRICT;
CREATE INDEX training_registrations_session ON training_registrations(session_id, status);

CREATE TABLE training_attendance (
	session_id INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
	staff_id   INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	source     TEXT NOT NULL CHECK (source IN ('list', 'csv')),
	PRIMARY KEY (session_id, staff_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX training_attendance_staff ON training_attendance(staff_id);

CREATE TABLE training_cert_kinds (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100)
) STRICT;
INSERT INTO training_cert_kinds(name) VALUES ('G検定'), ('DS検定'), ('ITパスポート'), ('基本情報技術者');

CREATE TABLE training_certs (
	id           INTEGER PRIMARY KEY,
	staff_id     INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	kind_id      INTEGER NOT NULL REFERENCES training_cert_kinds(id) ON DELETE RESTRICT,
	acquired_on  TEXT NOT NULL,                  -- 'YYYY-MM-DD'
	evidence     TEXT NOT NULL DEFAULT '',       -- note or link, no file
	confirmed    INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
	confirmed_by INTEGER,
	created_at   INTEGER NOT NULL,
	UNIQUE (staff_id, kind_id)
) STRICT;

CREATE TABLE training_subsidies (
	id         INTEGER PRIMARY KEY,
	staff_id   INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	kind_id    INTEGER NOT NULL REFERENCES training_cert_kinds(id) ON DELETE RESTRICT,
	amount     INTEGER NOT NULL CHECK (amount >= 0), -- yen
	status     TEXT NOT NULL CHECK (status IN ('applied', 'approved', 'paid', 'rejected')),
	note       TEXT NOT NULL DEFAULT '',
	applied_on TEXT NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE training_materials (
	id         INTEGER PRIMARY KEY,
	title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	kind       TEXT NOT NULL CHECK (kind IN ('material', 'newsletter')),
	issue_no   INTEGER NOT NULL DEFAULT 0,
	file_name  TEXT NOT NULL,
	mime       TEXT NOT NULL,
	content    BLOB NOT NULL,
	session_id INTEGER REFERENCES training_sessions(id) ON DELETE SET NULL,
	created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE training_material_views (
	material_id INTEGER NOT NULL REFERENCES training_materials(id) ON DELETE CASCADE,
	staff_id    INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	month       TEXT NOT NULL,                   -- 'YYYY-MM' of the first view
	PRIMARY KEY (material_id, staff_id)
) STRICT, WITHOUT ROWID;

-- Required items per tier: a session or a material.
CREATE TABLE training_curriculum (
	id          INTEGER PRIMARY KEY,
	tier        TEXT NOT NULL CHECK (tier IN ('幹部', 'DX推進リーダー', '一般職員')),
	session_id  INTEGER REFERENCES training_sessions(id) ON DELETE CASCADE,
	material_id INTEGER REFERENCES training_materials(id) ON DELETE CASCADE,
	CHECK ((session_id IS NULL) <> (material_id IS NULL))
) STRICT;
