-- 0004 llm: token accounting, one row per request to the model server.
-- Owned by: llm (src/llm/config.c, llm_usage_record). Times are Unix
-- seconds (UTC). No foreign keys: like audit_log, the accounting outlives
-- users, departments and templates, and reports keep their history.

CREATE TABLE llm_usage (
	id                INTEGER PRIMARY KEY,
	at                INTEGER NOT NULL,
	user_id           INTEGER,               -- NULL: CLI or system
	department_id     INTEGER,
	feature           TEXT NOT NULL CHECK (length(feature) BETWEEN 1 AND 32),
	template_id       INTEGER,               -- NULL: no prompt template
	model             TEXT,
	prompt_tokens     INTEGER CHECK (prompt_tokens >= 0),      -- NULL: not reported
	completion_tokens INTEGER CHECK (completion_tokens >= 0),
	latency_ms        INTEGER NOT NULL CHECK (latency_ms >= 0),
	outcome           TEXT NOT NULL          -- yk_err_code(): "ok", "timeout", ...
) STRICT;
CREATE INDEX llm_usage_at ON llm_usage(at);
CREATE INDEX llm_usage_user ON llm_usage(user_id, at);
CREATE INDEX llm_usage_department ON llm_usage(department_id, at);
