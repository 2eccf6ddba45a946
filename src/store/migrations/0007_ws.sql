-- 0007 生成AIワークスペース: prompt templates (shared and personal), the
-- conversations of each member of staff and their messages, stored with
-- personal information masked. Owned by: ws (src/ws/). Times: Unix seconds.

CREATE TABLE ws_templates (
	id          INTEGER PRIMARY KEY,
	owner_id    INTEGER REFERENCES users(id) ON DELETE CASCADE, -- NULL: shared (editors manage)
	name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	category    TEXT NOT NULL DEFAULT '' CHECK (length(category) <= 100),
	description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
	body        TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 16384),
	variables   TEXT NOT NULL DEFAULT '[]',   -- JSON [{name,label,multiline,required}]
	usage_count INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX ws_templates_owner ON ws_templates(owner_id, category, name);

CREATE TABLE ws_conversations (
	id          INTEGER PRIMARY KEY,
	owner_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN ('chat', 'generate')),
	title       TEXT NOT NULL,                 -- masked like the messages
	template_id INTEGER REFERENCES ws_templates(id) ON DELETE SET NULL,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX ws_conversations_owner ON ws_conversations(owner_id, updated_at);
CREATE INDEX ws_conversations_updated ON ws_conversations(updated_at);

CREATE TABLE ws_messages (
	id              INTEGER PRIMARY KEY,
	conversation_id INTEGER NOT NULL REFERENCES ws_conversations(id) ON DELETE CASCADE,
	role            TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
	content         TEXT NOT NULL,             -- personal information masked (〔氏名1〕)
	pii_counts      TEXT NOT NULL DEFAULT '',  -- "PERSON=1,PHONE=1": counts, never values
	meta            TEXT NOT NULL DEFAULT '{}', -- JSON: outcome, citations, verified
	at              INTEGER NOT NULL
) STRICT;
CREATE INDEX ws_messages_conversation ON ws_messages(conversation_id, id);

-- Whether the shared templates have been filled from the seed once (editors
-- who delete them all on purpose do not get them back).
CREATE TABLE ws_state (
	id               INTEGER PRIMARY KEY CHECK (id = 1),
	templates_seeded INTEGER NOT NULL CHECK (templates_seeded IN (0, 1))
) STRICT;
INSERT INTO ws_state(id, templates_seeded) VALUES (1, 0);
