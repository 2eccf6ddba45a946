-- 0006 問い合わせAI: the question log (every ask, with its decision), the
-- feedback on answers, the editable synonym table, and the usage events that
-- the adoption analytics count. Owned by: qa (src/qa/). Times: Unix seconds.

CREATE TABLE qa_questions (
	id                INTEGER PRIMARY KEY,
	at                INTEGER NOT NULL,
	user_id           INTEGER REFERENCES users(id) ON DELETE SET NULL,
	department_id     INTEGER REFERENCES departments(id) ON DELETE SET NULL,
	channel           TEXT NOT NULL CHECK (channel IN ('staff', 'public', 'cli')),
	question          TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 4000), -- PII masked
	decision          TEXT NOT NULL CHECK (decision IN ('answer', 'clarify', 'unknown')),
	top_entry_id      INTEGER REFERENCES kb_entries(id) ON DELETE SET NULL,
	top_score         REAL NOT NULL,
	latency_us        INTEGER NOT NULL,
	feedback_token    TEXT NOT NULL,              -- proves the voter asked it
	resolved_entry_id INTEGER REFERENCES kb_entries(id) ON DELETE SET NULL,
	dismissed         INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1))
) STRICT;
CREATE INDEX qa_questions_at ON qa_questions(at);
CREATE INDEX qa_questions_open ON qa_questions(decision, resolved_entry_id);

CREATE TABLE qa_feedback (
	question_id INTEGER PRIMARY KEY REFERENCES qa_questions(id) ON DELETE CASCADE,
	entry_id    INTEGER REFERENCES kb_entries(id) ON DELETE SET NULL,
	vote        INTEGER NOT NULL CHECK (vote IN (-1, 1)),
	comment     TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
	at          INTEGER NOT NULL
) STRICT;
CREATE INDEX qa_feedback_entry ON qa_feedback(entry_id, vote);

CREATE TABLE qa_synonyms (
	id         INTEGER PRIMARY KEY,
	variants   TEXT NOT NULL,                     -- spellings joined by TAB
	updated_at INTEGER NOT NULL
) STRICT;

-- A synonym change makes the search index stale like an entry change.
CREATE TRIGGER qa_synonyms_gen_insert AFTER INSERT ON qa_synonyms BEGIN
	UPDATE kb_state SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER qa_synonyms_gen_update AFTER UPDATE ON qa_synonyms BEGIN
	UPDATE kb_state SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER qa_synonyms_gen_delete AFTER DELETE ON qa_synonyms BEGIN
	UPDATE kb_state SET generation = generation + 1 WHERE id = 1;
END;

-- One row per use of a feature, for 活用状況 (adoption analytics).
CREATE TABLE usage_events (
	id                INTEGER PRIMARY KEY,
	at                INTEGER NOT NULL,
	user_id           INTEGER REFERENCES users(id) ON DELETE SET NULL,
	department_id     INTEGER REFERENCES departments(id) ON DELETE SET NULL,
	feature           TEXT NOT NULL,               -- 'ask', 'ask_public', 'chat', ...
	outcome           TEXT NOT NULL,               -- 'answer', 'clarify', 'unknown', 'ok', 'error'
	ref_id            INTEGER,                     -- e.g. qa_questions.id
	latency_ms        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX usage_events_at ON usage_events(at);
CREATE INDEX usage_events_user ON usage_events(user_id, at);

-- Whether the synonym table has been filled from the seed once (an editor
-- who empties it on purpose does not get the seed back).
CREATE TABLE qa_state (
	id               INTEGER PRIMARY KEY CHECK (id = 1),
	synonyms_seeded  INTEGER NOT NULL CHECK (synonyms_seeded IN (0, 1))
) STRICT;
INSERT INTO qa_state(id, synonyms_seeded) VALUES (1, 0);
