-- Batch follow-up (issue 6, "multiopfølgning"): a run is the creditor's executed step 2, its
-- items the cases it acts on, chosen once when the run starts (oldest first, up to the limit).
--
-- An item is worked in the same transaction as its action, document and sendings: the action
-- is written only if the item is still 'pending', and the item becomes 'done' with it. So a run
-- that stops half-way (a restart, a crash) is resumed from its pending items without doing any
-- case twice or leaving one out, and two workers on the same run cannot both act on a case.
-- run_key is the form's once-token: a double submit or a reload finds the same run.
CREATE TABLE followup_runs (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  run_key TEXT NOT NULL,
  as_of TEXT NOT NULL,                      -- the day the steps are dated
  channel TEXT NOT NULL,                    -- followup.h BatchChannel
  status TEXT NOT NULL CHECK (status IN ('running', 'done')),
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE UNIQUE INDEX followup_runs_key ON followup_runs (account_id, run_key);
CREATE INDEX followup_runs_status ON followup_runs (status);

CREATE TABLE followup_run_items (
  run_id BIGINT NOT NULL REFERENCES followup_runs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,                     -- the order of work: oldest step first
  case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  case_number BIGINT NOT NULL,
  group_key TEXT NOT NULL,                  -- "standard:reminder:2"
  action_type TEXT NOT NULL,
  send_at BIGINT NOT NULL,                  -- Unix seconds
  status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'refused', 'left_out')),
  reason TEXT NOT NULL DEFAULT '',          -- Danish, for refused and left_out
  document_id BIGINT,
  worked_at BIGINT,
  PRIMARY KEY (run_id, seq)
);
CREATE INDEX followup_run_items_pending ON followup_run_items (run_id, status, seq);
