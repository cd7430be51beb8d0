-- Batch follow-up at scale (issue 6): step 1 counts the due steps of up to 100,000 cases in
-- under a second, so the group of a case's next step is cached beside the review date instead
-- of every candidate being loaded and evaluated (core/follow_up_group.h).
--
-- due_group: "standard:reminder:2", set only when the group is fixed by the history alone (the
-- case follows a track or waits for the court); due_group_from: the latest event's date, from
-- which on the cached group is exact. NULL: the case is evaluated on the day (a running payment
-- agreement, a standing settlement offer, a case written before this migration until its next
-- change). review_date stays the step's date for these cases.
ALTER TABLE cases ADD COLUMN due_group TEXT;
ALTER TABLE cases ADD COLUMN due_group_from TEXT;
