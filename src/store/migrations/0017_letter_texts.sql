-- The template texts a document was made with, stored once per distinct text of an account
-- (issue 6: 10,000 letters of one batch carried 10,000 copies of the same 2-6 KB of texts, the
-- larger part of every document). A document's frozen content refers to its row by id
-- ("templates_id" in documents.content_json, app/letters.h); content written before this
-- migration carries the texts itself ("templates") and is read as before.
--
-- Rows are never changed or deleted (they go with the account): editing a template makes a new
-- row, so a reference is as frozen as a copy. texts_json is the JSON array of the texts, one per
-- part of the letter; texts_sha256 (hex) finds an existing row for the same texts.
CREATE TABLE letter_texts (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  texts_sha256 TEXT NOT NULL,
  texts_json TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (account_id, texts_sha256)
);
