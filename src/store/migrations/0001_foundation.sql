-- 0001 foundation: departments, staff roster, users, roles, sessions,
-- login throttling, settings, audit log. Owned by: auth (departments, staff,
-- users, user_roles, sessions, login_failures, audit_log), store (settings).
-- Times are Unix seconds (UTC).

CREATE TABLE departments (
	id         INTEGER PRIMARY KEY,
	parent_id  INTEGER REFERENCES departments(id) ON DELETE RESTRICT,
	name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	path       TEXT NOT NULL UNIQUE,          -- "市民部/市民課"
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX departments_parent ON departments(parent_id);

CREATE TABLE staff (
	id            INTEGER PRIMARY KEY,
	employee_no   TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE RESTRICT,
	tier          TEXT NOT NULL CHECK (tier IN ('幹部', 'DX推進リーダー', '一般職員')),
	email         TEXT,
	updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX staff_department ON staff(department_id);

CREATE TABLE users (
	id                   INTEGER PRIMARY KEY,
	login                TEXT NOT NULL UNIQUE COLLATE NOCASE,
	display_name         TEXT NOT NULL,
	email                TEXT,
	department_id        INTEGER REFERENCES departments(id) ON DELETE SET NULL,
	staff_id             INTEGER REFERENCES staff(id) ON DELETE SET NULL,
	password_hash        TEXT,               -- Argon2id encoded; NULL = SSO only
	must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
	disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at           INTEGER NOT NULL,
	updated_at           INTEGER NOT NULL
) STRICT;

CREATE TABLE user_roles (
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	role    TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'staff', 'implementer')),
	PRIMARY KEY (user_id, role)
) STRICT, WITHOUT ROWID;

CREATE TABLE sessions (
	id           INTEGER PRIMARY KEY,
	token_hash   BLOB NOT NULL UNIQUE,        -- SHA-256 of the cookie token
	user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf_token   TEXT NOT NULL,
	created_at   INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL,
	expires_at   INTEGER NOT NULL,           -- absolute expiry
	ip           TEXT
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
	key TEXT NOT NULL,                        -- "login:<name>" or "ip:<addr>"
	at  INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failures_key ON login_failures(key, at);

CREATE TABLE settings (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id) ON DELETE SET NULL
) STRICT;

CREATE TABLE audit_log (
	id      INTEGER PRIMARY KEY,
	at      INTEGER NOT NULL,
	user_id INTEGER,                          -- no FK: the log outlives users
	actor   TEXT NOT NULL,                    -- login name, or "system"/"cli"
	action  TEXT NOT NULL,                    -- "login", "user.create", ...
	target  TEXT,
	detail  TEXT,                             -- JSON object, never secrets
	ip      TEXT
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
