// What every use case shares: who acts, with which role, at what time, and how expected
// failures are reported.
//
// Authorisation rule: every use case takes the acting user and the account, and checks the
// user's role in that account first. Data of an account the user has no membership in answers
// "not_found", never "forbidden": ids must not reveal what exists elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "core/date.h"
#include "core/result.h"

namespace inkasso {

// The roles of domain.md: Gæst reads, Sagsbehandler works cases, Administrator also edits the
// account and its users. Ordered: each role can do what the ones before it can.
enum class Role { guest = 0, case_handler = 1, administrator = 2 };
std::string_view to_string(Role r);
std::optional<Role> role_from_string(std::string_view s);

// The acting, logged-in user.
struct Actor {
  int64_t user_id = 0;
};

// Time, injected: use cases record when things happened; tests fix the clock.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t now_unix() const = 0;  // seconds since 1970 UTC
  virtual Date today() const = 0;        // the date in Denmark (Europe/Copenhagen)
};

class SystemClock : public Clock {
 public:
  int64_t now_unix() const override;
  Date today() const override;
};

class FixedClock : public Clock {
 public:
  FixedClock(int64_t unix, Date day) : unix_(unix), day_(day) {}
  int64_t now_unix() const override { return unix_; }
  Date today() const override { return day_; }
  void set(int64_t unix, Date day) { unix_ = unix, day_ = day; }

 private:
  int64_t unix_;
  Date day_;
};

// Error codes of the use cases (Error::code). Legal refusals carry the engine's rule id instead
// (rules.h), so the interface can explain them.
namespace app_error {
inline constexpr const char* kNotFound = "not_found";
inline constexpr const char* kForbidden = "forbidden";
inline constexpr const char* kInvalid = "invalid_input";
inline constexpr const char* kConflict = "conflict";  // someone else changed it first
inline constexpr const char* kDuplicate = "duplicate";
}  // namespace app_error

Error not_found(std::string what);  // "<what> findes ikke"
Error forbidden();
// A field error; `message` in Danish for the user, `field` names the form field.
Error invalid(std::string field, std::string message);
Error conflict();

// The user's role in the account, or not_found when the user is no member (or the account does
// not exist). Then `require` checks that role is at least `needed` (forbidden otherwise).
Result<Role> role_in_account(soci::session& sql, int64_t account_id, const Actor& actor);
Result<Role> require_role(soci::session& sql, int64_t account_id, const Actor& actor,
                          Role needed);

}  // namespace inkasso
