-- 0029 usage: one month row instead of two for a person-month of a single
-- feature, and the "any feature" month rows at the end of their table
-- (issue 10, import speed). Owned by: usage (src/usage/usage_rollup.c).
--
-- usage_month_staff (0011) holds every person-month twice: once for "any
-- feature" and once per feature used. When a person used one feature only
-- in that month (most rows an import of another tool's log writes), the
-- two rows are equal. sole names that feature on the "any" row, and then
-- the feature's own row is not stored: readers of feature F take the rows
-- (F, month, staff) and the "any" rows of (month, staff) whose sole is F.
-- Invariant: while an "any" row has sole = F, there is no other row of its
-- month and staff member.
--
-- When a later fold adds uses of another feature, the upsert sets sole to
-- 0 and the trigger below first writes the feature's row with the uses it
-- had (the old "any" row); the fold then adds the new uses to their
-- features' rows. Rows written before this migration have sole = 0 and
-- keep their feature rows, so every figure stays the same.
--
-- The "any" rows' feature_id was 0, which put them first, so that the rows
-- of a new month went between the last "any" row and feature 1's rows:
-- in the middle of the B-tree, where SQLite splits a page every few
-- inserts (half of an import's month-row cost). Their key is now 8388607
-- (USAGE__MONTH_ANY in usage_int.h, above every feature id; the largest
-- integer stored in 3 bytes), so a new month's rows are appended.
ALTER TABLE usage_month_staff ADD COLUMN sole INTEGER NOT NULL DEFAULT 0;
UPDATE usage_month_staff SET feature_id = 8388607 WHERE feature_id = 0;

CREATE TRIGGER usage_month_staff_unsole AFTER UPDATE OF sole ON usage_month_staff
	WHEN old.feature_id = 8388607 AND old.sole <> 0 AND new.sole = 0
BEGIN
	INSERT INTO usage_month_staff(feature_id, month, staff_id, uses, days, sole)
		VALUES (old.sole, old.month, old.staff_id, old.uses, old.days, 0);
END;
