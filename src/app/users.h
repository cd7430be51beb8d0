// Users: sign-up, login and the user's own settings. A user is one person with one login (an
// e-mail, unique case-insensitively and stored lower-case, and an argon2id password hash that
// never leaves this file) who may belong to any number of accounts (accounts.h).
// Expected failures come back as Result errors with Danish messages and the form field's name;
// database failures throw soci::soci_error. Every write is one transaction: a failure leaves
// nothing half-written. Login throttling is the web layer's job, not this one's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/context.h"
#include "store/database.h"

namespace inkasso {

// The sign-up form ("Person / Medarbejder"); fields "first_name", "last_name", "email",
// "password", "password_repeat", "accepted_terms".
struct SignUp {
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string password;
  std::string password_repeat;
  bool accepted_terms = false;
};

// What a user may see of themself (never the hash).
struct User {
  int64_t id = 0;
  std::string first_name;
  std::string last_name;
  std::string email;  // lower-case
  bool digest_subscribed = true;
  int64_t created_at = 0;  // Unix seconds
};

// The limits of a password, in characters (UTF-8 code points).
inline constexpr size_t kPasswordMinChars = 10;
inline constexpr size_t kPasswordMaxChars = 200;

// Creates the user and, in the same transaction, takes up every pending invitation to that
// e-mail (a membership with the invited role; the invitation is marked accepted). A taken
// e-mail (in any letter case) is app_error::kDuplicate on field "email".
Result<int64_t> sign_up(Database& db, const Clock& clock, const SignUp& form);

// The user id for a correct e-mail (any letter case) and password. An unknown e-mail and a wrong
// password give the same error and take the same time (a hash is verified either way).
Result<int64_t> authenticate(Database& db, std::string_view email, std::string_view password);

// Fields "old_password", "new_password", "new_password_repeat".
Status change_password(Database& db, const Actor& actor, std::string_view old_password,
                       std::string_view new_password, std::string_view new_password_repeat);

// The follow-up digest e-mail on or off.
Status set_digest_subscription(Database& db, const Actor& actor, bool subscribed);

Result<User> get_user(Database& db, const Actor& actor);

// Makes the user with `email` an operator of the installation (keeps the court districts, runs
// the letter service's print room) or takes it away: `inkasso operator add|remove EMAIL`. No
// actor: whoever runs the command on the server is trusted. not_found for an unknown e-mail.
Status set_installation_operator(Database& db, std::string_view email, bool is_operator);

// Whether the actor is an operator of the installation. Use cases for the installation's own
// tables check this on every call (the menu only hides the links).
bool is_installation_operator(Database& db, const Actor& actor);

// The e-mail trimmed and lower-cased (ASCII letters), or nullopt when it is not a plausible
// address (local@domain.tld, no spaces, at most 254 characters). Shared with accounts.cc.
std::optional<std::string> normalize_email(std::string_view email);

}  // namespace inkasso
