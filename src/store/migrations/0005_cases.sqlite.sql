-- Cases, part two (SQLite half; the PostgreSQL half differs only in the note index).
--
-- The portal password is kept sealed (secretbox: nonce || ciphertext) as hex text: SOCI binds
-- TEXT the same way on both backends, while its BLOB type is a large object on PostgreSQL, not a
-- BYTEA. The BLOB column of 0001 stays unused.
ALTER TABLE cases ADD COLUMN portal_password_sealed TEXT;

-- Search by note text reads only the notes, and from the index alone (it holds the text):
-- a tenth of the time of reading each note's row. PostgreSQL cannot do this (a b-tree entry
-- holds at most about 2.7 kB, a note up to 10 kB).
CREATE INDEX case_events_notes ON case_events (case_id, text) WHERE kind = 'note';
