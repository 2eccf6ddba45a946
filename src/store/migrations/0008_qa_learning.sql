-- 0008 問い合わせAI learns from staff 👍: a vote that can change what the
-- index learned (a staff member's vote on an answer with a top entry) takes
-- the next learned_gen, so that a running server re-indexes exactly the
-- entries whose learned questions changed (docs/qa.md). Owned by: qa.

ALTER TABLE qa_state ADD COLUMN learned_gen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE qa_feedback ADD COLUMN learned_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX qa_feedback_learned ON qa_feedback(learned_seq) WHERE learned_seq > 0;
