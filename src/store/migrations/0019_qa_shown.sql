-- 0019 What a question was shown (issue 15): the entries offered with a
-- もしかして (or shown under 参考 with 分かりません), so that editors see in
-- 未回答 what the asker was given, and もしかして questions join that list.
-- Owned by: qa (src/qa/). A comma-separated list of kb_entries ids in the
-- order shown (at most QA_SOURCES_MAX); ids of entries deleted since are
-- skipped when read. '' for rows written before this migration.
ALTER TABLE qa_questions ADD COLUMN shown_entry_ids TEXT NOT NULL DEFAULT ''
	CHECK (length(shown_entry_ids) <= 200);
