-- The creditor's own logo on its letters (issue 5). Every upload is a new row that is never
-- changed afterwards, except that it is retired (retired_at) when another logo replaces it or
-- the creditor removes it: the row whose retired_at is NULL is the account's current logo, at
-- most one per account (the unique index). No row: the product's own logo.
--
-- A document carries the logo it was made with inside its frozen content
-- (documents.content_json), so replacing the logo never changes a letter already made; these
-- rows keep who put which logo on the account, and when. The PNG is base64 TEXT, as
-- documents.pdf_base64 (see 0007).
CREATE TABLE account_logos (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  png_base64 TEXT NOT NULL,
  png_sha256 TEXT NOT NULL,                 -- hex
  png_bytes BIGINT NOT NULL,
  created_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  retired_by BIGINT REFERENCES users (id),
  retired_at BIGINT                         -- NULL: the account's current logo
);
CREATE UNIQUE INDEX account_logos_current ON account_logos (account_id) WHERE retired_at IS NULL;
CREATE INDEX account_logos_account ON account_logos (account_id, created_at);
