-- 0023: the role 'head' (所属長, AUTH_ROLE_HEAD) in user_roles. The role was
-- added to auth's role bits, but the table's CHECK still listed the first
-- four, so assigning it failed ("CHECK constraint failed"). SQLite cannot
-- change a CHECK in place: the table is rebuilt with the same columns and
-- rows. Nothing references user_roles, so dropping it is safe inside the
-- migration's transaction. Owned by: auth.
CREATE TABLE user_roles_0023 (
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	role    TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'staff', 'implementer', 'head')),
	PRIMARY KEY (user_id, role)
) STRICT, WITHOUT ROWID;
INSERT INTO user_roles_0023(user_id, role) SELECT user_id, role FROM user_roles;
DROP TABLE user_roles;
ALTER TABLE user_roles_0023 RENAME TO user_roles;
