-- 0028 training: when a registration came off the waiting list (a freed
-- place, a raised capacity or quota), so that the person's 研修 page tells
-- them. NULL for a registration that never waited or was queued again since.
-- Owned by: training (src/training/). Unix seconds (UTC).
ALTER TABLE training_registrations ADD COLUMN promoted_at INTEGER;
