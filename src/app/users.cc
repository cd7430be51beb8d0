#include "app/users.h"

#include <vector>

#include "app/secrets.h"
#include "core/text.h"

namespace inkasso {

namespace {

constexpr size_t kNameMaxChars = 100;

Error unknown_login() {
  return invalid("", "Forkert e-mail eller kodeord.");
}

// Checks a new password and its repetition; `field` and `repeat_field` name the form fields.
Status check_new_password(std::string_view password, std::string_view repeat, const char* field,
                          const char* repeat_field) {
  size_t chars = utf8_length(password);
  if (chars < kPasswordMinChars)
    return invalid(field,
                   "Kodeordet skal være mindst " + std::to_string(kPasswordMinChars) + " tegn.");
  if (chars > kPasswordMaxChars)
    return invalid(field,
                   "Kodeordet må højst være " + std::to_string(kPasswordMaxChars) + " tegn.");
  if (password != repeat) return invalid(repeat_field, "De to kodeord er ikke ens.");
  return {};
}

Status check_name(const std::string& value, const char* field, const char* what) {
  if (value.empty()) return invalid(field, std::string("Skriv dit ") + what + ".");
  if (utf8_length(value) > kNameMaxChars)
    return invalid(field, std::string("Dit ") + what + " må højst være " +
                              std::to_string(kNameMaxChars) + " tegn.");
  return {};
}

bool email_taken(soci::session& sql, const std::string& email) {
  long long id = 0;
  sql << "SELECT id FROM users WHERE email = :e", soci::use(email), soci::into(id);
  return sql.got_data();
}

Error email_taken_error() {
  return make_error(app_error::kDuplicate, "Der findes allerede en bruger med denne e-mailadresse.",
                    "email");
}

// Creates the memberships of the pending invitations to `email` and marks them accepted. When
// the user already is a member of an invited account (two invitations to one account), the
// first membership stays.
void take_up_invitations(soci::session& sql, long long user_id, const std::string& email,
                         long long now) {
  std::vector<long long> ids(100), accounts(100);
  std::vector<std::string> roles(100);
  std::vector<long long> all_ids, all_accounts;
  std::vector<std::string> all_roles;
  soci::statement st = (sql.prepare << "SELECT id, account_id, role FROM invitations "
                                       "WHERE email = :e AND accepted_at IS NULL ORDER BY id",
                        soci::use(email), soci::into(ids), soci::into(accounts), soci::into(roles));
  st.execute();
  while (st.fetch()) {
    all_ids.insert(all_ids.end(), ids.begin(), ids.end());
    all_accounts.insert(all_accounts.end(), accounts.begin(), accounts.end());
    all_roles.insert(all_roles.end(), roles.begin(), roles.end());
    ids.resize(100), accounts.resize(100), roles.resize(100);
  }
  for (size_t i = 0; i < all_ids.size(); ++i) {
    int members = 0;
    sql << "SELECT COUNT(*) FROM memberships WHERE account_id = :a AND user_id = :u",
        soci::use(all_accounts[i]), soci::use(user_id), soci::into(members);
    if (members == 0)
      sql << "INSERT INTO memberships (account_id, user_id, role, created_at) "
             "VALUES (:a, :u, :r, :t)",
          soci::use(all_accounts[i]), soci::use(user_id), soci::use(all_roles[i]), soci::use(now);
    sql << "UPDATE invitations SET accepted_at = :t WHERE id = :i", soci::use(now),
        soci::use(all_ids[i]);
  }
}

}  // namespace

std::optional<std::string> normalize_email(std::string_view input) {
  std::string email = trim(input);
  if (email.empty() || email.size() > 254) return std::nullopt;
  for (char& c : email) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return std::nullopt;  // spaces and control characters
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos)
    return std::nullopt;
  std::string_view domain = std::string_view(email).substr(at + 1);
  size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size() ||
      domain.front() == '.' || domain.find("..") != std::string_view::npos)
    return std::nullopt;
  return email;
}

Result<int64_t> sign_up(Database& db, const Clock& clock, const SignUp& form) {
  std::string first = trim(form.first_name), last = trim(form.last_name);
  if (auto s = check_name(first, "first_name", "fornavn"); !s) return s.error();
  if (auto s = check_name(last, "last_name", "efternavn"); !s) return s.error();
  auto email = normalize_email(form.email);
  if (!email) return invalid("email", "Skriv en gyldig e-mailadresse.");
  if (auto s =
          check_new_password(form.password, form.password_repeat, "password", "password_repeat");
      !s)
    return s.error();
  if (!form.accepted_terms)
    return invalid("accepted_terms", "Du skal acceptere betingelser og vilkår.");

  soci::session sql(db.pool());
  if (email_taken(sql, *email)) return email_taken_error();
  // Hash before the transaction: ~90 ms should not be spent holding the write lock.
  std::string hash = hash_password(form.password);
  long long now = clock.now_unix(), id = 0;
  try {
    soci::transaction tr(sql);
    sql << "INSERT INTO users (email, first_name, last_name, password_hash, created_at) "
           "VALUES (:e, :f, :l, :h, :t) RETURNING id",
        soci::use(*email), soci::use(first), soci::use(last), soci::use(hash), soci::use(now),
        soci::into(id);
    take_up_invitations(sql, id, *email, now);
    tr.commit();
  } catch (const soci::soci_error&) {
    // Someone signed up with the same e-mail between the check and the insert: the unique
    // index refused it. Anything else is a real failure.
    if (email_taken(sql, *email)) return email_taken_error();
    throw;
  }
  return static_cast<int64_t>(id);
}

Result<int64_t> authenticate(Database& db, std::string_view email_input,
                             std::string_view password) {
  // Verified instead of a real hash when the e-mail is unknown, so that the answer takes as long.
  static const std::string dummy_hash = hash_password("inkasso: no such user");
  std::string hash;
  long long id = 0;
  bool found = false;
  if (auto email = normalize_email(email_input)) {
    soci::session sql(db.pool());
    sql << "SELECT id, password_hash FROM users WHERE email = :e", soci::use(*email),
        soci::into(id), soci::into(hash);
    found = sql.got_data();
  }
  bool verified = verify_password(password, found ? hash : dummy_hash);
  if (!found || !verified) return unknown_login();
  return static_cast<int64_t>(id);
}

Status change_password(Database& db, const Actor& actor, std::string_view old_password,
                       std::string_view new_password, std::string_view new_password_repeat) {
  soci::session sql(db.pool());
  long long user = actor.user_id;
  std::string hash;
  sql << "SELECT password_hash FROM users WHERE id = :u", soci::use(user), soci::into(hash);
  if (!sql.got_data()) return not_found("Brugeren");
  if (!verify_password(old_password, hash))
    return invalid("old_password", "Det nuværende kodeord er forkert.");
  if (auto s = check_new_password(new_password, new_password_repeat, "new_password",
                                  "new_password_repeat");
      !s)
    return s;
  std::string new_hash = hash_password(new_password);
  sql << "UPDATE users SET password_hash = :h WHERE id = :u", soci::use(new_hash), soci::use(user);
  return {};
}

Status set_digest_subscription(Database& db, const Actor& actor, bool subscribed) {
  soci::session sql(db.pool());
  long long user = actor.user_id;
  int value = subscribed ? 1 : 0;
  soci::statement st = (sql.prepare << "UPDATE users SET digest_subscribed = :s WHERE id = :u",
                        soci::use(value), soci::use(user));
  st.execute(true);
  if (st.get_affected_rows() == 0) return not_found("Brugeren");
  return {};
}

Status set_installation_operator(Database& db, std::string_view email, bool is_operator) {
  auto normalized = normalize_email(email);
  if (!normalized) return not_found("Brugeren");
  soci::session sql(db.pool());
  int value = is_operator ? 1 : 0;
  soci::statement st =
      (sql.prepare << "UPDATE users SET installation_operator = :o WHERE email = :e",
       soci::use(value), soci::use(*normalized));
  st.execute(true);
  if (st.get_affected_rows() == 0) return not_found("Brugeren");
  return {};
}

bool is_installation_operator(Database& db, const Actor& actor) {
  soci::session sql(db.pool());
  long long user = actor.user_id;
  int value = 0;
  sql << "SELECT installation_operator FROM users WHERE id = :u", soci::use(user),
      soci::into(value);
  return sql.got_data() && value != 0;
}

Result<User> get_user(Database& db, const Actor& actor) {
  soci::session sql(db.pool());
  long long user = actor.user_id, created = 0;
  int digest = 0;
  User u;
  sql << "SELECT first_name, last_name, email, digest_subscribed, created_at FROM users "
         "WHERE id = :u",
      soci::use(user), soci::into(u.first_name), soci::into(u.last_name), soci::into(u.email),
      soci::into(digest), soci::into(created);
  if (!sql.got_data()) return not_found("Brugeren");
  u.id = actor.user_id;
  u.digest_subscribed = digest != 0;
  u.created_at = created;
  return u;
}

}  // namespace inkasso
