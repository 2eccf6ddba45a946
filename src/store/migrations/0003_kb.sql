-- 0003 knowledge base: imported files (kb_sources), their FAQ entries and
-- document passages plus entries written by editors (kb_entries), and a
-- generation counter that tells the search index it is stale (kb_state).
-- Owned by: kb (src/kb/). Times are Unix seconds (UTC).

CREATE TABLE kb_sources (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL UNIQUE,        -- the path as given at import
	kind        TEXT NOT NULL CHECK (kind IN ('csv', 'tsv', 'json', 'jsonl', 'markdown',
	                                          'text', 'html', 'pdf', 'docx', 'xlsx', 'pptx')),
	sha256      TEXT NOT NULL CHECK (length(sha256) = 64),  -- of the file's bytes
	size        INTEGER NOT NULL CHECK (size >= 0),
	entry_count INTEGER NOT NULL CHECK (entry_count >= 0),
	imported_at INTEGER NOT NULL,
	imported_by INTEGER REFERENCES users(id) ON DELETE SET NULL  -- NULL: CLI
) STRICT;

CREATE TABLE kb_entries (
	id           INTEGER PRIMARY KEY,
	source_id    INTEGER REFERENCES kb_sources(id) ON DELETE CASCADE, -- NULL: an editor's
	position     INTEGER NOT NULL DEFAULT 0,  -- order within the source
	external_id  TEXT,                        -- the FAQ file's id column
	kind         TEXT NOT NULL CHECK (kind IN ('faq', 'passage')),
	question     TEXT NOT NULL DEFAULT '',
	answer       TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	heading_path TEXT NOT NULL DEFAULT '',    -- "第1章 総則 > 第3条"
	body         TEXT NOT NULL DEFAULT '',
	page         INTEGER NOT NULL DEFAULT 0,  -- PDF page / PPTX slide, 0 = none
	locator      TEXT NOT NULL DEFAULT '',    -- "p.12", "シート「料金表」"
	category     TEXT NOT NULL DEFAULT '',
	url          TEXT NOT NULL DEFAULT '',
	public       INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),   -- citizens may see it
	hidden       INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),   -- kept, not searched
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	version      INTEGER NOT NULL DEFAULT 1,  -- +1 on every change
	CHECK (kind <> 'faq' OR (question <> '' AND answer <> '')),
	CHECK (kind <> 'passage' OR body <> '')
) STRICT;
CREATE INDEX kb_entries_source ON kb_entries(source_id, position);
CREATE UNIQUE INDEX kb_entries_external ON kb_entries(source_id, external_id)
	WHERE external_id IS NOT NULL;

CREATE TABLE kb_state (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	generation INTEGER NOT NULL
) STRICT;
INSERT INTO kb_state(id, generation) VALUES (1, 0);

-- Any change to an entry (cascaded deletes included) moves the generation,
-- so the search index builder can tell cheaply whether to rebuild.
CREATE TRIGGER kb_entries_gen_insert AFTER INSERT ON kb_entries BEGIN
	UPDATE kb_state SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER kb_entries_gen_update AFTER UPDATE ON kb_entries BEGIN
	UPDATE kb_state SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER kb_entries_gen_delete AFTER DELETE ON kb_entries BEGIN
	UPDATE kb_state SET generation = generation + 1 WHERE id = 1;
END;
