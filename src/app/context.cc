#include "app/context.h"

#include <ctime>

#include "app/local_time.h"

namespace inkasso {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::guest:
      return "guest";
    case Role::case_handler:
      return "case_handler";
    case Role::administrator:
      return "administrator";
  }
  INKASSO_ASSERT(false);
  return {};
}

std::optional<Role> role_from_string(std::string_view s) {
  for (Role r : {Role::guest, Role::case_handler, Role::administrator})
    if (to_string(r) == s) return r;
  return std::nullopt;
}

int64_t SystemClock::now_unix() const {
  return static_cast<int64_t>(std::time(nullptr));
}

Date SystemClock::today() const {
  // The Danish date, whatever the process's TZ is: it is a day ahead of UTC's from 23:00 UTC
  // (22:00 in summer) to midnight.
  return unix_to_copenhagen(now_unix()).date;
}

Error not_found(std::string what) {
  return make_error(app_error::kNotFound, what + " findes ikke.");
}

Error forbidden() {
  return make_error(app_error::kForbidden, "Din rolle på kontoen giver ikke adgang til dette.");
}

Error invalid(std::string field, std::string message) {
  return make_error(app_error::kInvalid, std::move(message), std::move(field));
}

Error conflict() {
  return make_error(app_error::kConflict,
                    "Sagen er blevet ændret af en anden i mellemtiden. Indlæs den igen, og prøv "
                    "en gang til.");
}

Result<Role> role_in_account(soci::session& sql, int64_t account_id, const Actor& actor) {
  std::string role;
  soci::indicator ind = soci::i_null;
  long long account = account_id, user = actor.user_id;
  sql << "SELECT role FROM memberships WHERE account_id = :a AND user_id = :u", soci::use(account),
      soci::use(user), soci::into(role, ind);
  if (!sql.got_data() || ind != soci::i_ok) return not_found("Kontoen");
  auto r = role_from_string(role);
  INKASSO_ASSERT(r.has_value());
  return *r;
}

Result<Role> require_role(soci::session& sql, int64_t account_id, const Actor& actor, Role needed) {
  auto role = role_in_account(sql, account_id, actor);
  if (!role) return role;
  if (static_cast<int>(*role) < static_cast<int>(needed)) return forbidden();
  return role;
}

}  // namespace inkasso
