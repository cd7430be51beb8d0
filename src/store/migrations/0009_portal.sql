-- The debtor portal (issue 5): its login sessions, apart from the creditors' (web_sessions).
--
-- A portal session reads one case and nothing else. The browser holds a random token in an
-- HttpOnly cookie; only its hash is stored, so a copy of the database lets nobody in.
-- `password_tag` is the hash of the case's sealed password at login: when the password is
-- changed (sealed anew) the tags differ and every portal session of the case ends. Failed
-- portal logins are counted in login_failures (0006) under 'email:portal:<case id>'.
CREATE TABLE portal_sessions (
  token_hash TEXT PRIMARY KEY,             -- hex of BLAKE2b-256 of the cookie's token
  case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  password_tag TEXT NOT NULL,              -- hex of BLAKE2b-256 of cases.portal_password_sealed
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX portal_sessions_case ON portal_sessions (case_id);
-- Expired sessions are deleted at each new login, by this index.
CREATE INDEX portal_sessions_seen ON portal_sessions (last_seen_at);
