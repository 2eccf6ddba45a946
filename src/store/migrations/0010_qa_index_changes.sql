-- 0010 問い合わせAI: the change log the search index follows, so that an
-- edit updates the index by a delta instead of a rebuild
-- (docs/decisions/0007-snapshot-index.md), and the question ids that the
-- group-commit question log reserves in blocks (0008-group-commit-log.md).
-- Owned by: qa (src/qa/).

CREATE TABLE qa_index_changes (
	seq      INTEGER PRIMARY KEY AUTOINCREMENT,
	entry_id INTEGER NOT NULL        -- kb_entries.id; 0 = the synonym table
) STRICT;

CREATE TRIGGER qa_index_entry_insert AFTER INSERT ON kb_entries BEGIN
	INSERT INTO qa_index_changes(entry_id) VALUES (new.id);
END;
CREATE TRIGGER qa_index_entry_update AFTER UPDATE ON kb_entries BEGIN
	INSERT INTO qa_index_changes(entry_id) VALUES (new.id);
END;
CREATE TRIGGER qa_index_entry_delete AFTER DELETE ON kb_entries BEGIN
	INSERT INTO qa_index_changes(entry_id) VALUES (old.id);
END;
CREATE TRIGGER qa_index_synonyms_insert AFTER INSERT ON qa_synonyms BEGIN
	INSERT INTO qa_index_changes(entry_id) VALUES (0);
END;
CREATE TRIGGER qa_index_synonyms_update AFTER UPDATE ON qa_synonyms BEGIN
	INSERT INTO qa_index_changes(entry_id) VALUES (0);
END;
CREATE TRIGGER qa_index_synonyms_delete AFTER DELETE ON qa_synonyms BEGIN
	INSERT INTO qa_index_changes(entry_id) VALUES (0);
END;

-- Highest question id handed out in a block; ids above max(id) of
-- qa_questions may be taken by a running server before their rows land.
ALTER TABLE qa_state ADD COLUMN question_ids_reserved INTEGER NOT NULL DEFAULT 0;
