-- The 所属長 role (head): a user who acts for their own department and
-- everything below it (活用状況 of that subtree, 研修 nominations). SQLite
-- cannot change a CHECK constraint in place, so user_roles is rebuilt with
-- the same rows; nothing references it.
CREATE TABLE user_roles_new (
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	role    TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'staff', 'implementer', 'head')),
	PRIMARY KEY (user_id, role)
) STRICT, WITHOUT ROWID;
INSERT INTO user_roles_new (user_id, role) SELECT user_id, role FROM user_roles;
DROP TABLE user_roles;
ALTER TABLE user_roles_new RENAME TO user_roles;
