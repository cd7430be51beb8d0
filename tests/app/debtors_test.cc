#include "app/debtors.h"

#include <sodium.h>

#include <gtest/gtest.h>

#include "core/identifiers.h"
#include "tests/app/fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

// 0101901234: born 1 January 1990 (7th digit 1: the 1900s); it fails the old modulus-11 check,
// which must not matter. 0101902345 shares the birth date.
constexpr const char* kCpr = "0101901234";
constexpr const char* kCprSameDay = "0101902345";
constexpr const char* kOtherKeyHex =
    "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

class Debtors : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    account_ = testing::insert_company_account(db(), "Kreditor A/S");
    other_account_ = testing::insert_company_account(db(), "Anden Kreditor ApS");
    admin_ = {testing::insert_user(db(), "admin@a.dk")};
    handler_ = {testing::insert_user(db(), "handler@a.dk")};
    guest_ = {testing::insert_user(db(), "guest@a.dk")};
    outsider_ = {testing::insert_user(db(), "b@b.dk")};
    testing::insert_membership(db(), account_, admin_.user_id, Role::administrator);
    testing::insert_membership(db(), account_, handler_.user_id, Role::case_handler);
    testing::insert_membership(db(), account_, guest_.user_id, Role::guest);
    testing::insert_membership(db(), other_account_, outsider_.user_id, Role::administrator);
    ASSERT_TRUE(kCprIsValid());
  }

  static bool kCprIsValid() { return is_valid_cpr(kCpr) && is_valid_cpr(kCprSameDay); }

  static DebtorInput company(std::string name, std::string cvr = "27355021") {
    DebtorInput in;
    in.kind = DebtorKind::company;
    in.name = std::move(name);
    in.cvr = std::move(cvr);
    return in;
  }

  static DebtorInput person(std::string name, std::string cpr = "") {
    DebtorInput in;
    in.kind = DebtorKind::person;
    in.name = std::move(name);
    in.cpr = std::move(cpr);
    return in;
  }

  int64_t create(const DebtorInput& in) {
    auto id = create_debtor(db(), clock_, box_, handler_, account_, in);
    EXPECT_TRUE(id.ok()) << id.error().field << ": " << id.error().message;
    return id.ok() ? *id : 0;
  }

  DebtorPage search(std::string text, std::optional<DebtorKind> kind = std::nullopt, int limit = 50,
                    int offset = 0) {
    auto page = search_debtors(db(), box_, guest_, account_, {text, kind, limit, offset});
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? *page : DebtorPage{};
  }

  std::vector<std::string> names(const DebtorPage& page) {
    std::vector<std::string> out;
    for (const Debtor& d : page.debtors) out.push_back(d.name);
    return out;
  }

  // The raw bytes of debtors.cpr_encrypted, or "" when NULL.
  std::string raw_sealed(int64_t id) {
    soci::session sql(db().pool());
    std::string hex;
    soci::indicator ind = soci::i_null;
    long long i = id;
    sql << std::string("SELECT ") +
               (db().dialect() == Dialect::sqlite ? "lower(hex(cpr_encrypted))"
                                                  : "encode(cpr_encrypted, 'hex')") +
               " FROM debtors WHERE id = :i",
        soci::use(i), soci::into(hex, ind);
    if (ind != soci::i_ok) return {};
    std::string bytes(hex.size() / 2, '\0');
    size_t len = 0;
    EXPECT_EQ(sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(),
                             hex.data(), hex.size(), nullptr, &len, nullptr),
              0);
    EXPECT_EQ(hex.find(kCpr), std::string::npos);
    return bytes;
  }

  int64_t count_debtors() {
    soci::session sql(db().pool());
    long long n = 0;
    sql << "SELECT COUNT(*) FROM debtors", soci::into(n);
    return n;
  }

  FixedClock clock_{1'700'000'000, Date::ymd(2023, 11, 14)};
  SecretBox box_ = *SecretBox::from_hex(testing::kTestSecretKeyHex);
  int64_t account_ = 0, other_account_ = 0;
  Actor admin_, handler_, guest_, outsider_;
};

TEST_P(Debtors, CreatesACompanyAndReadsItBack) {
  DebtorInput in = company("  Tømrer Hansen ApS ");
  in.customer_no = "K-1001";
  in.phone = "+45 33 12 34 56";
  in.mobile = "20 30 40 50";
  in.email = "Bogholderi@Hansen.dk";
  in.street = "Vestergade 1";
  in.postal_code = "8000";
  in.city = "Aarhus C";
  in.note = "Ring før kl. 12";
  int64_t id = create(in);

  auto d = get_debtor(db(), box_, guest_, account_, id);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->id, id);
  EXPECT_EQ(d->account_id, account_);
  EXPECT_EQ(d->kind, DebtorKind::company);
  EXPECT_EQ(d->name, "Tømrer Hansen ApS");
  EXPECT_EQ(d->cvr, "27355021");
  EXPECT_EQ(d->cpr_masked, "");
  EXPECT_FALSE(d->cpr.has_value());
  EXPECT_EQ(d->customer_no, "K-1001");
  EXPECT_EQ(d->phone, "33123456");
  EXPECT_EQ(d->mobile, "20304050");
  EXPECT_EQ(d->email, "Bogholderi@Hansen.dk");
  EXPECT_EQ(d->street, "Vestergade 1");
  EXPECT_EQ(d->postal_code, "8000");
  EXPECT_EQ(d->city, "Aarhus C");
  EXPECT_EQ(d->note, "Ring før kl. 12");
  EXPECT_EQ(d->created_at, 1'700'000'000);
  EXPECT_EQ(d->updated_at, 1'700'000'000);
}

TEST_P(Debtors, StoresTheCprSealedAndShowsItMasked) {
  int64_t id = create(person("Jens Jensen", "010190-1234"));
  std::string sealed = raw_sealed(id);
  ASSERT_FALSE(sealed.empty());
  EXPECT_EQ(sealed.find(kCpr), std::string::npos);
  EXPECT_EQ(sealed.find("1234"), std::string::npos);
  auto opened = box_.open(std::vector<unsigned char>(sealed.begin(), sealed.end()));
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, kCpr);

  soci::session sql(db().pool());
  std::string masked;
  long long i = id;
  sql << "SELECT cpr_masked FROM debtors WHERE id = :i", soci::use(i), soci::into(masked);
  EXPECT_EQ(masked, "010190-XXXX");

  auto d = get_debtor(db(), box_, handler_, account_, id);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->cpr_masked, "010190-XXXX");
  EXPECT_FALSE(d->cpr.has_value());
}

TEST_P(Debtors, APersonNeedsNoCpr) {
  int64_t id = create(person("Hanne Hansen"));
  EXPECT_EQ(raw_sealed(id), "");
  auto d = get_debtor(db(), box_, handler_, account_, id, true);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->cpr_masked, "");
  EXPECT_FALSE(d->cpr.has_value());
}

TEST_P(Debtors, RevealsTheCprOnlyToCaseHandlersAndAbove) {
  int64_t id = create(person("Jens Jensen", kCpr));
  for (const Actor& a : {handler_, admin_}) {
    auto d = get_debtor(db(), box_, a, account_, id, true);
    ASSERT_TRUE(d.ok());
    ASSERT_TRUE(d->cpr.has_value());
    EXPECT_EQ(*d->cpr, "010190-1234");
  }
  auto as_guest = get_debtor(db(), box_, guest_, account_, id, true);
  ASSERT_TRUE(as_guest.ok());
  EXPECT_EQ(as_guest->cpr_masked, "010190-XXXX");
  EXPECT_FALSE(as_guest->cpr.has_value());
}

TEST_P(Debtors, AWrongKeyCannotOpenTheCpr) {
  int64_t id = create(person("Jens Jensen", kCpr));
  SecretBox wrong = *SecretBox::from_hex(kOtherKeyHex);
  std::string sealed = raw_sealed(id);
  EXPECT_FALSE(wrong.open(std::vector<unsigned char>(sealed.begin(), sealed.end())).ok());

  auto d = get_debtor(db(), wrong, handler_, account_, id, true);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, "decrypt");
  EXPECT_EQ(d.error().message.find("010190"), std::string::npos);
  // Without revealing, the masked number needs no key.
  auto masked = get_debtor(db(), wrong, handler_, account_, id);
  ASSERT_TRUE(masked.ok());
  EXPECT_EQ(masked->cpr_masked, "010190-XXXX");
}

TEST_P(Debtors, RefusesInvalidInputNamingTheField) {
  struct Case {
    DebtorInput in;
    std::string field;
  };
  DebtorInput bad_email = person("Jens"), bad_postal = person("Jens"), bad_phone = person("Jens"),
              bad_mobile = person("Jens"), cpr_on_company = company("Firma"),
              cvr_on_person = person("Jens");
  bad_email.email = "jens@";
  bad_postal.postal_code = "80000";
  bad_phone.phone = "ring til mig";
  bad_mobile.mobile = "2030";
  cpr_on_company.cpr = kCpr;
  cvr_on_person.cvr = "27355021";
  std::vector<Case> cases = {
      {company("Firma", "27355022"), "cvr"},  // check digit wrong
      {company("Firma", ""), "cvr"},          // a company must have one
      {company("Firma", "2735502"), "cvr"},   // seven digits
      {person("Jens", "3102901234"), "cpr"},  // 31 February
      {person("Jens", "01019012"), "cpr"},    // too short
      {person("   "), "name"},
      {bad_email, "email"},
      {bad_postal, "postal_code"},
      {bad_phone, "phone"},
      {bad_mobile, "mobile"},
      {cpr_on_company, "cpr"},
      {cvr_on_person, "cvr"},
  };
  for (const Case& c : cases) {
    auto r = create_debtor(db(), clock_, box_, handler_, account_, c.in);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.error().code, app_error::kInvalid) << c.field;
    EXPECT_EQ(r.error().field, c.field);
    EXPECT_FALSE(r.error().message.empty());
    // A CPR number, even a wrong one, is never echoed.
    EXPECT_EQ(r.error().message.find("3102"), std::string::npos);
    EXPECT_EQ(r.error().message.find("010190"), std::string::npos);
  }
  EXPECT_EQ(count_debtors(), 0);
}

TEST_P(Debtors, UpdateKeepsTheCprWhenLeftEmptyAndReplacesItWhenGiven) {
  int64_t id = create(person("Jens Jensen", kCpr));
  clock_.set(1'700'000'100, Date::ymd(2023, 11, 14));
  DebtorInput edit = person("Jens Ole Jensen");
  edit.city = "Odense";
  ASSERT_TRUE(update_debtor(db(), clock_, box_, handler_, account_, id, edit).ok());
  auto d = get_debtor(db(), box_, handler_, account_, id, true);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->name, "Jens Ole Jensen");
  EXPECT_EQ(d->city, "Odense");
  EXPECT_EQ(d->cpr_masked, "010190-XXXX");
  ASSERT_TRUE(d->cpr.has_value());
  EXPECT_EQ(*d->cpr, "010190-1234");
  EXPECT_EQ(d->created_at, 1'700'000'000);
  EXPECT_EQ(d->updated_at, 1'700'000'100);

  edit.cpr = "020291-4321";
  ASSERT_TRUE(update_debtor(db(), clock_, box_, handler_, account_, id, edit).ok());
  d = get_debtor(db(), box_, handler_, account_, id, true);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->cpr_masked, "020291-XXXX");
  EXPECT_EQ(*d->cpr, "020291-4321");

  // Becoming a company drops the CPR number.
  ASSERT_TRUE(
      update_debtor(db(), clock_, box_, handler_, account_, id, company("Jensen ApS")).ok());
  d = get_debtor(db(), box_, handler_, account_, id, true);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->kind, DebtorKind::company);
  EXPECT_EQ(d->cpr_masked, "");
  EXPECT_FALSE(d->cpr.has_value());
  EXPECT_EQ(raw_sealed(id), "");
}

TEST_P(Debtors, UpdateValidatesLikeCreate) {
  int64_t id = create(company("Firma ApS"));
  auto r = update_debtor(db(), clock_, box_, handler_, account_, id, company("Firma ApS", "123"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "cvr");
  auto d = get_debtor(db(), box_, handler_, account_, id);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->cvr, "27355021");
}

TEST_P(Debtors, SearchesNamesCaseInsensitivelyWithDanishLetters) {
  create(company("Ærø Tømrer ApS"));
  create(company("Åbenrå Øl A/S", "10000009"));
  create(company("Aalborg Smed ApS", "11234569"));
  EXPECT_EQ(names(search("ærø")), std::vector<std::string>{"Ærø Tømrer ApS"});
  EXPECT_EQ(names(search("ÆRØ")), std::vector<std::string>{"Ærø Tømrer ApS"});
  EXPECT_EQ(names(search("TØMRER")), std::vector<std::string>{"Ærø Tømrer ApS"});
  EXPECT_EQ(names(search("åbenrå øl")), std::vector<std::string>{"Åbenrå Øl A/S"});
  EXPECT_EQ(names(search("smed")), std::vector<std::string>{"Aalborg Smed ApS"});
  EXPECT_EQ(search("aps").total, 2);
  // LIKE's wildcards are plain characters in a search.
  EXPECT_EQ(search("%").total, 0);
  EXPECT_EQ(search("_").total, 0);
  EXPECT_EQ(debtor_search_key("ÆØÅ ÄÖÜ É × Straße"), "æøå äöü é × straße");
}

TEST_P(Debtors, SearchesByIdentifiersAndContactDetails) {
  DebtorInput firma = company("Firma ApS");
  firma.customer_no = "K-1001";
  firma.phone = "33 12 34 56";
  firma.email = "Bogholderi@Firma.dk";
  create(firma);
  DebtorInput jens = person("Jens Jensen", kCpr);
  jens.mobile = "+45 20 30 40 50";
  create(jens);
  create(person("Jette Jensen", kCprSameDay));
  create(person("Ole Olsen", "020291-4321"));

  EXPECT_EQ(names(search("27355021")), std::vector<std::string>{"Firma ApS"});
  EXPECT_EQ(names(search("K-1001")), std::vector<std::string>{"Firma ApS"});
  EXPECT_EQ(search("K-100").total, 0);  // a customer number is matched exactly
  EXPECT_EQ(names(search("bogholderi@firma.DK")), std::vector<std::string>{"Firma ApS"});
  EXPECT_EQ(names(search("+45 33 12 34 56")), std::vector<std::string>{"Firma ApS"});
  EXPECT_EQ(names(search("33123456")), std::vector<std::string>{"Firma ApS"});
  EXPECT_EQ(names(search("20 30 40 50")), std::vector<std::string>{"Jens Jensen"});
  EXPECT_EQ(names(search("+4520304050")), std::vector<std::string>{"Jens Jensen"});

  // The birth date finds both born that day; the full number only the one.
  EXPECT_EQ(names(search("010190")), (std::vector<std::string>{"Jens Jensen", "Jette Jensen"}));
  EXPECT_EQ(names(search("010190-")), (std::vector<std::string>{"Jens Jensen", "Jette Jensen"}));
  EXPECT_EQ(names(search("010190-1234")), std::vector<std::string>{"Jens Jensen"});
  EXPECT_EQ(names(search("0101902345")), std::vector<std::string>{"Jette Jensen"});
  EXPECT_EQ(search("0101909999").total, 0);
  for (const Debtor& d : search("010190").debtors) {
    EXPECT_FALSE(d.cpr.has_value());
    EXPECT_EQ(d.cpr_masked, "010190-XXXX");
  }

  EXPECT_EQ(search("", DebtorKind::person).total, 3);
  EXPECT_EQ(search("", DebtorKind::company).total, 1);
  EXPECT_EQ(search("jensen", DebtorKind::company).total, 0);
}

TEST_P(Debtors, PagesThroughResultsWithATotal) {
  for (const char* name : {"G", "C", "A", "F", "E", "B", "D"}) create(person(name));
  ASSERT_TRUE(create_debtor(db(), clock_, box_, outsider_, other_account_, person("Z")).ok());
  DebtorPage first = search("", std::nullopt, 3, 0);
  EXPECT_EQ(first.total, 7);
  EXPECT_EQ(names(first), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(names(search("", std::nullopt, 3, 3)), (std::vector<std::string>{"D", "E", "F"}));
  DebtorPage last = search("", std::nullopt, 3, 6);
  EXPECT_EQ(last.total, 7);
  EXPECT_EQ(names(last), std::vector<std::string>{"G"});
  EXPECT_TRUE(search("", std::nullopt, 3, 9).debtors.empty());

  auto too_many = search_debtors(db(), box_, guest_, account_, {"", {}, kDebtorPageMax + 1, 0});
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().field, "limit");
  auto negative = search_debtors(db(), box_, guest_, account_, {"", {}, 10, -1});
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().field, "offset");
}

TEST_P(Debtors, AnotherAccountsDebtorIsNotFound) {
  int64_t id = create(person("Jens Jensen", kCpr));
  auto theirs = create_debtor(db(), clock_, box_, outsider_, other_account_, person("Ib"));
  ASSERT_TRUE(theirs.ok());

  // B's user asking in A's name: not a member, so not found.
  auto d = get_debtor(db(), box_, outsider_, account_, id, true);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, app_error::kNotFound);
  auto s = search_debtors(db(), box_, outsider_, account_, {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, app_error::kNotFound);
  // B's user asking for A's debtor in B's name: the id exists, but not here.
  d = get_debtor(db(), box_, outsider_, other_account_, id, true);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, app_error::kNotFound);
  auto u = update_debtor(db(), clock_, box_, outsider_, other_account_, id, person("Hacked"));
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().code, app_error::kNotFound);
  // And A's own handler cannot reach B's debtor through A.
  d = get_debtor(db(), box_, handler_, account_, *theirs);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, app_error::kNotFound);
  EXPECT_EQ(search("ib").total, 0);

  auto mine = get_debtor(db(), box_, handler_, account_, id);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->name, "Jens Jensen");
}

TEST_P(Debtors, AGuestReadsButCannotCreateOrEdit) {
  int64_t id = create(company("Firma ApS"));
  auto c = create_debtor(db(), clock_, box_, guest_, account_, company("Andet Firma ApS"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, app_error::kForbidden);
  auto u = update_debtor(db(), clock_, box_, guest_, account_, id, company("Omdøbt ApS"));
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().code, app_error::kForbidden);
  EXPECT_EQ(count_debtors(), 1);
  EXPECT_TRUE(get_debtor(db(), box_, guest_, account_, id).ok());
  EXPECT_EQ(search("firma").total, 1);
  // The role is checked before the input: a guest learns nothing from validation.
  auto bad = create_debtor(db(), clock_, box_, guest_, account_, company("X", "1"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, app_error::kForbidden);
}

TEST_P(Debtors, AMissingDebtorIsNotFound) {
  auto d = get_debtor(db(), box_, handler_, account_, 987654);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, app_error::kNotFound);
}

INKASSO_INSTANTIATE_BACKENDS(Debtors);

}  // namespace
}  // namespace inkasso
