-- Letters and their sending (issue 5).
--
-- A document is what an action made: its content frozen at creation (JSON of the letter's data
-- and the template texts used), and its PDF, rendered once in the background and never changed
-- afterwards. Binary content is kept as base64 TEXT: SOCI binds TEXT the same way on both
-- backends (its BLOB is a large object on PostgreSQL; see 0005).

CREATE TABLE documents (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  event_seq BIGINT NOT NULL,                -- the action's seq in case_events
  kind TEXT NOT NULL,                       -- the action type that made it (reminder, ...)
  title TEXT NOT NULL,                      -- Danish, e.g. "Rykker nr. 2"
  letter_date TEXT NOT NULL,                -- 'YYYY-MM-DD'
  content_json TEXT NOT NULL,               -- the letter's data and templates, frozen
  pdf_base64 TEXT,                          -- NULL until rendered; never changed once set
  pdf_sha256 TEXT,
  pdf_bytes BIGINT,
  render_error TEXT,                        -- the last rendering failure, if any
  rendered_at BIGINT,
  withdrawn_at BIGINT,                      -- its action was deleted (delete last action)
  debtor_opened_at BIGINT,                  -- first download in the debtor portal
  debtor_open_count INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX documents_case ON documents (case_id, event_seq);
CREATE INDEX documents_unrendered ON documents (created_at) WHERE rendered_at IS NULL;

-- One sending of a document on one channel. The worker takes rows that are due ('waiting',
-- send_at and next_attempt_at passed, the document rendered), marks them 'sending' with its
-- name, sends, and marks the outcome. A row found 'sending' after its worker died is never sent
-- again automatically: it is marked failed with the reason (it may or may not have arrived).
CREATE TABLE dispatches (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'print_self', 'letter_service',
                                           'court_email', 'court_portal')),
  recipient TEXT NOT NULL,                  -- e-mail address, phone number or postal address
  copy_to TEXT NOT NULL DEFAULT '',         -- court e-mail: the creditor's copy
  reply_to TEXT NOT NULL DEFAULT '',        -- the creditor's address
  sender_name TEXT NOT NULL DEFAULT '',     -- the creditor's name, shown as the sender
  subject TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',            -- e-mail or SMS text; {{link}} becomes the tracking link
  send_at BIGINT NOT NULL,                  -- Unix seconds UTC: not before
  status TEXT NOT NULL CHECK (status IN ('waiting', 'sending', 'sent', 'received', 'opened',
                                          'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,          -- send_at, later after a temporary failure
  claimed_by TEXT,                          -- the worker sending it now
  claimed_at BIGINT,
  sent_at BIGINT,                           -- handed over (SMTP, gateway, printed)
  received_at BIGINT,                       -- accepted by the receiving server / delivered
  opened_at BIGINT,                         -- first opened (tracking link or portal download)
  open_count INTEGER NOT NULL DEFAULT 0,
  failed_at BIGINT,
  error TEXT,                               -- the last error, Danish, for the creditor
  provider_id TEXT,                         -- the SMTP Message-ID or the gateway's message id
  tracking_token_hash TEXT,                 -- hex BLAKE2b-256 of the link's token
  created_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX dispatches_due ON dispatches (status, next_attempt_at);
CREATE INDEX dispatches_account ON dispatches (account_id, created_at);
CREATE INDEX dispatches_document ON dispatches (document_id);
CREATE INDEX dispatches_case ON dispatches (case_id);
CREATE UNIQUE INDEX dispatches_tracking ON dispatches (tracking_token_hash);
CREATE INDEX dispatches_provider ON dispatches (provider_id);
