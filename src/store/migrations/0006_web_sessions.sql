-- The web application's server-side state (issue 4): login sessions and failed logins for
-- throttling. Both live in the database so that any number of app servers can run side by side.

-- A login session. The browser holds a random token in an HttpOnly cookie; only its hash is
-- stored, so a copy of the database does not let anyone log in. `csrf_token` is the
-- synchronizer token every form of the session carries.
CREATE TABLE web_sessions (
  token_hash TEXT PRIMARY KEY,             -- hex of BLAKE2b-256 of the cookie's token
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  account_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,  -- the chosen account
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);

-- One row per failed login, by e-mail and by client address; rows older than the throttling
-- window are deleted as new ones come.
CREATE TABLE login_failures (
  id {{ID}},
  throttle_key TEXT NOT NULL,              -- 'email:<address>' or 'addr:<client address>'
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (throttle_key, at);
