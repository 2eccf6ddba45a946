-- 0012 メンタルヘルス: stress-check campaigns, answer sheets, consent,
-- 面接指導 applications, group-analysis overrides, the anonymous opinion
-- box and stored self-care conversations. Owned by: wellbeing
-- (src/wellbeing/). Times are Unix seconds (UTC).

CREATE TABLE sc_campaigns (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
	starts_at     INTEGER NOT NULL,
	ends_at       INTEGER NOT NULL CHECK (ends_at >= starts_at),
	method        TEXT NOT NULL CHECK (method IN ('sum', 'soten')),
	-- thresholds of both methods, copied from the settings at creation
	sum_b_high    INTEGER NOT NULL,
	sum_ac_high   INTEGER NOT NULL,
	sum_b_mid     INTEGER NOT NULL,
	soten_b_high  INTEGER NOT NULL,
	soten_ac_high INTEGER NOT NULL,
	soten_b_mid   INTEGER NOT NULL,
	reminder_days INTEGER NOT NULL DEFAULT 7 CHECK (reminder_days BETWEEN 0 AND 365),
	created_at    INTEGER NOT NULL
) STRICT;

-- Staff in scope (対象者), a snapshot of the roster when the campaign opens.
CREATE TABLE sc_targets (
	campaign_id   INTEGER NOT NULL REFERENCES sc_campaigns(id) ON DELETE CASCADE,
	staff_id      INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,
	PRIMARY KEY (campaign_id, staff_id)
) STRICT, WITHOUT ROWID;

-- One answer sheet per worker and campaign. answers: 57 characters '0'..'4'
-- ('0' = not answered yet); a sheet is scored only when submitted, which
-- needs all 57 answers and the sex.
CREATE TABLE sc_sheets (
	id             INTEGER PRIMARY KEY,
	campaign_id    INTEGER NOT NULL REFERENCES sc_campaigns(id) ON DELETE CASCADE,
	user_id        INTEGER REFERENCES users(id) ON DELETE SET NULL,
	staff_id       INTEGER REFERENCES staff(id) ON DELETE SET NULL,
	department_id  INTEGER REFERENCES departments(id) ON DELETE SET NULL,
	sex            TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'M', 'F')),
	answers        TEXT NOT NULL CHECK (length(answers) = 57),
	source         TEXT NOT NULL CHECK (source IN ('web', 'paper')),
	submitted_at   INTEGER,
	result_seen_at INTEGER,
	created_at     INTEGER NOT NULL,
	updated_at     INTEGER NOT NULL,
	CHECK (user_id IS NOT NULL OR staff_id IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX sc_sheets_user ON sc_sheets(campaign_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX sc_sheets_staff ON sc_sheets(campaign_id, staff_id) WHERE staff_id IS NOT NULL;
CREATE INDEX sc_sheets_dept ON sc_sheets(campaign_id, department_id);

-- Consent to give the employer the result: a history (given / revoked),
-- the last row is the current state. via 'interview' = a 面接指導
-- application, which counts as consent (SPEC §4).
CREATE TABLE sc_consents (
	id       INTEGER PRIMARY KEY,
	sheet_id INTEGER NOT NULL REFERENCES sc_sheets(id) ON DELETE CASCADE,
	action   TEXT NOT NULL CHECK (action IN ('give', 'revoke')),
	via      TEXT NOT NULL CHECK (via IN ('consent', 'interview')),
	at       INTEGER NOT NULL
) STRICT;
CREATE INDEX sc_consents_sheet ON sc_consents(sheet_id, id);

-- 面接指導 applications (申出); seen by implementers only.
CREATE TABLE sc_interviews (
	sheet_id   INTEGER PRIMARY KEY REFERENCES sc_sheets(id) ON DELETE CASCADE,
	applied_at INTEGER NOT NULL,
	status     TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'done', 'withdrawn')),
	done_at    INTEGER,
	updated_at INTEGER NOT NULL
) STRICT;

-- Overrides of the n < 10 suppression for one unit (SPEC §4): every member
-- consented, or the identification-safe summary only (57-item total mean).
CREATE TABLE sc_group_overrides (
	campaign_id   INTEGER NOT NULL REFERENCES sc_campaigns(id) ON DELETE CASCADE,
	department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
	mode          TEXT NOT NULL CHECK (mode IN ('all_consented', 'summary_only')),
	set_at        INTEGER NOT NULL,
	PRIMARY KEY (campaign_id, department_id)
) STRICT, WITHOUT ROWID;

-- The anonymous opinion box. No author, no address, no time finer than the
-- day, and no rowid: the key is random, so the physical and listed order
-- cannot be joined to the access log's order of requests.
CREATE TABLE ob_posts (
	key           BLOB PRIMARY KEY CHECK (length(key) = 16),
	day           TEXT NOT NULL,                  -- "2026-12-01" (UTC)
	category      TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 50),
	department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,
	body          TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 4000), -- masked
	status        TEXT NOT NULL DEFAULT '受付' CHECK (status IN ('受付', '検討中', '対応済', '対応しない')),
	reason        TEXT NOT NULL DEFAULT '',
	reply         TEXT NOT NULL DEFAULT '',
	reply_day     TEXT
) STRICT, WITHOUT ROWID;

-- Self-care conversations, stored only when the user chooses to keep them.
CREATE TABLE wb_chats (
	id         INTEGER PRIMARY KEY,
	owner_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	messages   TEXT NOT NULL,                    -- JSON [{role, content}]
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX wb_chats_owner ON wb_chats(owner_id);
