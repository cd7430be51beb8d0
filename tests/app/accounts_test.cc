#include "app/accounts.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/app/fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

// Users are inserted with the fixtures (no password hashing): these tests never log in.
class Accounts : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    owner_ = Actor{testing::insert_user(db(), "ejer@firma.dk")};
  }

  static CompanyAccount company() {
    CompanyAccount f;
    f.name = "Tømrer Hansen ApS";
    f.cvr = "2735 5021";
    f.email = "Post@Hansen.dk";
    f.phone = "+45 12 34 56 78";
    f.vat_registered = true;
    f.street = "Savværksvej 4";
    f.postal_code = "8600";
    f.city = "Silkeborg";
    f.bank_name = "Danske Bank";
    f.reg_no = "1234";
    f.account_no = "0001234567";
    return f;
  }

  static AccountUpdate update_of(const Account& a) {
    AccountUpdate u;
    u.name = a.name;
    u.cvr = a.cvr;
    u.email = a.email;
    u.phone = a.phone;
    u.vat_registered = a.vat_registered;
    u.street = a.street;
    u.postal_code = a.postal_code;
    u.city = a.city;
    u.bank_name = a.bank_name;
    u.reg_no = a.reg_no;
    u.account_no = a.account_no;
    u.fi_creditor_no = a.fi_creditor_no;
    return u;
  }

  int64_t new_company() {
    auto id = create_company_account(db(), clock_, owner_, company());
    INKASSO_ASSERT(id.ok());
    return *id;
  }

  // A user with `role` in `account`.
  Actor member(int64_t account, const std::string& email, Role role) {
    Actor a{testing::insert_user(db(), email)};
    testing::insert_membership(db(), account, a.user_id, role);
    return a;
  }

  FixedClock clock_{1'700'000'000, Date::ymd(2023, 11, 14)};
  Actor owner_;
};

TEST_P(Accounts, CreateCompanyAccountMakesTheCreatorItsAdministrator) {
  int64_t id = new_company();
  auto a = get_account(db(), owner_, id);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->kind, AccountKind::company);
  EXPECT_EQ(a->name, "Tømrer Hansen ApS");
  EXPECT_EQ(a->cvr, "27355021");
  EXPECT_EQ(a->email, "post@hansen.dk");
  EXPECT_EQ(a->phone, "+45 12 34 56 78");
  EXPECT_TRUE(a->vat_registered);
  EXPECT_EQ(a->postal_code, "8600");
  EXPECT_EQ(a->reg_no, "1234");
  EXPECT_EQ(a->account_no, "0001234567");
  EXPECT_FALSE(a->fi_creditor_no.has_value());
  EXPECT_EQ(a->role, Role::administrator);
  EXPECT_EQ(a->created_at, 1'700'000'000);
  EXPECT_EQ(a->case_defaults.track, Track::standard);
  EXPECT_EQ(a->case_defaults.interest_kind, InterestKind::procesrente);
  EXPECT_EQ(a->case_defaults.interest_from, InterestStart::day31);
  EXPECT_EQ(a->portal_limits.max_months, 12);
  EXPECT_EQ(a->portal_limits.min_instalment, Money::from_kroner(200));

  auto mine = list_accounts_of_user(db(), owner_);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].id, id);
  EXPECT_EQ(mine[0].role, Role::administrator);
  EXPECT_EQ(mine[0].cvr, "27355021");
}

TEST_P(Accounts, CreateCompanyAccountRefusesEachInvalidField) {
  struct Case {
    void (*spoil)(CompanyAccount&);
    const char* field;
  };
  const Case cases[] = {
      {[](CompanyAccount& f) { f.name = " "; }, "name"},
      {[](CompanyAccount& f) { f.cvr = "27355022"; }, "cvr"},
      {[](CompanyAccount& f) { f.cvr = ""; }, "cvr"},
      {[](CompanyAccount& f) { f.email = "post@"; }, "email"},
      {[](CompanyAccount& f) { f.phone = ""; }, "phone"},
      {[](CompanyAccount& f) { f.phone = "12 34"; }, "phone"},
      {[](CompanyAccount& f) { f.street = ""; }, "street"},
      {[](CompanyAccount& f) { f.postal_code = "860"; }, "postal_code"},
      {[](CompanyAccount& f) { f.city = ""; }, "city"},
      {[](CompanyAccount& f) { f.bank_name = ""; }, "bank_name"},
      {[](CompanyAccount& f) { f.reg_no = "123"; }, "reg_no"},
      {[](CompanyAccount& f) { f.reg_no = "12a4"; }, "reg_no"},
      {[](CompanyAccount& f) { f.account_no = "12345678901"; }, "account_no"},
      {[](CompanyAccount& f) { f.account_no = ""; }, "account_no"},
      {[](CompanyAccount& f) { f.fi_creditor_no = "1234567"; }, "fi_creditor_no"},
  };
  for (const Case& c : cases) {
    CompanyAccount form = company();
    c.spoil(form);
    auto r = create_company_account(db(), clock_, owner_, form);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.error().code, app_error::kInvalid);
    EXPECT_EQ(r.error().field, c.field);
  }
  CompanyAccount bad_cvr = company();
  bad_cvr.cvr = "27355022";
  EXPECT_EQ(create_company_account(db(), clock_, owner_, bad_cvr).error().message,
            "CVR-nummeret er ikke gyldigt. Det skal være 8 cifre.");
  EXPECT_TRUE(list_accounts_of_user(db(), owner_).empty());

  CompanyAccount with_fi = company();
  with_fi.fi_creditor_no = "8765 4321";
  auto id = create_company_account(db(), clock_, owner_, with_fi);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(get_account(db(), owner_, *id)->fi_creditor_no, "87654321");
}

TEST_P(Accounts, CreatePrivateAccount) {
  PrivateAccount f;
  f.name = "Mette Holm";
  f.email = "mette@holm.dk";
  f.phone = "12345678";
  f.street = "Bakken 2";
  f.postal_code = "2100";
  f.city = "København Ø";
  f.bank_name = "Nordea";
  f.reg_no = "2191";
  f.account_no = "123456";
  f.fi_creditor_no = "";
  auto id = create_private_account(db(), clock_, owner_, f);
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto a = get_account(db(), owner_, *id);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->kind, AccountKind::person);
  EXPECT_EQ(a->cvr, "");
  EXPECT_FALSE(a->vat_registered);
  EXPECT_FALSE(a->fi_creditor_no.has_value());
  EXPECT_EQ(a->role, Role::administrator);

  // A private account can never gain a CVR or VAT registration.
  AccountUpdate u = update_of(*a);
  u.cvr = "27355021";
  EXPECT_EQ(update_account(db(), owner_, *id, u).error().field, "cvr");
  u.cvr = "";
  u.vat_registered = true;
  EXPECT_EQ(update_account(db(), owner_, *id, u).error().field, "vat_registered");
}

TEST_P(Accounts, TheCvrCanNeverChange) {
  int64_t id = new_company();
  auto before = get_account(db(), owner_, id);
  ASSERT_TRUE(before.ok());
  AccountUpdate u = update_of(*before);
  u.name = "Nyt navn ApS";
  u.cvr = "25313763";  // a valid CVR, but another one
  auto r = update_account(db(), owner_, id, u);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, app_error::kInvalid);
  EXPECT_EQ(r.error().field, "cvr");
  EXPECT_EQ(r.error().message, "CVR-nummeret kan ikke ændres, når kontoen er oprettet.");
  auto after = get_account(db(), owner_, id);
  EXPECT_EQ(after->name, "Tømrer Hansen ApS");
  EXPECT_EQ(after->cvr, "27355021");

  // The same CVR (as typed with a space) or none at all is fine, and everything else changes.
  u.cvr = "2735 5021";
  u.city = "Aarhus C";
  u.postal_code = "8000";
  u.fi_creditor_no = "12345678";
  ASSERT_TRUE(update_account(db(), owner_, id, u).ok());
  u.cvr = "";
  u.vat_registered = false;
  ASSERT_TRUE(update_account(db(), owner_, id, u).ok());
  after = get_account(db(), owner_, id);
  EXPECT_EQ(after->name, "Nyt navn ApS");
  EXPECT_EQ(after->city, "Aarhus C");
  EXPECT_EQ(after->cvr, "27355021");
  EXPECT_FALSE(after->vat_registered);
  EXPECT_EQ(after->fi_creditor_no, "12345678");

  u.reg_no = "12";
  EXPECT_EQ(update_account(db(), owner_, id, u).error().field, "reg_no");
}

TEST_P(Accounts, RolesAreEnforced) {
  int64_t id = new_company();
  Actor guest = member(id, "gaest@firma.dk", Role::guest);
  Actor handler = member(id, "sag@firma.dk", Role::case_handler);
  AccountUpdate u = update_of(*get_account(db(), owner_, id));

  EXPECT_EQ(get_account(db(), guest, id)->role, Role::guest);
  EXPECT_EQ(update_account(db(), guest, id, u).error().code, app_error::kForbidden);
  EXPECT_EQ(update_account(db(), handler, id, u).error().code, app_error::kForbidden);
  EXPECT_EQ(update_case_defaults(db(), handler, id, CaseDefaults{}).error().code,
            app_error::kForbidden);
  EXPECT_EQ(update_portal_limits(db(), guest, id, PortalLimits{}).error().code,
            app_error::kForbidden);
  EXPECT_EQ(attach_user(db(), clock_, handler, id, "x@firma.dk", Role::guest).error().code,
            app_error::kForbidden);
  EXPECT_EQ(list_members(db(), guest, id).error().code, app_error::kForbidden);
  EXPECT_EQ(set_role(db(), guest, id, guest.user_id, Role::administrator).error().code,
            app_error::kForbidden);
  EXPECT_EQ(remove_member(db(), handler, id, guest.user_id).error().code, app_error::kForbidden);

  // The administrator of another account learns nothing about this one, not even that it
  // exists; an account id that does not exist answers the same.
  Actor stranger{testing::insert_user(db(), "fremmed@andet.dk")};
  CompanyAccount other = company();
  other.cvr = "25313763";
  ASSERT_TRUE(create_company_account(db(), clock_, stranger, other).ok());
  for (int64_t account : {id, id + 1000}) {
    EXPECT_EQ(get_account(db(), stranger, account).error().code, app_error::kNotFound);
    EXPECT_EQ(update_account(db(), stranger, account, u).error().code, app_error::kNotFound);
    EXPECT_EQ(update_case_defaults(db(), stranger, account, CaseDefaults{}).error().code,
              app_error::kNotFound);
    EXPECT_EQ(update_portal_limits(db(), stranger, account, PortalLimits{}).error().code,
              app_error::kNotFound);
    EXPECT_EQ(attach_user(db(), clock_, stranger, account, "x@firma.dk", Role::guest).error().code,
              app_error::kNotFound);
    EXPECT_EQ(list_members(db(), stranger, account).error().code, app_error::kNotFound);
    EXPECT_EQ(set_role(db(), stranger, account, guest.user_id, Role::administrator).error().code,
              app_error::kNotFound);
    EXPECT_EQ(remove_member(db(), stranger, account, guest.user_id).error().code,
              app_error::kNotFound);
  }
  EXPECT_EQ(get_account(db(), guest, id)->role, Role::guest);
}

TEST_P(Accounts, CaseDefaultsAndPortalLimits) {
  int64_t id = new_company();
  CaseDefaults d{Track::fast, InterestKind::fixed, InterestStart::due_date, 0};
  for (int32_t bad : {0, -100, 10001}) {
    d.fixed_rate_bp = bad;
    auto r = update_case_defaults(db(), owner_, id, d);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, "fixed_rate");
    EXPECT_EQ(r.error().message, "Den faste rente skal være over 0 % og højst 100 % om året.");
  }
  d.fixed_rate_bp = 10000;
  ASSERT_TRUE(update_case_defaults(db(), owner_, id, d).ok());
  d.fixed_rate_bp = 850;
  ASSERT_TRUE(update_case_defaults(db(), owner_, id, d).ok());
  auto a = get_account(db(), owner_, id);
  EXPECT_EQ(a->case_defaults.track, Track::fast);
  EXPECT_EQ(a->case_defaults.interest_kind, InterestKind::fixed);
  EXPECT_EQ(a->case_defaults.interest_from, InterestStart::due_date);
  EXPECT_EQ(a->case_defaults.fixed_rate_bp, 850);

  // A rate means nothing without the fixed kind and is not kept.
  ASSERT_TRUE(update_case_defaults(
                  db(), owner_, id,
                  CaseDefaults{Track::gentle, InterestKind::none, InterestStart::day31, 500})
                  .ok());
  a = get_account(db(), owner_, id);
  EXPECT_EQ(a->case_defaults.interest_kind, InterestKind::none);
  EXPECT_EQ(a->case_defaults.fixed_rate_bp, 0);

  for (int32_t months : {0, 61}) {
    auto r = update_portal_limits(db(), owner_, id, PortalLimits{months, Money::zero()});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "max_months");
  }
  EXPECT_EQ(
      update_portal_limits(db(), owner_, id, PortalLimits{6, Money::from_ore(-1)}).error().field,
      "min_instalment");
  ASSERT_TRUE(update_portal_limits(db(), owner_, id, PortalLimits{60, Money::zero()}).ok());
  ASSERT_TRUE(
      update_portal_limits(db(), owner_, id, PortalLimits{24, Money::from_kroner(500)}).ok());
  a = get_account(db(), owner_, id);
  EXPECT_EQ(a->portal_limits.max_months, 24);
  EXPECT_EQ(a->portal_limits.min_instalment, Money::from_kroner(500));
}

TEST_P(Accounts, AttachAnExistingUserOrInviteAnUnknownEmail) {
  int64_t id = new_company();
  int64_t bo = testing::insert_user(db(), "bo@firma.dk");

  auto attached = attach_user(db(), clock_, owner_, id, " Bo@FIRMA.dk", Role::case_handler);
  ASSERT_TRUE(attached.ok()) << attached.error().message;
  EXPECT_EQ(*attached, AttachOutcome::attached);
  EXPECT_EQ(get_account(db(), Actor{bo}, id)->role, Role::case_handler);
  auto again = attach_user(db(), clock_, owner_, id, "bo@firma.dk", Role::guest);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, app_error::kDuplicate);
  EXPECT_EQ(again.error().field, "email");
  EXPECT_EQ(get_account(db(), Actor{bo}, id)->role, Role::case_handler);

  auto invited = attach_user(db(), clock_, owner_, id, "Ny@Firma.dk", Role::guest);
  ASSERT_TRUE(invited.ok());
  EXPECT_EQ(*invited, AttachOutcome::invited);
  auto invited_again = attach_user(db(), clock_, owner_, id, "ny@firma.dk", Role::guest);
  ASSERT_FALSE(invited_again.ok());
  EXPECT_EQ(invited_again.error().code, app_error::kDuplicate);

  EXPECT_EQ(attach_user(db(), clock_, owner_, id, "ikke en adresse", Role::guest).error().field,
            "email");

  auto members = list_members(db(), owner_, id);
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->members.size(), 2u);
  ASSERT_EQ(members->invitations.size(), 1u);
  EXPECT_EQ(members->invitations[0].email, "ny@firma.dk");
  EXPECT_EQ(members->invitations[0].role, Role::guest);
  EXPECT_EQ(members->invitations[0].created_at, 1'700'000'000);
}

TEST_P(Accounts, TheLastAdministratorCannotBeDemotedOrRemoved) {
  int64_t id = new_company();
  Actor guest = member(id, "gaest@firma.dk", Role::guest);
  for (Role r : {Role::guest, Role::case_handler}) {
    auto demote = set_role(db(), owner_, id, owner_.user_id, r);
    ASSERT_FALSE(demote.ok());
    EXPECT_EQ(demote.error().code, app_error::kInvalid);
    EXPECT_EQ(demote.error().message,
              "Kontoen skal altid have mindst én administrator. Giv en anden bruger rollen "
              "administrator først.");
  }
  EXPECT_FALSE(remove_member(db(), owner_, id, owner_.user_id).ok());
  EXPECT_EQ(get_account(db(), owner_, id)->role, Role::administrator);

  // Setting the role one already has is no change; a non-member is not found.
  EXPECT_TRUE(set_role(db(), owner_, id, owner_.user_id, Role::administrator).ok());
  int64_t outsider = testing::insert_user(db(), "ude@andet.dk");
  EXPECT_EQ(set_role(db(), owner_, id, outsider, Role::guest).error().code, app_error::kNotFound);
  EXPECT_EQ(remove_member(db(), owner_, id, outsider).error().code, app_error::kNotFound);

  ASSERT_TRUE(remove_member(db(), owner_, id, guest.user_id).ok());
  EXPECT_EQ(get_account(db(), guest, id).error().code, app_error::kNotFound);
}

TEST_P(Accounts, SetRoleWithTwoAdministrators) {
  int64_t id = new_company();
  Actor second = member(id, "anden@firma.dk", Role::case_handler);
  ASSERT_TRUE(set_role(db(), owner_, id, second.user_id, Role::administrator).ok());
  // Now the owner may step down: another administrator remains.
  ASSERT_TRUE(set_role(db(), owner_, id, owner_.user_id, Role::case_handler).ok());
  EXPECT_EQ(get_account(db(), owner_, id)->role, Role::case_handler);
  EXPECT_EQ(set_role(db(), owner_, id, owner_.user_id, Role::administrator).error().code,
            app_error::kForbidden);
  // And the remaining administrator is the last one.
  EXPECT_FALSE(set_role(db(), second, id, second.user_id, Role::guest).ok());
  ASSERT_TRUE(remove_member(db(), second, id, owner_.user_id).ok());
  auto members = list_members(db(), second, id);
  ASSERT_EQ(members->members.size(), 1u);
  EXPECT_EQ(members->members[0].user_id, second.user_id);
}

TEST_P(Accounts, ConcurrentDemotionsCannotBothSucceed) {
  int64_t id = new_company();
  Actor second = member(id, "anden@firma.dk", Role::administrator);
  for (int round = 0; round < 10; ++round) {
    // Both administrators step down at the same moment: exactly one may.
    std::atomic<int> ready{0}, succeeded{0}, failed_with_exception{0};
    auto step_down = [&](Actor who) {
      ++ready;
      while (ready.load() < 2) std::this_thread::yield();
      try {
        if (set_role(db(), who, id, who.user_id, Role::case_handler).ok()) ++succeeded;
      } catch (const std::exception&) {
        ++failed_with_exception;
      }
    };
    std::thread a(step_down, owner_), b(step_down, second);
    a.join();
    b.join();
    EXPECT_EQ(failed_with_exception.load(), 0);
    EXPECT_EQ(succeeded.load(), 1) << "round " << round;
    soci::session sql(db().pool());
    int admins = 0;
    long long account = id;
    sql << "SELECT COUNT(*) FROM memberships WHERE account_id = :a AND role = 'administrator'",
        soci::use(account), soci::into(admins);
    ASSERT_EQ(admins, 1);
    sql << "UPDATE memberships SET role = 'administrator' WHERE account_id = :a",
        soci::use(account);
  }
}

INKASSO_INSTANTIATE_BACKENDS(Accounts);

}  // namespace
}  // namespace inkasso
