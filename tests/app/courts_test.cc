// Court districts and filing court documents (app/courts.h), on SQLite and PostgreSQL: the
// seeded table of the 24 district courts, postal code → court, the operator's edits, and filing
// a payment order by e-mail (a court_email sending with the creditor's copy, which the worker
// takes with the PDF) or via the courts' portal (a court_portal sending on the date filed).
#include "app/courts.h"

#include <set>

#include <gtest/gtest.h>

#include "app/accounts.h"
#include "app/cases.h"
#include "app/debtors.h"
#include "app/letters.h"
#include "app/users.h"
#include "tests/app/fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

// 2026-11-23 10:00 UTC.
constexpr int64_t kNow = 1795428000;

std::vector<std::string> names(const std::vector<CourtDistrict>& courts) {
  std::vector<std::string> out;
  for (const CourtDistrict& c : courts) out.push_back(c.name);
  return out;
}

class Courts : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto box = SecretBox::from_hex(testing::kTestSecretKeyHex);
    ASSERT_TRUE(box.ok());
    box_.emplace(*box);
    operator_ = {testing::insert_user(db(), "drift@inkasso.dk")};
    ASSERT_TRUE(set_installation_operator(db(), "drift@inkasso.dk", true));
    creditor_ = {testing::insert_user(db(), "jens@hansen.dk")};
    stranger_ = {testing::insert_user(db(), "anden@firma.dk")};
    account_ = company(creditor_, "Hansens Tømrer ApS");
    other_account_ = company(stranger_, "Andet Firma ApS");
  }

  int64_t company(const Actor& admin, const std::string& name) {
    CompanyAccount form{name,         "27355021",  "kontor@hansen.dk", "12345678",    true,
                        "Vejen 1",    "8000",      "Aarhus C",         "Danske Bank", "1234",
                        "1234567890", std::nullopt};
    auto id = create_company_account(db(), clock_, admin, form);
    EXPECT_TRUE(id) << (id ? "" : id.error().message);
    return id ? *id : 0;
  }

  // A case of 10.000,00 kr. due 01-06-2026 against a debtor in `postal_code`, with a reminder
  // (05-06-2026) and a collection notice (20-06-2026) already sent, so a payment order is lawful
  // on 23-11-2026 (the notice's 10 days have long passed; 10.000 kr. is under the 100.000 kr.
  // limit). Returns the case number.
  int64_t court_ready_case(const std::string& postal_code, const std::string& city) {
    DebtorInput in;
    in.kind = DebtorKind::company;
    in.name = "Skyldner ApS";
    in.cvr = "27355021";
    in.street = "Gaden 2";
    in.postal_code = postal_code;
    in.city = city;
    auto debtor = create_debtor(db(), clock_, *box_, creditor_, account_, in);
    EXPECT_TRUE(debtor) << (debtor ? "" : debtor.error().message);
    NewCase c;
    c.debtor_id = debtor ? *debtor : 0;
    c.claims.push_back(
        Claim{"F-100", Date::ymd(2026, 5, 15), Date::ymd(2026, 6, 1), Money::from_kroner(10'000)});
    c.reminders.push_back(SentReminder{Date::ymd(2026, 6, 5), Money::from_kroner(100), false});
    c.reminders.push_back(SentReminder{Date::ymd(2026, 6, 20), Money::from_kroner(100), true});
    auto created = create_case(db(), clock_, *box_, creditor_, account_, c);
    EXPECT_TRUE(created) << (created ? "" : created.error().message);
    return created ? created->number : 0;
  }

  int64_t version(int64_t number) {
    auto v = get_case(db(), clock_, creditor_, account_, number);
    return v ? v->stored.version : -1;
  }

  // Adds an action of `type` today that makes a document, renders it, returns the document id.
  int64_t document(int64_t number, ActionType type) {
    Action a;
    a.type = type;
    a.date = clock_.today();
    a.court_fee_added = true;
    if (type == ActionType::reminder) a.fee = Money();
    auto made = add_action_with_document(db(), clock_, *box_, Installation{}, creditor_, account_,
                                         number, version(number), a, SendingChoice{});
    EXPECT_TRUE(made) << (made ? "" : made.error().message);
    if (!made || !made->document_id) return 0;
    EXPECT_GE(render_pending_documents(db(), clock_), 1);
    return *made->document_id;
  }

  const CourtDistrict& court(const std::string& name) {
    courts_ = list_court_districts(db());
    for (const CourtDistrict& c : courts_)
      if (c.name == name) return c;
    ADD_FAILURE() << "no court " << name;
    static const CourtDistrict none;
    return none;
  }

  // The operator switches a court to filing by e-mail.
  void takes_email(const std::string& name) {
    const CourtDistrict c = court(name);
    ASSERT_TRUE(update_court_district(
        db(), clock_, operator_, c.id,
        {c.street, c.postal_code, c.city, c.email, c.phone, "email", c.note}));
  }

  struct Row {
    std::string channel, status, recipient, copy_to;
    long long sent_at = 0;
    soci::indicator sent_i = soci::i_null;
  };
  std::vector<Row> sendings() {
    soci::session sql(db().pool());
    std::vector<Row> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT channel, status, recipient, copy_to, sent_at FROM dispatches "
                        "ORDER BY id");
    for (const soci::row& r : rows) {
      Row x{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
            r.get<std::string>(3)};
      x.sent_i = r.get_indicator(4);
      if (x.sent_i == soci::i_ok)
        x.sent_at = r.get_properties(4).get_data_type() == soci::dt_integer ? r.get<int>(4)
                                                                            : r.get<long long>(4);
      out.push_back(x);
    }
    return out;
  }

  FixedClock clock_{kNow, Date::ymd(2026, 11, 23)};
  std::optional<SecretBox> box_;
  Actor operator_, creditor_, stranger_;
  int64_t account_ = 0, other_account_ = 0;
  std::vector<CourtDistrict> courts_;
};

TEST_P(Courts, TheTableHoldsTheTwentyFourDistrictCourts) {
  const auto all = list_court_districts(db());
  ASSERT_EQ(all.size(), 24u);
  std::set<std::string> unique;
  for (const CourtDistrict& c : all) {
    unique.insert(c.name);
    EXPECT_EQ(c.postal_code.size(), 4u) << c.name;
    EXPECT_NE(c.email.find("@domstol.dk"), std::string::npos) << c.name;
    EXPECT_EQ(c.filing_method, FilingMethod::portal) << c.name << ": minretssag.dk by default";
    EXPECT_EQ(c.updated_at, 0) << "as seeded";
  }
  EXPECT_EQ(unique.size(), 24u);
  EXPECT_TRUE(unique.count("Retten i Aarhus"));
  EXPECT_TRUE(unique.count("Københavns Byret"));
  EXPECT_TRUE(unique.count("Retten på Bornholm"));
  const CourtDistrict& aarhus = court("Retten i Aarhus");
  EXPECT_EQ(aarhus.street, "Vester Allé 10");
  EXPECT_EQ(aarhus.email, "aarhus@domstol.dk");
}

TEST_P(Courts, APostalCodeGivesItsCourtOrTheCandidates) {
  soci::session sql(db().pool());
  EXPECT_EQ(names(courts_for_postal_code(sql, "8000")),
            std::vector<std::string>{"Retten i Aarhus"});
  EXPECT_EQ(names(courts_for_postal_code(sql, " 9000 ")),
            std::vector<std::string>{"Retten i Aalborg"})
      << "trimmed";
  // 2000 Frederiksberg reaches Frederiksberg and Copenhagen municipalities: two courts.
  EXPECT_EQ(names(courts_for_postal_code(sql, "2000")),
            (std::vector<std::string>{"Københavns Byret", "Retten på Frederiksberg"}));
  // 4000 Roskilde reaches Høje-Taastrup (Glostrup) and Roskilde and Lejre (Roskilde).
  EXPECT_EQ(names(courts_for_postal_code(sql, "4000")),
            (std::vector<std::string>{"Retten i Glostrup", "Retten i Roskilde"}));
  // 3760 Gudhjem also covers Christiansø, missing from the source: Bornholm's alone.
  EXPECT_EQ(names(courts_for_postal_code(sql, "3760")),
            std::vector<std::string>{"Retten på Bornholm"});
  EXPECT_TRUE(courts_for_postal_code(sql, "0000").empty());
  EXPECT_TRUE(courts_for_postal_code(sql, "80000").empty());
  EXPECT_TRUE(courts_for_postal_code(sql, "").empty());
}

TEST_P(Courts, TheLetterGetsTheCourtOnlyWhenThePostalCodeDecides) {
  soci::session sql(db().pool());
  auto aarhus = court_for_debtor(sql, "8000");
  ASSERT_TRUE(aarhus);
  EXPECT_EQ(*aarhus, (CourtInfo{"Retten i Aarhus", "Vester Allé 10", "8000", "Aarhus C",
                                "aarhus@domstol.dk"}));
  EXPECT_FALSE(court_for_debtor(sql, "2000")) << "ambiguous: the creditor chooses";
  EXPECT_FALSE(court_for_debtor(sql, "1234"));
}

TEST_P(Courts, AnOperatorEditsACourtOthersAreRefusedAndNothingChanges) {
  const CourtDistrict before = court("Retten i Aarhus");
  CourtDistrictInput in{before.street,
                        before.postal_code,
                        before.city,
                        " Foged.Aarhus@Domstol.dk ",
                        "99 68 78 00",
                        "email",
                        "Fogedretten: Vester Allé 12."};

  // A creditor (administrator of an account, not an operator) is refused.
  auto refused = update_court_district(db(), clock_, creditor_, before.id, in);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, app_error::kForbidden);
  EXPECT_EQ(court("Retten i Aarhus").email, "aarhus@domstol.dk");

  // Invalid input names the field and changes nothing.
  CourtDistrictInput bad = in;
  bad.email = "aarhus@domstol";
  auto invalid_email = update_court_district(db(), clock_, operator_, before.id, bad);
  ASSERT_FALSE(invalid_email);
  EXPECT_EQ(invalid_email.error().field, "email");
  bad = in;
  bad.postal_code = "800";
  EXPECT_EQ(update_court_district(db(), clock_, operator_, before.id, bad).error().field,
            "postal_code");
  bad = in;
  bad.filing_method = "fax";
  EXPECT_EQ(update_court_district(db(), clock_, operator_, before.id, bad).error().field,
            "filing_method");
  bad = in;
  bad.phone = "ring til os";
  EXPECT_EQ(update_court_district(db(), clock_, operator_, before.id, bad).error().field, "phone");
  const CourtDistrict unchanged = court("Retten i Aarhus");
  EXPECT_EQ(unchanged.email, "aarhus@domstol.dk");
  EXPECT_EQ(unchanged.filing_method, FilingMethod::portal);
  EXPECT_EQ(unchanged.updated_at, 0);

  ASSERT_TRUE(update_court_district(db(), clock_, operator_, before.id, in));
  const CourtDistrict after = court("Retten i Aarhus");
  EXPECT_EQ(after.email, "foged.aarhus@domstol.dk") << "trimmed, lower-case";
  EXPECT_EQ(after.filing_method, FilingMethod::email);
  EXPECT_EQ(after.note, "Fogedretten: Vester Allé 12.");
  EXPECT_EQ(after.updated_at, kNow);
  EXPECT_EQ(after.updated_by, operator_.user_id);
  EXPECT_EQ(after.name, "Retten i Aarhus");

  auto unknown = update_court_district(db(), clock_, operator_, 999'999, in);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, app_error::kNotFound);
}

TEST_P(Courts, TheFilingViewSuggestsTheDebtorsCourt) {
  const int64_t n = court_ready_case("8000", "Aarhus C");
  const int64_t doc = document(n, ActionType::payment_order);
  auto v = court_filing_view(db(), *box_, creditor_, account_, n, doc);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(names(v->candidates), std::vector<std::string>{"Retten i Aarhus"});
  ASSERT_TRUE(v->suggested_court_id);
  EXPECT_EQ(*v->suggested_court_id, court("Retten i Aarhus").id);
  EXPECT_EQ(v->all.size(), 24u);
  EXPECT_EQ(v->creditor_email, "kontor@hansen.dk");
  EXPECT_TRUE(v->can_file);
  EXPECT_FALSE(v->filing);

  // Ambiguous: both candidates, none chosen for the creditor.
  const int64_t n2 = court_ready_case("2000", "Frederiksberg");
  const int64_t doc2 = document(n2, ActionType::payment_order);
  auto v2 = court_filing_view(db(), *box_, creditor_, account_, n2, doc2);
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->candidates.size(), 2u);
  EXPECT_FALSE(v2->suggested_court_id);
}

TEST_P(Courts, FilingByEMailQueuesItToTheCourtWithTheCreditorsCopy) {
  takes_email("Retten i Aarhus");
  const int64_t n = court_ready_case("8000", "Aarhus C");
  const int64_t doc = document(n, ActionType::payment_order);
  auto filed = file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                   {court("Retten i Aarhus").id, std::nullopt});
  ASSERT_TRUE(filed) << filed.error().message;
  EXPECT_EQ(filed->channel, Channel::court_email);
  EXPECT_EQ(filed->recipient, "aarhus@domstol.dk");
  auto rows = sendings();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].channel, "court_email");
  EXPECT_EQ(rows[0].status, "waiting");
  EXPECT_EQ(rows[0].recipient, "aarhus@domstol.dk");
  EXPECT_EQ(rows[0].copy_to, "kontor@hansen.dk");

  // The dispatch worker takes it like an e-mail, with the PDF and the copy for the Cc.
  soci::session sql(db().pool());
  auto claimed = claim_due_dispatches(sql, "test-worker", kNow, 10);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].channel, Channel::court_email);
  EXPECT_EQ(claimed[0].copy_to, "kontor@hansen.dk");
  EXPECT_EQ(claimed[0].pdf.rfind("%PDF", 0), 0u);
  EXPECT_EQ(claimed[0].file_name, "betalingspaakrav-sag-" + std::to_string(n) + ".pdf");
  EXPECT_NE(claimed[0].subject.find("Hansens Tømrer ApS mod Skyldner ApS"), std::string::npos)
      << claimed[0].subject;
  EXPECT_NE(claimed[0].body.find("Til Retten i Aarhus"), std::string::npos) << claimed[0].body;

  // Filed once: a second filing is refused while the first stands.
  auto again = file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                   {court("Retten i Aarhus").id, std::nullopt});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, court_error::kAlreadyFiled);
  EXPECT_EQ(sendings().size(), 1u);
}

TEST_P(Courts, FilingViaThePortalRecordsTheDateFiled) {
  const int64_t n = court_ready_case("8000", "Aarhus C");
  const int64_t doc = document(n, ActionType::payment_order);
  const int64_t aarhus = court("Retten i Aarhus").id;

  // The date is needed, and cannot be in the future or before the document's date.
  auto missing =
      file_court_document(db(), clock_, *box_, creditor_, account_, n, doc, {aarhus, std::nullopt});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "filed_on");
  EXPECT_EQ(file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                {aarhus, Date::ymd(2026, 11, 24)})
                .error()
                .field,
            "filed_on");
  EXPECT_EQ(file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                {aarhus, Date::ymd(2026, 11, 22)})
                .error()
                .field,
            "filed_on");
  EXPECT_TRUE(sendings().empty());

  // Filed today: recorded at the moment of confirming.
  auto filed = file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                   {aarhus, Date::ymd(2026, 11, 23)});
  ASSERT_TRUE(filed) << filed.error().message;
  EXPECT_EQ(filed->channel, Channel::court_portal);
  auto rows = sendings();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].channel, "court_portal");
  EXPECT_EQ(rows[0].status, "sent");
  EXPECT_EQ(rows[0].recipient, "Retten i Aarhus (minretssag.dk)");
  ASSERT_EQ(rows[0].sent_i, soci::i_ok);
  EXPECT_EQ(rows[0].sent_at, kNow);

  // Nobody sends it: the worker never takes a portal filing.
  soci::session sql(db().pool());
  EXPECT_TRUE(claim_due_dispatches(sql, "test-worker", kNow + 86'400, 10).empty());

  auto again = file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                   {aarhus, Date::ymd(2026, 11, 23)});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, court_error::kAlreadyFiled);
}

TEST_P(Courts, APortalFilingOnAnEarlierDayIsRecordedOnThatDay) {
  const int64_t n = court_ready_case("8000", "Aarhus C");
  const int64_t doc = document(n, ActionType::payment_order);
  // The document is dated 23-11-2026; the creditor confirms on 25-11-2026 that it was filed on
  // the 24th: recorded at noon UTC that day, 2026-11-24 12:00 UTC = 1795428000 + 86400 + 7200.
  clock_.set(kNow + 2 * 86'400, Date::ymd(2026, 11, 25));
  ASSERT_TRUE(file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                  {court("Retten i Aarhus").id, Date::ymd(2026, 11, 24)}));
  auto rows = sendings();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sent_at, kNow + 86'400 + 7'200);
}

TEST_P(Courts, OnlyCourtDocumentsThatStandAreFiled) {
  const int64_t n = court_ready_case("8000", "Aarhus C");
  const int64_t aarhus = court("Retten i Aarhus").id;
  const int64_t reminder = document(n, ActionType::reminder);
  auto not_court = file_court_document(db(), clock_, *box_, creditor_, account_, n, reminder,
                                       {aarhus, Date::ymd(2026, 11, 23)});
  ASSERT_FALSE(not_court);
  EXPECT_EQ(not_court.error().code, court_error::kNotCourtDocument);
  EXPECT_FALSE(court_filing_view(db(), *box_, creditor_, account_, n, reminder));

  const int64_t order = document(n, ActionType::payment_order);
  ASSERT_TRUE(delete_last_action(db(), clock_, creditor_, account_, n, version(n)));
  auto withdrawn = file_court_document(db(), clock_, *box_, creditor_, account_, n, order,
                                       {aarhus, Date::ymd(2026, 11, 23)});
  ASSERT_FALSE(withdrawn);
  EXPECT_EQ(withdrawn.error().code, court_error::kWithdrawn);
  EXPECT_TRUE(sendings().empty());
}

TEST_P(Courts, AnotherAccountsDocumentIsNotFound) {
  const int64_t n = court_ready_case("8000", "Aarhus C");
  const int64_t doc = document(n, ActionType::payment_order);
  const int64_t aarhus = court("Retten i Aarhus").id;
  auto outsider = file_court_document(db(), clock_, *box_, stranger_, other_account_, n, doc,
                                      {aarhus, Date::ymd(2026, 11, 23)});
  ASSERT_FALSE(outsider);
  EXPECT_EQ(outsider.error().code, app_error::kNotFound);
  auto not_member = file_court_document(db(), clock_, *box_, stranger_, account_, n, doc,
                                        {aarhus, Date::ymd(2026, 11, 23)});
  ASSERT_FALSE(not_member);
  EXPECT_EQ(not_member.error().code, app_error::kNotFound);
  EXPECT_FALSE(court_filing_view(db(), *box_, stranger_, other_account_, n, doc));
  EXPECT_TRUE(sendings().empty());
}

INKASSO_INSTANTIATE_BACKENDS(Courts);

}  // namespace
}  // namespace inkasso
