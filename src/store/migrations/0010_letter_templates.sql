-- A creditor's own letter templates (issue 5). A key without a row uses the product's default
-- text (src/docs/templates.h); "return to the default" deletes the row. A document keeps the
-- template texts it was made with (documents.content_json), so editing a template never changes
-- a letter already made.
CREATE TABLE letter_templates (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  template_key TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_by BIGINT REFERENCES users (id),
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, template_key)
);
