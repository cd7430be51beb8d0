#include "app/sessions.h"

#include <sodium.h>

#include <array>

#include "core/text.h"

namespace inkasso {
namespace {

std::string hash_token(std::string_view token) {
  std::array<unsigned char, 32> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), 64);
}

std::string email_key(std::string_view email) {
  return "email:" + ascii_lower(trim(email));
}

std::string address_key(std::string_view address) {
  return "addr:" + std::string(address);
}

}  // namespace

std::string random_token() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::array<char, sodium_base64_ENCODED_LEN(32, kVariant)> text{};
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kVariant);
  return std::string(text.data());
}

bool tokens_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

NewSession create_session(Database& db, const Clock& clock, int64_t user_id,
                          std::optional<int64_t> account_id) {
  NewSession created;
  created.token = random_token();
  Session& s = created.session;
  s.token_hash = hash_token(created.token);
  s.user_id = user_id;
  s.account_id = account_id;
  s.csrf_token = random_token();
  s.created_at = s.last_seen_at = clock.now_unix();
  soci::session sql(db.pool());
  // Named variables: SOCI binds references, read when the statement runs.
  long long user = user_id, account = account_id.value_or(0), now = s.created_at;
  soci::indicator account_ind = account_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO web_sessions (token_hash, user_id, account_id, csrf_token, created_at, "
         "last_seen_at) VALUES (:h, :u, :a, :c, :t, :t2)",
      soci::use(s.token_hash), soci::use(user), soci::use(account, account_ind),
      soci::use(s.csrf_token), soci::use(now), soci::use(now);
  return created;
}

std::optional<Session> find_session(Database& db, const Clock& clock, std::string_view token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  Session s;
  s.token_hash = hash_token(token);
  soci::session sql(db.pool());
  long long user_id = 0, account_id = 0, created_at = 0, last_seen_at = 0;
  soci::indicator account_ind = soci::i_ok, name_ind = soci::i_ok, role_ind = soci::i_ok;
  std::string role;
  int installation_operator = 0;
  sql << "SELECT s.user_id, s.account_id, s.csrf_token, s.created_at, s.last_seen_at, "
         "u.first_name, u.last_name, a.name, m.role, u.installation_operator FROM web_sessions s "
         "JOIN users u ON u.id = s.user_id "
         "LEFT JOIN memberships m ON m.account_id = s.account_id AND m.user_id = s.user_id "
         "LEFT JOIN accounts a ON a.id = m.account_id "
         "WHERE s.token_hash = :h",
      soci::use(s.token_hash), soci::into(user_id), soci::into(account_id, account_ind),
      soci::into(s.csrf_token), soci::into(created_at), soci::into(last_seen_at),
      soci::into(s.user_first_name), soci::into(s.user_last_name),
      soci::into(s.account_name, name_ind), soci::into(role, role_ind),
      soci::into(installation_operator);
  if (!sql.got_data()) return std::nullopt;
  const int64_t now = clock.now_unix();
  if (now - last_seen_at > kSessionIdleSeconds || now - created_at > kSessionMaxSeconds) {
    sql << "DELETE FROM web_sessions WHERE token_hash = :h", soci::use(s.token_hash);
    return std::nullopt;
  }
  if (now - last_seen_at > kSessionTouchSeconds) {
    long long now_ll = now;
    sql << "UPDATE web_sessions SET last_seen_at = :t WHERE token_hash = :h", soci::use(now_ll),
        soci::use(s.token_hash);
    last_seen_at = now;
  }
  s.user_id = user_id;
  s.installation_operator = installation_operator != 0;
  if (account_ind == soci::i_ok) s.account_id = account_id;
  if (role_ind == soci::i_ok) s.role = role_from_string(role);
  if (name_ind != soci::i_ok) s.account_name.clear();
  s.created_at = created_at;
  s.last_seen_at = last_seen_at;
  return s;
}

void set_session_account(Database& db, const Session& session, int64_t account_id) {
  soci::session sql(db.pool());
  long long account = account_id;
  sql << "UPDATE web_sessions SET account_id = :a WHERE token_hash = :h", soci::use(account),
      soci::use(session.token_hash);
}

void end_session(Database& db, std::string_view token) {
  if (token.empty() || token.size() > 100) return;
  std::string h = hash_token(token);
  soci::session sql(db.pool());
  sql << "DELETE FROM web_sessions WHERE token_hash = :h", soci::use(h);
}

void end_other_sessions(Database& db, int64_t user_id, const std::string& keep_token_hash) {
  soci::session sql(db.pool());
  long long user = user_id;
  sql << "DELETE FROM web_sessions WHERE user_id = :u AND token_hash <> :h", soci::use(user),
      soci::use(keep_token_hash);
}

bool login_allowed(Database& db, const Clock& clock, const LoginThrottle& throttle,
                   std::string_view email, std::string_view address) {
  soci::session sql(db.pool());
  long long since = clock.now_unix() - throttle.window_seconds;
  int by_email = 0, by_address = 0;
  std::string ek = email_key(email), ak = address_key(address);
  sql << "SELECT COUNT(*) FROM login_failures WHERE throttle_key = :k AND at > :t", soci::use(ek),
      soci::use(since), soci::into(by_email);
  sql << "SELECT COUNT(*) FROM login_failures WHERE throttle_key = :k AND at > :t", soci::use(ak),
      soci::use(since), soci::into(by_address);
  return by_email < throttle.max_failures_per_email &&
         by_address < throttle.max_failures_per_address;
}

void record_login_failure(Database& db, const Clock& clock, const LoginThrottle& throttle,
                          std::string_view email, std::string_view address) {
  soci::session sql(db.pool());
  long long now = clock.now_unix();
  long long expired = now - throttle.window_seconds;
  std::string ek = email_key(email), ak = address_key(address);
  soci::transaction tx(sql);
  sql << "DELETE FROM login_failures WHERE throttle_key IN (:e, :a) AND at <= :t", soci::use(ek),
      soci::use(ak), soci::use(expired);
  sql << "INSERT INTO login_failures (throttle_key, at) VALUES (:k, :t)", soci::use(ek),
      soci::use(now);
  sql << "INSERT INTO login_failures (throttle_key, at) VALUES (:k, :t)", soci::use(ak),
      soci::use(now);
  tx.commit();
}

void clear_login_failures(Database& db, std::string_view email) {
  soci::session sql(db.pool());
  std::string ek = email_key(email);
  sql << "DELETE FROM login_failures WHERE throttle_key = :k", soci::use(ek);
}

}  // namespace inkasso
