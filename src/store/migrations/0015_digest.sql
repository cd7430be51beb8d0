-- The daily follow-up digest e-mail ("opfølgningsmail") and the court fees to transfer (issue 6).
--
-- job_locks: one row per job and day decides which of several servers runs the day's job. The
-- first INSERT wins (the primary key refuses the others, INSERT ... ON CONFLICT DO NOTHING on
-- both databases); a holder that stopped without finishing is taken over after free_at.
CREATE TABLE job_locks (
  name TEXT NOT NULL,                       -- "digest"
  day TEXT NOT NULL,                        -- 'YYYY-MM-DD', Copenhagen
  holder TEXT NOT NULL,                     -- the runner's name (host:pid)
  taken_at BIGINT NOT NULL,                 -- Unix seconds
  free_at BIGINT NOT NULL,                  -- from then another runner may take it over
  finished_at BIGINT,                       -- the day's job is done
  PRIMARY KEY (name, day)
);

-- Per user and account: the counts the job saw last, since when they have been what they are
-- (the day they last changed: "day 1" of the repeat rule) and the day of the last mail sent.
CREATE TABLE digest_state (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  follow_up BIGINT NOT NULL,
  documents_to_print BIGINT NOT NULL,
  court_fees BIGINT NOT NULL,
  defaulted_agreements BIGINT NOT NULL,
  agreement_requests BIGINT NOT NULL,
  unchanged_since_day TEXT NOT NULL,        -- 'YYYY-MM-DD'
  observed_day TEXT NOT NULL,               -- the last day the job counted
  last_sent_day TEXT,                       -- NULL: never sent
  PRIMARY KEY (user_id, account_id)
);

-- One mail per user, account and day, claimed before it is handed to the SMTP server: even a
-- retry or a second runner never sends the same day's mail twice. A mail that may or may not
-- have left (the connection broke after DATA) stays 'uncertain' and is not sent again that day.
CREATE TABLE digest_sends (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'uncertain')),
  holder TEXT NOT NULL,
  subject TEXT NOT NULL,
  error TEXT,                               -- Danish, for the operator
  provider_id TEXT,                         -- the SMTP Message-ID
  created_at BIGINT NOT NULL,
  finished_at BIGINT,
  PRIMARY KEY (user_id, account_id, day)
);

-- A court fee (retsafgift) the creditor has transferred to the court. The fee belongs to a
-- payment order or enforcement request: the action's event, named by its seq and its
-- created_at, because "delete last action" removes the event and a later action may get the
-- same seq.
CREATE TABLE court_fee_transfers (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  event_seq BIGINT NOT NULL,
  event_created_at BIGINT NOT NULL,
  amount_ore BIGINT NOT NULL,               -- the fee as shown when it was marked
  transferred_at BIGINT NOT NULL,
  transferred_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (case_id, event_seq, event_created_at)
);
CREATE INDEX court_fee_transfers_account ON court_fee_transfers (account_id, transferred_at);

-- Where court fees are paid (the installation's one row, kept by its operators): the courts'
-- account for retsafgift. Seeded empty on purpose: no confirmed account number is in the
-- product's sources, and a wrong one would send creditors' money astray. Until an operator
-- fills it in, the page tells the creditor to find the payment details on domstol.dk.
CREATE TABLE court_fee_payment (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  recipient TEXT NOT NULL DEFAULT '',       -- "Domstolsstyrelsen"
  reg_no TEXT NOT NULL DEFAULT '',
  account_no TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',            -- Danish: what to write as the payment's text
  updated_at BIGINT NOT NULL DEFAULT 0,
  updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
INSERT INTO court_fee_payment (id) VALUES (1);

-- The court actions of all cases: few among all events, so the TODO count reads them from this
-- index alone instead of every event of the account.
CREATE INDEX case_events_court_actions ON case_events (case_id, seq)
  WHERE kind = 'action' AND action_type IN ('payment_order', 'enforcement_request');
