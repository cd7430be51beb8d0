#include "app/users.h"

#include <gtest/gtest.h>

#include "app/accounts.h"
#include "tests/app/fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

// Each sign-up that gets past validation costs an argon2id hash (~90 ms): tests sign up few.
class Users : public BackendTest {
 protected:
  FixedClock clock_{1'700'000'000, Date::ymd(2023, 11, 14)};

  static SignUp anna() {
    return SignUp{
        "Anna", "Jensen", "Anna.Jensen@Example.DK", "hemmeligt-kodeord", "hemmeligt-kodeord", true};
  }
};

TEST_P(Users, SignUpStoresTheEmailLowerCasedAndAHashNeverThePassword) {
  auto id = sign_up(db(), clock_, anna());
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto user = get_user(db(), Actor{*id});
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->email, "anna.jensen@example.dk");
  EXPECT_EQ(user->first_name, "Anna");
  EXPECT_EQ(user->last_name, "Jensen");
  EXPECT_TRUE(user->digest_subscribed);
  EXPECT_EQ(user->created_at, 1'700'000'000);

  soci::session sql(db().pool());
  std::string hash;
  long long uid = *id;
  sql << "SELECT password_hash FROM users WHERE id = :u", soci::use(uid), soci::into(hash);
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find("hemmeligt-kodeord"), std::string::npos);
}

TEST_P(Users, SignUpRefusesEachInvalidFieldWithADanishMessage) {
  struct Case {
    void (*spoil)(SignUp&);
    const char* field;
    const char* message;
  };
  const Case cases[] = {
      {[](SignUp& f) { f.first_name = "  "; }, "first_name", "Skriv dit fornavn."},
      {[](SignUp& f) { f.last_name = ""; }, "last_name", "Skriv dit efternavn."},
      {[](SignUp& f) { f.email = "anna.example.dk"; }, "email", "Skriv en gyldig e-mailadresse."},
      {[](SignUp& f) { f.email = "anna@example"; }, "email", "Skriv en gyldig e-mailadresse."},
      {[](SignUp& f) { f.email = "an na@example.dk"; }, "email", "Skriv en gyldig e-mailadresse."},
      {[](SignUp& f) { f.password = f.password_repeat = "kort-ord!"; }, "password",
       "Kodeordet skal være mindst 10 tegn."},
      {[](SignUp& f) { f.password_repeat = "hemmeligt-kodeorD"; }, "password_repeat",
       "De to kodeord er ikke ens."},
      {[](SignUp& f) { f.accepted_terms = false; }, "accepted_terms",
       "Du skal acceptere betingelser og vilkår."},
  };
  for (const Case& c : cases) {
    SignUp form = anna();
    c.spoil(form);
    auto r = sign_up(db(), clock_, form);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.error().code, app_error::kInvalid) << c.field;
    EXPECT_EQ(r.error().field, c.field);
    EXPECT_EQ(r.error().message, c.message);
  }
  // Ten characters counted as letters, not bytes: "æøåæøåæøåæ" is 10 letters, 20 bytes.
  SignUp nine = anna();
  nine.password = nine.password_repeat = "æøåæøåæøå";
  EXPECT_EQ(sign_up(db(), clock_, nine).error().field, "password");

  soci::session sql(db().pool());
  int n = -1;
  sql << "SELECT COUNT(*) FROM users", soci::into(n);
  EXPECT_EQ(n, 0);
}

TEST_P(Users, AnEmailIsTakenInAnyLetterCase) {
  testing::insert_user(db(), "anna.jensen@example.dk");
  auto r = sign_up(db(), clock_, anna());  // "Anna.Jensen@Example.DK"
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, app_error::kDuplicate);
  EXPECT_EQ(r.error().field, "email");
  EXPECT_EQ(r.error().message, "Der findes allerede en bruger med denne e-mailadresse.");
}

TEST_P(Users, AuthenticateAnswersAlikeForAWrongPasswordAndAnUnknownEmail) {
  auto id = sign_up(db(), clock_, anna());
  ASSERT_TRUE(id.ok());
  auto right = authenticate(db(), "ANNA.jensen@example.dk ", "hemmeligt-kodeord");
  ASSERT_TRUE(right.ok());
  EXPECT_EQ(*right, *id);

  auto wrong = authenticate(db(), "anna.jensen@example.dk", "forkert-kodeord");
  auto unknown = authenticate(db(), "bo@example.dk", "hemmeligt-kodeord");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, unknown.error().code);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(wrong.error().field, unknown.error().field);
  EXPECT_EQ(wrong.error().message, "Forkert e-mail eller kodeord.");
}

TEST_P(Users, PendingInvitationsAreTakenUpAtSignUp) {
  int64_t admin = testing::insert_user(db(), "admin@firma.dk");
  int64_t a1 = testing::insert_company_account(db(), "Firma 1");
  int64_t a2 = testing::insert_company_account(db(), "Firma 2");
  testing::insert_membership(db(), a1, admin, Role::administrator);
  testing::insert_membership(db(), a2, admin, Role::administrator);
  auto i1 =
      attach_user(db(), clock_, Actor{admin}, a1, "anna.jensen@example.dk", Role::case_handler);
  auto i2 = attach_user(db(), clock_, Actor{admin}, a2, "ANNA.JENSEN@example.dk", Role::guest);
  ASSERT_TRUE(i1.ok() && i2.ok());
  EXPECT_EQ(*i1, AttachOutcome::invited);
  EXPECT_EQ(*i2, AttachOutcome::invited);

  clock_.set(1'700'000'500, Date::ymd(2023, 11, 14));
  auto id = sign_up(db(), clock_, anna());
  ASSERT_TRUE(id.ok());
  auto accounts = list_accounts_of_user(db(), Actor{*id});
  ASSERT_EQ(accounts.size(), 2u);
  EXPECT_EQ(accounts[0].id, a1);
  EXPECT_EQ(accounts[0].role, Role::case_handler);
  EXPECT_EQ(accounts[1].id, a2);
  EXPECT_EQ(accounts[1].role, Role::guest);

  soci::session sql(db().pool());
  int pending = -1, accepted = -1;
  sql << "SELECT COUNT(*) FROM invitations WHERE accepted_at IS NULL", soci::into(pending);
  sql << "SELECT COUNT(*) FROM invitations WHERE accepted_at = 1700000500", soci::into(accepted);
  EXPECT_EQ(pending, 0);
  EXPECT_EQ(accepted, 2);
  auto members = list_members(db(), Actor{admin}, a1);
  ASSERT_TRUE(members.ok());
  EXPECT_TRUE(members->invitations.empty());
  EXPECT_EQ(members->members.size(), 2u);
}

TEST_P(Users, ChangePassword) {
  auto id = sign_up(db(), clock_, anna());
  ASSERT_TRUE(id.ok());
  Actor me{*id};
  auto wrong_old =
      change_password(db(), me, "gaet-et-kodeord", "nyt-kodeord-123", "nyt-kodeord-123");
  ASSERT_FALSE(wrong_old.ok());
  EXPECT_EQ(wrong_old.error().field, "old_password");
  EXPECT_EQ(wrong_old.error().message, "Det nuværende kodeord er forkert.");
  auto mismatch =
      change_password(db(), me, "hemmeligt-kodeord", "nyt-kodeord-123", "nyt-kodeord-124");
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().field, "new_password_repeat");
  auto short_one = change_password(db(), me, "hemmeligt-kodeord", "kort", "kort");
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().field, "new_password");

  ASSERT_TRUE(
      change_password(db(), me, "hemmeligt-kodeord", "nyt-kodeord-123", "nyt-kodeord-123").ok());
  EXPECT_TRUE(authenticate(db(), "anna.jensen@example.dk", "nyt-kodeord-123").ok());
  EXPECT_FALSE(authenticate(db(), "anna.jensen@example.dk", "hemmeligt-kodeord").ok());
}

TEST_P(Users, DigestSubscriptionAndUnknownUsers) {
  int64_t id = testing::insert_user(db(), "bo@example.dk");
  ASSERT_TRUE(set_digest_subscription(db(), Actor{id}, false).ok());
  EXPECT_FALSE(get_user(db(), Actor{id})->digest_subscribed);
  ASSERT_TRUE(set_digest_subscription(db(), Actor{id}, true).ok());
  EXPECT_TRUE(get_user(db(), Actor{id})->digest_subscribed);

  EXPECT_EQ(get_user(db(), Actor{id + 1}).error().code, app_error::kNotFound);
  EXPECT_EQ(set_digest_subscription(db(), Actor{id + 1}, false).error().code, app_error::kNotFound);
}

INKASSO_INSTANTIATE_BACKENDS(Users);

}  // namespace
}  // namespace inkasso
