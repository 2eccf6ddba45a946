-- store: foreign_keys=OFF
-- 0026 The question log without IN-list CHECKs (issue 9, the hot path).
-- Owned by: qa (src/qa/). Every question writes a row here (qa_log.c's
-- writer); SQLite evaluates a CHECK `x IN ('a', 'b', 'c')` by building an
-- ephemeral table on each row (two b-trees created, paged and freed per
-- insert: about a third of the insert's instructions). The same rules as
-- comparisons cost a few opcodes. Nothing else changes: same columns in the
-- same order, every row and id, both indexes; qa_feedback keeps referencing
-- qa_questions(id). SQLite's table-rebuild procedure: the first line runs
-- this with foreign keys off (see store.h), so that dropping the old table
-- does not cascade into qa_feedback, and foreign_key_check runs before
-- the commit.
CREATE TABLE qa_questions_new (
	id                INTEGER PRIMARY KEY,
	at                INTEGER NOT NULL,
	user_id           INTEGER REFERENCES users(id) ON DELETE SET NULL,
	department_id     INTEGER REFERENCES departments(id) ON DELETE SET NULL,
	channel           TEXT NOT NULL
		CHECK (channel = 'staff' OR channel = 'public' OR channel = 'cli'),
	question          TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 4000), -- PII masked
	decision          TEXT NOT NULL
		CHECK (decision = 'answer' OR decision = 'clarify' OR decision = 'unknown'),
	top_entry_id      INTEGER REFERENCES kb_entries(id) ON DELETE SET NULL,
	top_score         REAL NOT NULL,
	latency_us        INTEGER NOT NULL,
	feedback_token    TEXT NOT NULL,              -- proves the voter asked it
	resolved_entry_id INTEGER REFERENCES kb_entries(id) ON DELETE SET NULL,
	dismissed         INTEGER NOT NULL DEFAULT 0 CHECK (dismissed = 0 OR dismissed = 1),
	shown_entry_ids   TEXT NOT NULL DEFAULT '' CHECK (length(shown_entry_ids) <= 200)
) STRICT;
INSERT INTO qa_questions_new(id, at, user_id, department_id, channel, question, decision,
	top_entry_id, top_score, latency_us, feedback_token, resolved_entry_id, dismissed,
	shown_entry_ids)
	SELECT id, at, user_id, department_id, channel, question, decision, top_entry_id,
	top_score, latency_us, feedback_token, resolved_entry_id, dismissed, shown_entry_ids
	FROM qa_questions;
DROP TABLE qa_questions;
ALTER TABLE qa_questions_new RENAME TO qa_questions;
CREATE INDEX qa_questions_at ON qa_questions(at);
CREATE INDEX qa_questions_open ON qa_questions(decision, resolved_entry_id);
