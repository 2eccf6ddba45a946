-- Display order of departments (issue 15): siblings are shown by
-- display_order, then by name, instead of by character code. Set by an
-- admin on the 所属 page (PUT /api/v1/departments/{id}/order).
ALTER TABLE departments ADD COLUMN display_order INTEGER NOT NULL DEFAULT 0
	CHECK (display_order BETWEEN 0 AND 9999);
