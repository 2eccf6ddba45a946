-- 0016 roster sync and directory login. Owned by: auth.
-- A person who leaves the roster is retired, not deleted: the row stays for
-- history and reports (usage_events keep the department of the time of use),
-- their account is disabled. left_at is the Unix time of the sync that
-- retired them; NULL means current staff.
ALTER TABLE staff ADD COLUMN left_at INTEGER;
CREATE INDEX staff_current ON staff(left_at, department_id);
CREATE INDEX users_staff ON users(staff_id);
