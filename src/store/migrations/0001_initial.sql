-- The first schema. Portable SQL for SQLite and PostgreSQL; the migration runner replaces
-- {{ID}} (an auto-numbered primary key) and {{BLOB}} (bytes) per dialect.
-- Money is BIGINT øre, dates are TEXT 'YYYY-MM-DD' (they sort), times BIGINT Unix seconds UTC.

CREATE TABLE users (
  id {{ID}},
  email TEXT NOT NULL,                      -- stored lower-case: unique case-insensitively
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,              -- argon2id (libsodium crypto_pwhash_str)
  digest_subscribed INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email);

-- A creditor profile ("konto"). CVR is fixed once created (enforced in the use case).
CREATE TABLE accounts (
  id {{ID}},
  kind TEXT NOT NULL CHECK (kind IN ('company', 'person')),
  name TEXT NOT NULL,
  cvr TEXT,
  vat_registered INTEGER NOT NULL DEFAULT 0,
  street TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  bank_name TEXT NOT NULL DEFAULT '',
  reg_no TEXT NOT NULL DEFAULT '',
  account_no TEXT NOT NULL DEFAULT '',
  fi_creditor_no TEXT,
  default_track TEXT NOT NULL DEFAULT 'standard',
  default_interest_kind TEXT NOT NULL DEFAULT 'procesrente',
  default_interest_from TEXT NOT NULL DEFAULT 'day31',
  default_fixed_rate_bp INTEGER NOT NULL DEFAULT 0,
  portal_max_months INTEGER NOT NULL DEFAULT 12,
  portal_min_instalment_ore BIGINT NOT NULL DEFAULT 20000,
  next_case_number BIGINT NOT NULL DEFAULT 1,  -- the per-account case number sequence
  created_at BIGINT NOT NULL
);

CREATE TABLE memberships (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('guest', 'case_handler', 'administrator')),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- An invitation to an e-mail with no user yet; taken up when that person signs up.
CREATE TABLE invitations (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('guest', 'case_handler', 'administrator')),
  invited_by BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  accepted_at BIGINT
);
CREATE INDEX invitations_email ON invitations (email);

CREATE TABLE debtors (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('company', 'person')),
  name TEXT NOT NULL,
  name_search TEXT NOT NULL,                -- lower-case name, for search
  cvr TEXT,
  cpr_encrypted {{BLOB}},                   -- secretbox(nonce || ciphertext), key from the environment
  cpr_masked TEXT,                          -- "DDMMYY-XXXX", safe to show and to search by birth date
  customer_no TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  mobile TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  street TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX debtors_account_name ON debtors (account_id, name_search);
CREATE INDEX debtors_account_customer ON debtors (account_id, customer_no);
CREATE INDEX debtors_account_cvr ON debtors (account_id, cvr);

CREATE TABLE cases (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  number BIGINT NOT NULL,
  debtor_id BIGINT NOT NULL REFERENCES debtors (id),
  debtor_kind TEXT NOT NULL,
  track TEXT NOT NULL,
  interest_kind TEXT NOT NULL,
  interest_from TEXT NOT NULL,
  fixed_rate_bp INTEGER NOT NULL DEFAULT 0,
  batch_follow_up INTEGER NOT NULL DEFAULT 1,
  portal_password_encrypted {{BLOB}},
  version BIGINT NOT NULL DEFAULT 0,        -- bumped by every change: optimistic concurrency
  created_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  -- A cache of the engine's result after the last change, for lists and search. Never the
  -- truth: the history is, and anything exact re-evaluates it.
  flow TEXT,
  next_action_type TEXT,
  review_date TEXT,                         -- the first date the next step may be due
  principal_ore BIGINT NOT NULL DEFAULT 0,
  outstanding_ore BIGINT NOT NULL DEFAULT 0,
  last_action_type TEXT,
  last_action_date TEXT,
  closed INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX cases_account_number ON cases (account_id, number);
CREATE INDEX cases_account_review ON cases (account_id, closed, review_date);
CREATE INDEX cases_debtor ON cases (debtor_id);

-- The append-only history. seq orders a case's events (1, 2, ...); only "delete last action"
-- and "delete case" remove rows, and both are written to audit_log.
CREATE TABLE case_events (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('claim', 'credit_note', 'payment', 'action', 'note')),
  event_date TEXT NOT NULL,                 -- due date of a claim; otherwise the event's date
  ref TEXT,
  invoice_date TEXT,
  amount_ore BIGINT,
  payment_method TEXT,
  action_type TEXT,
  fee_ore BIGINT,
  compensation INTEGER,
  discount_bp INTEGER,
  deadline TEXT,
  instalment_ore BIGINT,
  first_date TEXT,
  down_payment_ore BIGINT,
  down_date TEXT,
  interest_free INTEGER,
  track TEXT,
  court_fee_added INTEGER,
  fundament_kind TEXT,
  until_date TEXT,
  text TEXT,                                -- a note's text
  created_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  UNIQUE (case_id, seq)
);

CREATE TABLE audit_log (
  id {{ID}},
  account_id BIGINT NOT NULL,
  user_id BIGINT,
  at BIGINT NOT NULL,
  what TEXT NOT NULL,                       -- delete_last_action | delete_case | ...
  case_id BIGINT,
  case_number BIGINT,
  detail TEXT NOT NULL                      -- JSON of what was removed
);
CREATE INDEX audit_log_account ON audit_log (account_id, at);
