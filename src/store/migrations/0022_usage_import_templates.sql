-- 0022 usage: import speed and per-template figures (issue 10). Owned by: usage (src/usage/).
--
-- usage_events_user (0006) held every event, also the millions imported
-- from other tools, which have no user_id. Its only readers look events up
-- by user (deleting a user: ON DELETE SET NULL), and "user_id = ?" implies
-- "user_id IS NOT NULL", so a partial index serves them and imported rows
-- no longer pay for it.
DROP INDEX usage_events_user;
CREATE INDEX usage_events_user ON usage_events(user_id, at) WHERE user_id IS NOT NULL;

-- Per-template figures: the prompt template of a use (ws_templates.id;
-- no foreign key: a deleted template keeps its history), and the roll-up
-- of uses per day, template and staff member (staff_id 0: a user not on
-- the roster), folded with the others.
ALTER TABLE usage_events ADD COLUMN template_id INTEGER;
CREATE TABLE usage_template_day (
	day         INTEGER NOT NULL,
	template_id INTEGER NOT NULL,
	staff_id    INTEGER NOT NULL,
	uses        INTEGER NOT NULL,
	PRIMARY KEY (day, template_id, staff_id)
) STRICT, WITHOUT ROWID;
