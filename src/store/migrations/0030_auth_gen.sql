-- 0030 the authentication generation (owned by auth). A process may keep
-- sessions it checked in a cache (auth_session.c); an entry is good only
-- for the generation it was read under. Every change a session check
-- depends on bumps it, whichever connection makes it (the server, or the
-- CLI: `yakuba user disable`, a password reset, a role change, a roster
-- sync retiring a user): a user's row, roles or department, and a session
-- ended or changed. A session's idle time (last_seen_at) is left out: it
-- is written once a minute per session and the cache checks it itself.
-- The first value is random, so that a generation read from another
-- database (a restored copy) does not match by chance.
CREATE TABLE auth_state (
	id  INTEGER PRIMARY KEY CHECK (id = 1),
	gen INTEGER NOT NULL
) STRICT;
INSERT INTO auth_state(id, gen) VALUES (1, abs(random() % 4611686018427387904));

CREATE TRIGGER auth_gen_users_update AFTER UPDATE ON users
BEGIN UPDATE auth_state SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER auth_gen_users_delete AFTER DELETE ON users
BEGIN UPDATE auth_state SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER auth_gen_roles_insert AFTER INSERT ON user_roles
BEGIN UPDATE auth_state SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER auth_gen_roles_update AFTER UPDATE ON user_roles
BEGIN UPDATE auth_state SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER auth_gen_roles_delete AFTER DELETE ON user_roles
BEGIN UPDATE auth_state SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER auth_gen_departments_update AFTER UPDATE ON departments
BEGIN UPDATE auth_state SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER auth_gen_departments_delete AFTER DELETE ON departments
BEGIN UPDATE auth_state SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER auth_gen_sessions_delete AFTER DELETE ON sessions
BEGIN UPDATE auth_state SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER auth_gen_sessions_update
AFTER UPDATE OF token_hash, user_id, csrf_token, created_at, expires_at, ip, via ON sessions
BEGIN UPDATE auth_state SET gen = gen + 1 WHERE id = 1; END;
-- Only a touch moves last_seen_at, and only forward; a move back (by hand)
-- could make a cached session look younger than its row.
CREATE TRIGGER auth_gen_sessions_idle_back AFTER UPDATE OF last_seen_at ON sessions
WHEN NEW.last_seen_at < OLD.last_seen_at
BEGIN UPDATE auth_state SET gen = gen + 1 WHERE id = 1; END;
