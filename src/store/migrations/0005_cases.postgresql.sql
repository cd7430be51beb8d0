-- Cases, part two (PostgreSQL half; see the SQLite half for the reasons).
ALTER TABLE cases ADD COLUMN portal_password_sealed TEXT;

-- Search by note text reads only the notes.
CREATE INDEX case_events_notes ON case_events (case_id) WHERE kind = 'note';
