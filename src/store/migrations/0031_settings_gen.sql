-- 0031 the settings generation (owned by store). Triggers bump it on every
-- change of the settings table, whichever connection or process makes it
-- (the server's admin page, or the CLI: `yakuba` commands and raw SQL), so
-- that a module which reads one row per request anyway can read it in the
-- same statement (STORE_SETTINGS_GEN_SQL) and keep values derived from
-- settings (qa's decision thresholds) until it moves. The first value is
-- random and never 0 (store_settings_seen treats 0 as "not read").
CREATE TABLE settings_state (
	id  INTEGER PRIMARY KEY CHECK (id = 1),
	gen INTEGER NOT NULL
) STRICT;
INSERT INTO settings_state(id, gen) VALUES (1, abs(random() % 4611686018427387904) + 1);

CREATE TRIGGER settings_gen_insert AFTER INSERT ON settings
BEGIN UPDATE settings_state SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER settings_gen_update AFTER UPDATE ON settings
BEGIN UPDATE settings_state SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER settings_gen_delete AFTER DELETE ON settings
BEGIN UPDATE settings_state SET gen = gen + 1 WHERE id = 1; END;
