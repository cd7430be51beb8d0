// Accounts (creditor profiles) and their memberships. Every function takes the acting user and
// checks the user's role in the account first (context.h): an account the user is no member of
// answers not_found, a role too low answers forbidden. Reading needs any role; changing the
// account, its defaults, limits and members needs administrator. The CVR never changes after
// creation, and an account always keeps at least one administrator (checked inside the write
// transaction, so two concurrent demotions cannot both succeed). Expected failures are Results
// with Danish messages and form field names; database failures throw soci::soci_error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/case_model.h"
#include "core/money.h"
#include "store/database.h"

namespace inkasso {

enum class AccountKind { company, person };

// The "Opret konto" form for a company ("Virksomhed"). Required as the manual marks them: name,
// CVR, e-mail, phone, street, postal code, city, bank, reg. no., account no. The numbers may be
// typed with spaces; they are stored without.
struct CompanyAccount {
  std::string name;
  std::string cvr;  // 8 digits passing the modulus-11 check
  std::string email;
  std::string phone;
  bool vat_registered = false;
  std::string street;
  std::string postal_code;  // 4 digits
  std::string city;
  std::string bank_name;
  std::string reg_no;                         // 4 digits
  std::string account_no;                     // 1-10 digits
  std::optional<std::string> fi_creditor_no;  // 8 digits; nullopt or "" = none
};

// The form for a private person ("Privat person"): the same fields without CVR and VAT.
struct PrivateAccount {
  std::string name;
  std::string email;
  std::string phone;
  std::string street;
  std::string postal_code;
  std::string city;
  std::string bank_name;
  std::string reg_no;
  std::string account_no;
  std::optional<std::string> fi_creditor_no;
};

// The master data form ("Stamdata"). `cvr` is what the form submitted: empty means not
// submitted; anything other than the stored CVR is refused. A private account can be neither
// given a CVR nor VAT registered.
struct AccountUpdate {
  std::string name;
  std::string cvr;
  std::string email;
  std::string phone;
  bool vat_registered = false;
  std::string street;
  std::string postal_code;
  std::string city;
  std::string bank_name;
  std::string reg_no;
  std::string account_no;
  std::optional<std::string> fi_creditor_no;
};

// Settings a new case starts with. `fixed_rate_bp` is the agreed annual rate (1000 = 10.00 %)
// when `interest_kind` is fixed, 0 otherwise; legal.md allows a fixed rate for business debtors
// only, so the case use case applies it to company debtors and gives persons procesrente.
struct CaseDefaults {
  Track track = Track::standard;
  InterestKind interest_kind = InterestKind::procesrente;
  InterestStart interest_from = InterestStart::day31;
  int32_t fixed_rate_bp = 0;
};

// What a debtor may agree to alone in the debtor portal.
struct PortalLimits {
  int32_t max_months = 12;                         // 1..60
  Money min_instalment = Money::from_kroner(200);  // >= 0
};

struct Account {
  int64_t id = 0;
  AccountKind kind = AccountKind::company;
  std::string name;
  std::string cvr;  // empty for a private account
  std::string email;
  std::string phone;
  bool vat_registered = false;
  std::string street;
  std::string postal_code;
  std::string city;
  std::string bank_name;
  std::string reg_no;
  std::string account_no;
  std::optional<std::string> fi_creditor_no;
  CaseDefaults case_defaults;
  PortalLimits portal_limits;
  int64_t created_at = 0;
  Role role = Role::guest;  // the acting user's role in this account
};

struct AccountSummary {
  int64_t id = 0;
  AccountKind kind = AccountKind::company;
  std::string name;
  std::string cvr;
  Role role = Role::guest;
};

// Create an account; the creator becomes its administrator. Returns the account id.
Result<int64_t> create_company_account(Database& db, const Clock& clock, const Actor& actor,
                                       const CompanyAccount& form);
Result<int64_t> create_private_account(Database& db, const Clock& clock, const Actor& actor,
                                       const PrivateAccount& form);

Result<Account> get_account(Database& db, const Actor& actor, int64_t account_id);
// The user's accounts, by name.
std::vector<AccountSummary> list_accounts_of_user(Database& db, const Actor& actor);

Status update_account(Database& db, const Actor& actor, int64_t account_id,
                      const AccountUpdate& form);
// Fields "track", "interest_kind", "interest_from", "fixed_rate".
Status update_case_defaults(Database& db, const Actor& actor, int64_t account_id,
                            const CaseDefaults& defaults);
// Fields "max_months", "min_instalment".
Status update_portal_limits(Database& db, const Actor& actor, int64_t account_id,
                            const PortalLimits& limits);

// ---- Memberships ("Tilknyttede brugere")

enum class AttachOutcome {
  attached,  // the user existed and is now a member
  invited,   // no user has that e-mail: an invitation is kept until they sign up (users.h)
};

// A user of the e-mail (any letter case) becomes a member with `role`; otherwise an invitation
// is kept. Already a member, or already invited to this account: app_error::kDuplicate.
Result<AttachOutcome> attach_user(Database& db, const Clock& clock, const Actor& admin,
                                  int64_t account_id, std::string_view email, Role role);

struct Member {
  int64_t user_id = 0;
  std::string first_name;
  std::string last_name;
  std::string email;
  Role role = Role::guest;
};

struct PendingInvitation {
  int64_t id = 0;
  std::string email;
  Role role = Role::guest;
  int64_t created_at = 0;
};

struct Members {
  std::vector<Member> members;                 // by name
  std::vector<PendingInvitation> invitations;  // not yet taken up, oldest first
};

// Administrators only: who belongs to an account (names and e-mails) is account settings, and
// the manual shows the list under the administrator's "Konto" menu.
Result<Members> list_members(Database& db, const Actor& admin, int64_t account_id);

// Refused when it would leave the account without an administrator (also when an administrator
// demotes or removes themself). A user who is no member of the account: not_found.
Status set_role(Database& db, const Actor& admin, int64_t account_id, int64_t user_id, Role role);
Status remove_member(Database& db, const Actor& admin, int64_t account_id, int64_t user_id);

}  // namespace inkasso
