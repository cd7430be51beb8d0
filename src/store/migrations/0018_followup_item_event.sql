-- Batch follow-up (issue 6): a done item records its action as the event's seq in the case
-- (case_events.seq; its document, when it makes one, is documents (case_id, event_seq)), set by
-- the same statement that claims the item. document_id, set by a second update of the same
-- rows, is no longer written (older runs keep it): on PostgreSQL that second update of rows
-- the transaction had already changed ran the foreign-key checks of every row again, a tenth
-- of a run's time.
ALTER TABLE followup_run_items ADD COLUMN event_seq BIGINT;
