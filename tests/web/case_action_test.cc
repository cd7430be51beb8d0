// "Opret handling" over HTTP: the menu, every form pre-filled, every action created and stored,
// the agreement calculator and the settlement quote with worked examples, the law's refusals in
// Danish with nothing stored, a stale version, a guest and another account.
#include <regex>

#include "app/letters.h"
#include "core/rules.h"
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

class CaseActionTest : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    user_ = make_user("jens@hansen.dk");
    account_ = make_company(user_);
  }

  int64_t make_debtor(DebtorKind kind) {
    DebtorInput in;
    in.kind = kind;
    in.name = kind == DebtorKind::company ? "Skyldner ApS" : "Peter Skyldner";
    if (kind == DebtorKind::company) in.cvr = "27355021";
    auto id = create_debtor(*db_, clock_, *box_, Actor{user_}, account_, in);
    EXPECT_TRUE(id) << (id ? "" : id.error().message);
    return id ? *id : 0;
  }

  // 10.000,00 kr. invoiced 15-09-2026, due 01-10-2026; procesrente from the 31st day
  // (01-11-2026) at 2,00 % + 8 = 10,00 % a year.
  int64_t make_case(DebtorKind kind = DebtorKind::company,
                    std::vector<SentReminder> reminders = {}) {
    NewCase c;
    c.debtor_id = make_debtor(kind);
    c.claims.push_back(
        Claim{"F-100", Date::ymd(2026, 9, 15), Date::ymd(2026, 10, 1), Money::from_kroner(10'000)});
    c.reminders = std::move(reminders);
    auto created = create_case(*db_, clock_, *box_, Actor{user_}, account_, c);
    EXPECT_TRUE(created) << (created ? "" : created.error().message);
    return created ? created->number : 0;
  }

  // A case whose collection notice (01-11-2026) ran out before today (23-11-2026).
  int64_t make_noticed_case(DebtorKind kind = DebtorKind::company) {
    return make_case(kind, {SentReminder{Date::ymd(2026, 10, 5), Money::from_kroner(100)},
                            SentReminder{Date::ymd(2026, 11, 1), Money::zero(), true}});
  }

  CaseView view(int64_t number) {
    auto v = get_case(*db_, clock_, Actor{user_}, account_, number);
    EXPECT_TRUE(v) << (v ? "" : v.error().message);
    return v ? *v : CaseView{};
  }

  std::string form_page(int64_t number, const std::string& type) {
    return "/sager/" + std::to_string(number) + "/handling/ny?type=" + type;
  }
  std::string action_url(int64_t number) {
    return "/sager/" + std::to_string(number) + "/handling";
  }

  // Shows the form of `type`, then submits `fields` with the type and the case's version.
  HttpResult submit(WebClient& c, int64_t number, const std::string& type, web::Fields fields) {
    fields.emplace_back("type", type);
    fields.emplace_back("version", std::to_string(view(number).stored.version));
    return c.submit(form_page(number, type), action_url(number), std::move(fields));
  }

  std::string today_iso() const { return "2026-11-23"; }

  int64_t user_ = 0;
  int64_t account_ = 0;
};

using CaseActionPages = CaseActionTest;
using CaseActionCreate = CaseActionTest;
using CaseActionCalculators = CaseActionTest;
using CaseActionAccess = CaseActionTest;

// ---- The menu and the forms ----------------------------------------------------------------

TEST_F(CaseActionPages, MenuGroupsEveryActionWithLinksToTheForms) {
  int64_t n = make_case();
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get("/sager/" + std::to_string(n) + "/handling/ny");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Opret handling"));
  EXPECT_TRUE(r.has("Skrivelser"));
  EXPECT_TRUE(r.has("Retten"));
  EXPECT_TRUE(r.has("Sagen"));
  EXPECT_TRUE(r.has("Skyldner ApS"));
  for (const char* type :
       {"reminder", "collection_notice", "settlement_offer", "payment_agreement", "letter",
        "fundament", "payment", "claim", "credit_note", "note", "pause", "close"})
    EXPECT_TRUE(r.has("handling/ny?type=" + std::string(type))) << type;
  // Without a collection notice the collection demand and the court are greyed, with the law's
  // reason.
  EXPECT_FALSE(r.has("handling/ny?type=collection_demand"));
  EXPECT_FALSE(r.has("handling/ny?type=payment_order"));
  EXPECT_TRUE(r.has("Send et inkassovarsel først."));
}

TEST_F(CaseActionPages, EveryFormRendersPrefilledWithTheCaseVersion) {
  int64_t n = make_noticed_case();
  WebClient c = logged_in_client(user_, account_);
  const std::string version =
      "name=\"version\" value=\"" + std::to_string(view(n).stored.version) + "\"";
  const std::vector<std::pair<std::string, std::string>> forms = {
      {"reminder", "Opret rykker"},
      {"collection_notice", "Opret inkassovarsel"},
      {"collection_demand", "Opret inkassopåkravsskrivelse"},
      {"settlement_offer", "Opret akkordtilbud"},
      {"payment_agreement", "Opret betalingsaftale"},
      {"missing_payment_letter", "Skrivelse om manglende betaling"},
      {"agreement_default_warning", "Varsel om opsigelse af betalingsaftale"},
      {"agreement_terminated", "Opsig betalingsaftalen"},
      {"letter", "Opret brev"},
      {"payment_order", "Opret betalingspåkrav"},
      {"enforcement_request", "Opret fogedrekvisition"},
      {"fundament", "Tilføj fundament"},
      {"payment", "Registrér betaling"},
      {"claim", "Tilføj gæld"},
      {"credit_note", "Registrér kreditnota"},
      {"settlement_accepted", "Registrér accept"},
      {"note", "Gem notat"},
      {"pause", "Sæt sagen på pause"},
      {"close", "Luk sagen"},
  };
  for (const auto& [type, text] : forms) {
    auto r = c.get(form_page(n, type));
    EXPECT_EQ(r.status, 200) << type;
    EXPECT_TRUE(r.has(text)) << type;
    EXPECT_TRUE(r.has(version)) << type;
    EXPECT_TRUE(r.has("name=\"type\" value=\"" + type + "\"")) << type;
    // Dated today where the form has a date.
    if (type != "note" && type != "pause" && type != "claim") {
      EXPECT_TRUE(r.has("value=\"" + today_iso() + "\"")) << type;
    }
  }
  EXPECT_EQ(c.get(form_page(n, "nonsense")).status, 404);
}

TEST_F(CaseActionPages, ReminderFormHasTheLawsMaximumFeeAndTheTracksDeadline) {
  int64_t n = make_case();
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get(form_page(n, "reminder"));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("name=\"fee\" inputmode=\"decimal\" value=\"100,00\""));
  EXPECT_TRUE(r.has("Højst 100,00 kr. pr. rykker, højst 3 rykkere med gebyr"));
  // The first reminder of the standard track; the second follows 12 days later.
  EXPECT_TRUE(r.has("name=\"deadline\" type=\"date\" required value=\"2026-12-05\""));
  // A business debtor's claim not yet compensated: the 310 kr. are suggested.
  EXPECT_TRUE(r.has("name=\"compensation\" value=\"1\" checked"));
  EXPECT_TRUE(r.has("310,00 kr. pr. forfalden faktura"));
}

TEST_F(CaseActionPages, ReminderFeeIsZeroWhenTheLawAllowsNoMoreFees) {
  int64_t n = make_case(DebtorKind::person,
                        {SentReminder{Date::ymd(2026, 10, 5), Money::from_kroner(100)},
                         SentReminder{Date::ymd(2026, 10, 20), Money::from_kroner(100)},
                         SentReminder{Date::ymd(2026, 11, 5), Money::from_kroner(100)}});
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get(form_page(n, "reminder"));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("value=\"0,00\""));
  EXPECT_TRUE(r.has("Loven tillader ikke gebyr på denne rykker nu"));
  EXPECT_TRUE(r.has("så der kan ikke kræves kompensationsbeløb"));  // a private debtor
}

TEST_F(CaseActionPages, CourtFormsTellWhoPaysTheCourtFeeAndOfferItOnTheCase) {
  int64_t n = make_noticed_case();
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get(form_page(n, "payment_order"));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Retsafgiften på 750,00 kr. skal du selv overføre til retten."));
  EXPECT_TRUE(r.has("name=\"court_fee_added\" value=\"1\" checked"));
  r = c.get(form_page(n, "enforcement_request"));
  EXPECT_TRUE(r.has("Sagen har intet fundament."));
  EXPECT_TRUE(r.has("type=fundament"));
}

TEST_F(CaseActionPages, AgreementWithoutFundamentShowsTheManualsWarning) {
  int64_t n = make_case();
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get(form_page(n, "payment_agreement"));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Det anbefales ikke at oprette en betalingsaftale uden at have et fundament"));
  EXPECT_TRUE(r.has("Betalingsplan"));  // the suggested terms' schedule at once
}

TEST_F(CaseActionPages, CloseShowsWhatWillBeWrittenOff) {
  int64_t n = make_case();
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get(form_page(n, "close"));
  ASSERT_EQ(r.status, 200);
  // 10.000,00 kr. and the interest of 01-11..23-11-2026: 23 days × 10.000 × 10 % / 365 =
  // 63,01 kr.
  EXPECT_TRUE(r.has("Afskrives ved lukning"));
  EXPECT_TRUE(r.has("<dd class=\"written-off\">10.063,01 kr.</dd>"));
  EXPECT_TRUE(r.has("data-confirm="));
}

// ---- Creating every kind of action -------------------------------------------------------

TEST_F(CaseActionCreate, ReminderIsStoredWithFeeCompensationAndDeadline) {
  int64_t n = make_case();
  WebClient c = logged_in_client(user_, account_);
  auto r = submit(c, n, "reminder",
                  {{"date", today_iso()},
                   {"fee", "100,00"},
                   {"compensation", "1"},
                   {"deadline", "2026-12-05"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.location, "/sager/" + std::to_string(n));
  auto v = view(n);
  const Action& a = v.stored.history.actions.back();
  EXPECT_EQ(a.type, ActionType::reminder);
  EXPECT_EQ(a.date, Date::ymd(2026, 11, 23));
  EXPECT_EQ(a.fee, Money::from_kroner(100));
  EXPECT_TRUE(a.compensation);
  EXPECT_EQ(a.deadline, Date::ymd(2026, 12, 5));
  // The flash on the next page: the reminder's letter was made (document_test.cc).
  EXPECT_EQ(r.header("Set-Cookie").find("inkasso_flash=flash.actions.document_"), 0u);
}

TEST_F(CaseActionCreate, CollectionNoticeNeedsTenDaysDeadline) {
  int64_t n = make_case();
  WebClient c = logged_in_client(user_, account_);
  auto r = submit(c, n, "collection_notice",
                  {{"date", today_iso()}, {"fee", "0"}, {"deadline", "2026-11-30"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("mindst 10 dage til at betale (inkassoloven § 10)"));
  EXPECT_TRUE(view(n).stored.history.actions.empty());
  r = submit(c, n, "collection_notice",
             {{"date", today_iso()}, {"fee", "0"}, {"deadline", "2026-12-03"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(view(n).stored.history.actions.back().type, ActionType::collection_notice);
}

TEST_F(CaseActionCreate, LettersAndCourtStepsOneAfterAnother) {
  int64_t n = make_noticed_case();
  WebClient c = logged_in_client(user_, account_);
  const std::string day = today_iso();
  auto expect_last = [&](ActionType t) -> Action {
    auto v = view(n);
    EXPECT_FALSE(v.stored.history.actions.empty());
    if (v.stored.history.actions.empty()) return Action{};
    EXPECT_EQ(v.stored.history.actions.back().type, t);
    return v.stored.history.actions.back();
  };
  ASSERT_EQ(submit(c, n, "collection_demand", {{"date", day}, {"deadline", "2026-12-05"}}).status,
            303);
  expect_last(ActionType::collection_demand);
  ASSERT_EQ(submit(c, n, "settlement_offer",
                   {{"date", day}, {"discount", "25"}, {"deadline", "2026-12-07"}})
                .status,
            303);
  Action offer = expect_last(ActionType::settlement_offer);
  EXPECT_EQ(offer.discount_bp, 2500);
  EXPECT_EQ(offer.deadline, Date::ymd(2026, 12, 7));
  ASSERT_EQ(submit(c, n, "settlement_accepted", {{"date", day}}).status, 303);
  expect_last(ActionType::settlement_accepted);
  ASSERT_EQ(
      submit(c, n, "missing_payment_letter", {{"date", day}, {"deadline", "2026-12-08"}}).status,
      303);
  expect_last(ActionType::missing_payment_letter);
  ASSERT_EQ(submit(c, n, "letter",
                   {{"date", day}, {"subject", "Opkald"}, {"text", "Ringede om betaling."}})
                .status,
            303);
  expect_last(ActionType::letter);
  // The letter's text is in its document (document_test.cc), not a note beside it.
  auto letters = list_documents(*db_, Actor{user_}, account_, n);
  ASSERT_TRUE(letters);
  ASSERT_FALSE(letters->empty());
  EXPECT_EQ(letters->back().title, "Opkald");
  ASSERT_EQ(submit(c, n, "fundament", {{"date", day}, {"fundament", "skyldnererklaering"}}).status,
            303);
  EXPECT_EQ(expect_last(ActionType::fundament).fundament, FundamentKind::skyldnererklaering);
  ASSERT_EQ(submit(c, n, "enforcement_request", {{"date", day}, {"court_fee_added", "1"}}).status,
            303);
  EXPECT_TRUE(expect_last(ActionType::enforcement_request).court_fee_added);
  // The court fee is now on the case: 100 kr. reminder fee + 750 kr. court fee.
  EXPECT_EQ(view(n).state.fees, Money::from_kroner(850));
}

TEST_F(CaseActionCreate, PaymentOrderWithoutTheCourtFeeOnTheCase) {
  int64_t n = make_noticed_case();
  WebClient c = logged_in_client(user_, account_);
  ASSERT_EQ(submit(c, n, "payment_order", {{"date", today_iso()}}).status, 303);
  auto v = view(n);
  EXPECT_EQ(v.stored.history.actions.back().type, ActionType::payment_order);
  EXPECT_FALSE(v.stored.history.actions.back().court_fee_added);
  EXPECT_EQ(v.state.flow, Flow::court);
}

TEST_F(CaseActionCreate, AgreementThenWarningThenTermination) {
  int64_t n = make_case();
  WebClient c = logged_in_client(user_, account_);
  auto r = submit(c, n, "payment_agreement",
                  {{"date", today_iso()},
                   {"instalment", "1.000,00"},
                   {"first_date", "2027-01-01"},
                   {"down_payment", "500"},
                   {"down_date", "2026-12-01"},
                   {"interest_free", "1"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("Set-Cookie").find("inkasso_flash=flash.actions.agreement"), 0u);
  auto v = view(n);
  const Action& a = v.stored.history.actions.back();
  EXPECT_EQ(a.type, ActionType::payment_agreement);
  EXPECT_EQ(a.instalment, Money::from_kroner(1000));
  EXPECT_EQ(a.first_date, Date::ymd(2027, 1, 1));
  EXPECT_EQ(a.down_payment, Money::from_kroner(500));
  EXPECT_EQ(a.down_date, Date::ymd(2026, 12, 1));
  EXPECT_TRUE(a.interest_free);
  EXPECT_EQ(v.state.flow, Flow::payment_agreement);

  ASSERT_EQ(
      submit(c, n, "agreement_default_warning", {{"date", today_iso()}, {"deadline", "2026-12-03"}})
          .status,
      303);
  EXPECT_EQ(view(n).stored.history.actions.back().type, ActionType::agreement_default_warning);
  ASSERT_EQ(submit(c, n, "agreement_terminated", {{"date", today_iso()}, {"track", "fast"}}).status,
            303);
  v = view(n);
  EXPECT_EQ(v.stored.history.actions.back().type, ActionType::agreement_terminated);
  EXPECT_EQ(v.stored.history.actions.back().track, Track::fast);
  EXPECT_EQ(v.state.flow, Flow::track);
}

TEST_F(CaseActionCreate, PaymentClaimCreditNoteNotePauseAndClose) {
  int64_t n = make_case();
  WebClient c = logged_in_client(user_, account_);
  auto r =
      submit(c, n, "payment", {{"date", "2026-11-20"}, {"amount", "1.500,00"}, {"method", "cash"}});
  ASSERT_EQ(r.status, 303) << r.body;
  auto v = view(n);
  ASSERT_EQ(v.stored.history.payments.size(), 1u);
  EXPECT_EQ(v.stored.history.payments[0].amount, Money::from_kroner(1500));
  EXPECT_EQ(v.stored.payment_methods[0], PaymentMethod::cash);

  ASSERT_EQ(submit(c, n, "claim",
                   {{"ref", "F-200"},
                    {"invoice_date", "2026-11-01"},
                    {"due_date", "2026-11-15"},
                    {"amount", "2.000"}})
                .status,
            303);
  v = view(n);
  ASSERT_EQ(v.stored.history.claims.size(), 2u);
  EXPECT_EQ(v.stored.history.claims[1].ref, "F-200");
  EXPECT_EQ(v.stored.history.claims[1].amount, Money::from_kroner(2000));

  ASSERT_EQ(
      submit(c, n, "credit_note", {{"claim", "1"}, {"date", today_iso()}, {"amount", "250,50"}})
          .status,
      303);
  v = view(n);
  ASSERT_EQ(v.stored.history.credit_notes.size(), 1u);
  EXPECT_EQ(v.stored.history.credit_notes[0].ref, "F-200");
  EXPECT_EQ(v.stored.history.credit_notes[0].amount, Money::from_ore(25'050));

  ASSERT_EQ(submit(c, n, "note", {{"text", "Skyldner lover at betale fredag."}}).status, 303);
  EXPECT_EQ(view(n).stored.notes.back().text, "Skyldner lover at betale fredag.");

  ASSERT_EQ(submit(c, n, "pause", {{"until", "2026-12-15"}}).status, 303);
  v = view(n);
  EXPECT_EQ(v.stored.history.actions.back().type, ActionType::pause);
  EXPECT_EQ(v.state.paused_until, Date::ymd(2026, 12, 15));

  r = submit(c, n, "close", {{"date", today_iso()}});
  ASSERT_EQ(r.status, 303) << r.body;
  v = view(n);
  EXPECT_EQ(v.state.flow, Flow::closed);
  EXPECT_TRUE(v.state.written_off.is_positive());
}

TEST_F(CaseActionCreate, InvalidInputKeepsTheValuesAndSaysWhatIsWrong) {
  int64_t n = make_case();
  WebClient c = logged_in_client(user_, account_);
  auto r = submit(c, n, "payment",
                  {{"date", "2026-12-24"}, {"amount", "mange penge"}, {"method", "bank_transfer"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Datoen kan ikke ligge i fremtiden."));
  EXPECT_TRUE(r.has("Skriv beløbet i kroner, f.eks. 1.500,00."));
  EXPECT_TRUE(r.has("value=\"mange penge\""));
  EXPECT_TRUE(view(n).stored.history.payments.empty());

  r = submit(c, n, "credit_note", {{"claim", "0"}, {"date", today_iso()}, {"amount", "20.000"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(
      r.has("Kreditnotaen er større end det, der er tilbage af fakturaen (10.000,00 kr.)."));

  r = submit(c, n, "note", {{"text", "   "}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Notatet er tomt."));
}

// ---- The calculators: worked examples ------------------------------------------------------

TEST_F(CaseActionCalculators, AgreementScheduleIsComputedWithoutCreatingAnything) {
  int64_t n = make_case();
  WebClient c = logged_in_client(user_, account_);
  int64_t version = view(n).stored.version;
  // Debt on 23-11-2026: 10.000,00 + interest 01-11..23-11 (23 days × 10.000 × 10 % / 365 =
  // 63,01) = 10.063,01 kr.
  // Instalments of 5.000 kr. from 01-01-2027:
  //  1. 01-01-2027: interest 01-11-2026..01-01-2027 is 62 days × 10.000 × 10 % / 365 = 169,86;
  //     4.830,14 to principal, 5.169,86 left.
  //  2. 01-02-2027: interest 31 days × 5.169,86 × 10 % / 365 = 43,91; 4.956,09 to principal,
  //     213,77 left.
  //  3. 01-03-2027: interest 28 days × 213,77 × 10 % / 365 = 1,64; the last payment is 215,41.
  // Interest during the agreement: 169,86 + 43,91 + 1,64 − 63,01 (accrued before) = 152,40.
  auto r = submit(c, n, "payment_agreement",
                  {{"date", today_iso()},
                   {"instalment", "5.000,00"},
                   {"first_date", "2027-01-01"},
                   {"calc", "1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.has("Betalingsplan"));
  EXPECT_TRUE(r.has("<dd>10.063,01 kr.</dd>"));
  EXPECT_TRUE(r.has("<dd class=\"schedule-count\">3</dd>"));
  EXPECT_TRUE(r.has("<dd class=\"schedule-last\">01-03-2027</dd>"));
  EXPECT_TRUE(r.has("<dd class=\"schedule-interest\">152,40 kr.</dd>"));
  EXPECT_TRUE(r.has("10,00 %"));
  EXPECT_TRUE(r.has("215,41 kr."));
  EXPECT_TRUE(r.has("value=\"5.000,00\""));  // the terms stay in the form
  EXPECT_EQ(view(n).stored.version, version);
  EXPECT_TRUE(view(n).stored.history.actions.empty());
}

TEST_F(CaseActionCalculators, SuggestedInstalmentPaysWithinTwelveMonths) {
  int64_t n = make_case();
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get(form_page(n, "payment_agreement"));
  ASSERT_EQ(r.status, 200);
  // 10.063,01 kr. / 12 = 838,58, up to whole tens: 840 kr.; interest of about 10 % a year on a
  // falling balance adds roughly 45 kr. a month at first, so 12 instalments need 890 kr. The
  // engine steps up by 10 kr. until 12 instalments suffice.
  std::smatch m;
  std::regex instalment(R"re(name="instalment" inputmode="decimal" required value="([0-9.,]+)")re");
  ASSERT_TRUE(std::regex_search(r.body, m, instalment));
  auto suggested = Money::parse_danish(m[1].str());
  ASSERT_TRUE(suggested);
  EXPECT_GE(*suggested, Money::from_kroner(840));
  EXPECT_LE(*suggested, Money::from_kroner(900));
  EXPECT_TRUE(r.has("<dd class=\"schedule-count\">12</dd>"));
  // Agreed on the 23rd (after the 15th): the first instalment the 1st of the month after next.
  EXPECT_TRUE(r.has("name=\"first_date\" type=\"date\" required value=\"2027-01-01\""));
}

TEST_F(CaseActionCalculators, InstalmentBelowTheInterestIsRefusedBesideTheField) {
  int64_t n = make_case();
  WebClient c = logged_in_client(user_, account_);
  auto r = submit(c, n, "payment_agreement",
                  {{"date", today_iso()}, {"instalment", "50"}, {"first_date", "2027-01-01"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Raten er for lille"));
  EXPECT_TRUE(view(n).stored.history.actions.empty());
}

TEST_F(CaseActionCalculators, SettlementQuoteShowsOwedOfferedSavedAndCourt) {
  int64_t n = make_case();
  WebClient c = logged_in_client(user_, account_);
  // Owed on 23-11-2026: 10.063,01 kr. (see above). 20 % off: 8.050,41 to pay by 07-12-2026
  // (14 days); the debtor saves 2.012,60. In court on 06-01-2027 (30 days after the deadline):
  // interest 01-11-2026..06-01-2027 is 67 days × 10.000 × 10 % / 365 = 183,56, plus the court
  // fee of 750,00: 10.933,56 kr.
  auto r = c.get(form_page(n, "settlement_offer"));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("name=\"discount\" inputmode=\"decimal\" required value=\"20\""));
  EXPECT_TRUE(r.has("<dd class=\"quote-total\">10.063,01 kr.</dd>"));
  EXPECT_TRUE(r.has("07-12-2026"));
  EXPECT_TRUE(r.has("<dd class=\"quote-offered\">8.050,41 kr.</dd>"));
  EXPECT_TRUE(r.has("<dd class=\"quote-saving\">2.012,60 kr.</dd>"));
  EXPECT_TRUE(r.has("<dd class=\"quote-court\">10.933,56 kr.</dd>"));
  // "Beregn" with 30 %: 10.063,01 × 70 % = 7.044,107 → 7.044,11.
  r = submit(
      c, n, "settlement_offer",
      {{"date", today_iso()}, {"discount", "30"}, {"deadline", "2026-12-07"}, {"calc", "1"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("<dd class=\"quote-offered\">7.044,11 kr.</dd>"));
  EXPECT_TRUE(view(n).stored.history.actions.empty());
}

// ---- The law's refusals ----------------------------------------------------------------------

class CaseActionRefusal : public CaseActionTest {
 protected:
  // Submits and expects the law box with `message` and the rule's help, nothing stored.
  void expect_refused(int64_t n, const std::string& type, web::Fields fields,
                      const std::string& message, const std::string& help) {
    auto before = view(n).stored;
    WebClient c = logged_in_client(user_, account_);
    auto r = submit(c, n, type, std::move(fields));
    EXPECT_EQ(r.status, 422) << type;
    EXPECT_TRUE(r.has("Loven i klare ord")) << type;
    EXPECT_TRUE(r.has(message)) << type << ": " << r.body;
    EXPECT_TRUE(r.has(help)) << type;
    auto after = view(n).stored;
    EXPECT_EQ(after.version, before.version);
    EXPECT_EQ(after.history.actions.size(), before.history.actions.size());
  }
};

using CaseActionRefusalTest = CaseActionRefusal;

TEST_F(CaseActionRefusalTest, ReminderFeeOverTheMaximum) {
  int64_t n = make_case();
  expect_refused(n, "reminder",
                 {{"date", today_iso()}, {"fee", "150,00"}, {"deadline", "2026-12-05"}},
                 "Et rykkergebyr må højst være 100,00 kr. (renteloven § 9 b), og her står "
                 "150,00 kr.",
                 "Loven sætter et loft over rykkergebyret");
}

TEST_F(CaseActionRefusalTest, FourthFeeBearingReminder) {
  int64_t n = make_case(DebtorKind::company,
                        {SentReminder{Date::ymd(2026, 10, 5), Money::from_kroner(100)},
                         SentReminder{Date::ymd(2026, 10, 20), Money::from_kroner(100)},
                         SentReminder{Date::ymd(2026, 11, 5), Money::from_kroner(100)}});
  expect_refused(
      n, "reminder", {{"date", today_iso()}, {"fee", "100,00"}, {"deadline", "2026-12-05"}},
      "Der må højst kræves gebyr for 3 rykkere for den samme gæld", "Efter tre rykkere med gebyr");
}

TEST_F(CaseActionRefusalTest, RemindersLessThanTenDaysApart) {
  int64_t n = make_case(DebtorKind::company,
                        {SentReminder{Date::ymd(2026, 11, 20), Money::from_kroner(100)}});
  expect_refused(n, "reminder",
                 {{"date", today_iso()}, {"fee", "100,00"}, {"deadline", "2026-12-05"}},
                 "Der skal gå mindst 10 dage mellem to rykkere med gebyr",
                 "Skyldner skal have tid til at betale");
}

TEST_F(CaseActionRefusalTest, CompensationForAPrivateDebtor) {
  int64_t n = make_case(DebtorKind::person);
  expect_refused(
      n, "reminder",
      {{"date", today_iso()}, {"fee", "100,00"}, {"compensation", "1"}, {"deadline", "2026-12-05"}},
      "kan kun kræves af en virksomhed, aldrig af en privatperson",
      "Kompensationsbeløbet er en regel for handel mellem virksomheder");
}

TEST_F(CaseActionRefusalTest, CollectionDemandBeforeTheNotice) {
  int64_t n = make_case();
  expect_refused(n, "collection_demand", {{"date", today_iso()}, {"deadline", "2026-12-05"}},
                 "En inkassopåkravsskrivelse kræver, at skyldner har fået et inkassovarsel",
                 "Inkassoloven kræver, at skyldner først får et inkassovarsel");
}

TEST_F(CaseActionRefusalTest, EnforcementRequestWithoutFundament) {
  int64_t n = make_noticed_case();
  expect_refused(n, "enforcement_request", {{"date", today_iso()}, {"court_fee_added", "1"}},
                 "En fogedrekvisition kræver et fundament",
                 "Fogedretten kan kun gå direkte i gang");
}

TEST_F(CaseActionRefusalTest, ActingOnAClosedCase) {
  int64_t n = make_case();
  auto closed = close_case(*db_, clock_, Actor{user_}, account_, n, view(n).stored.version,
                           Date::ymd(2026, 11, 23));
  ASSERT_TRUE(closed);
  expect_refused(n, "reminder", {{"date", today_iso()}, {"fee", "0"}, {"deadline", "2026-12-05"}},
                 "Sagen er lukket, så der kan ikke oprettes flere handlinger.",
                 "En lukket sag er afsluttet");
  // The menu greys the letters with the same reason.
  WebClient c = logged_in_client(user_, account_);
  auto menu = c.get("/sager/" + std::to_string(n) + "/handling/ny");
  EXPECT_FALSE(menu.has("handling/ny?type=reminder"));
  EXPECT_TRUE(menu.has("Sagen er lukket. Opret en ny sag for ny gæld."));
}

// ---- Versions, roles and accounts ----------------------------------------------------------

TEST_F(CaseActionAccess, StaleVersionIsAConflictAndNothingIsStored) {
  int64_t n = make_case();
  WebClient c = logged_in_client(user_, account_);
  int64_t read = view(n).stored.version;
  ASSERT_TRUE(add_note(*db_, clock_, Actor{user_}, account_, n, read, "En kollega var hurtigere."));
  c.get(form_page(n, "reminder"));
  auto r = c.post(action_url(n), {{"type", "reminder"},
                                  {"version", std::to_string(read)},
                                  {"date", today_iso()},
                                  {"fee", "100,00"},
                                  {"deadline", "2026-12-05"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_TRUE(r.has("Sagen er ændret imens"));
  EXPECT_TRUE(view(n).stored.history.actions.empty());
}

TEST_F(CaseActionAccess, GuestSeesTheFormButCannotCreate) {
  int64_t n = make_case();
  int64_t guest = make_user("gaest@hansen.dk", "kodeord-1234", "Gitte", "Gæst");
  ASSERT_TRUE(attach_user(*db_, clock_, Actor{user_}, account_, "gaest@hansen.dk", Role::guest));
  WebClient c = logged_in_client(guest, account_);
  auto form = c.get(form_page(n, "reminder"));
  EXPECT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("Din rolle på kontoen er Gæst"));
  EXPECT_FALSE(form.has("Opret rykker</button>"));
  auto r = c.post(action_url(n), {{"type", "reminder"},
                                  {"version", std::to_string(view(n).stored.version)},
                                  {"date", today_iso()},
                                  {"fee", "100,00"},
                                  {"deadline", "2026-12-05"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(view(n).stored.history.actions.empty());
}

TEST_F(CaseActionAccess, AnotherAccountsCaseIsNotFound) {
  int64_t n = make_case();
  int64_t other = make_user("other@firma.dk", "kodeord-1234", "Ole", "Olsen");
  int64_t other_account = make_company(other, "Olsens Firma ApS");
  WebClient c = logged_in_client(other, other_account);
  EXPECT_EQ(c.get("/sager/" + std::to_string(n) + "/handling/ny").status, 404);
  EXPECT_EQ(c.get(form_page(n, "reminder")).status, 404);
  auto r = c.post(action_url(n), {{"type", "reminder"},
                                  {"version", std::to_string(view(n).stored.version)},
                                  {"date", today_iso()},
                                  {"fee", "100,00"},
                                  {"deadline", "2026-12-05"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(view(n).stored.history.actions.empty());
}

}  // namespace
}  // namespace inkasso::testing
