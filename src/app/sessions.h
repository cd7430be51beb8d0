// Login sessions and login throttling, kept in the database (migration 0006) so that the app
// servers hold no state of their own.
//
// A session is identified by a random 256-bit token that only the browser holds (in an HttpOnly
// cookie); the database keeps its BLAKE2b hash. A session ends when the user logs out, after
// kSessionIdleSeconds without a request, after kSessionMaxSeconds in all, or when the user
// changes password (every other session of the user ends then).
//
// Thread-safety: every function borrows its own database session; call from any thread.
// Database failures throw soci::soci_error (caught once per entry point).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/context.h"
#include "store/database.h"

namespace inkasso {

inline constexpr int64_t kSessionIdleSeconds = 12 * 3600;
inline constexpr int64_t kSessionMaxSeconds = 14 * 24 * 3600;
// last_seen_at is written at most this often: a page view must not cost a write.
inline constexpr int64_t kSessionTouchSeconds = 300;

struct Session {
  std::string token_hash;
  int64_t user_id = 0;
  std::optional<int64_t> account_id;  // the account the user works in, once chosen
  std::string csrf_token;             // the synchronizer token of the session's forms
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
  // Read with the session in the same query, for every page's header: who is logged in, and
  // their role in the chosen account (nullopt when no account is chosen or the user is no
  // longer a member of it).
  std::string user_first_name;
  std::string user_last_name;
  std::string account_name;
  std::optional<Role> role;
  bool installation_operator = false;  // users.h is_installation_operator, for the menu
};

struct NewSession {
  std::string token;  // for the cookie; never stored, never logged
  Session session;
};

NewSession create_session(Database& db, const Clock& clock, int64_t user_id,
                          std::optional<int64_t> account_id);
// The live session of a token, or nullopt (unknown, expired: an expired one is deleted).
std::optional<Session> find_session(Database& db, const Clock& clock, std::string_view token);
void set_session_account(Database& db, const Session& session, int64_t account_id);
void end_session(Database& db, std::string_view token);
// Ends every session of the user except `keep` (after a password change).
void end_other_sessions(Database& db, int64_t user_id, const std::string& keep_token_hash);

// A fresh random token, URL-safe base64 (CSRF tokens of anonymous forms use it too).
std::string random_token();
// Constant-time comparison of two tokens.
bool tokens_equal(std::string_view a, std::string_view b);

// ---- Login throttling: failed logins per e-mail and per client address within a window.
struct LoginThrottle {
  int max_failures_per_email = 5;
  int max_failures_per_address = 20;
  int64_t window_seconds = 15 * 60;
};

// Whether another attempt may be made now for this e-mail (any letter case) from this address.
bool login_allowed(Database& db, const Clock& clock, const LoginThrottle& throttle,
                   std::string_view email, std::string_view address);
void record_login_failure(Database& db, const Clock& clock, const LoginThrottle& throttle,
                          std::string_view email, std::string_view address);
// After a successful login the e-mail's failures are forgotten (the address's are kept).
void clear_login_failures(Database& db, std::string_view email);

}  // namespace inkasso
