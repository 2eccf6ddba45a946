-- Outcome figures of 問い合わせAI that outlive the question log (issue 13:
-- retention; issue 10: 活用状況 outcome figures). Owned by: qa.
-- When the daily purge deletes old questions (retention_questions_days),
-- it first adds what 活用状況 counts of them here: per JST day (the Unix
-- time of that day's 00:00 in Asia/Tokyo) and channel (0 staff, 1 public),
-- the 👍 / 👎 votes, the questions not answered and how many of those an
-- editor turned into FAQ entries; and which entries they became, so that
-- distinct entries are still counted once. qa_outcome_count adds these
-- rows to the live ones; no text, no person.
CREATE TABLE qa_outcome_purged (
	day               INTEGER NOT NULL,
	channel           INTEGER NOT NULL CHECK (channel IN (0, 1)),
	votes_up          INTEGER NOT NULL,
	votes_down        INTEGER NOT NULL,
	unanswered        INTEGER NOT NULL,
	unanswered_to_faq INTEGER NOT NULL,
	PRIMARY KEY (day, channel)
) STRICT, WITHOUT ROWID;

CREATE TABLE qa_outcome_purged_entries (
	day      INTEGER NOT NULL,
	entry_id INTEGER NOT NULL,
	PRIMARY KEY (day, entry_id)
) STRICT, WITHOUT ROWID;
