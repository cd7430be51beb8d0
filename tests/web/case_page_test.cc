// The case page over HTTP: the worked example's figures, the timeline, the guide, deleting the
// last action, the track, batch follow-up, deleting the case, stale versions, guests and
// another account's users.
#include "app/portal.h"
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

class CasePageTest : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    owner_ = make_user("jens@hansen.dk");
    account_ = make_company(owner_);
    DebtorInput d;
    d.kind = DebtorKind::person;
    d.name = "Anders And";
    d.street = "Transitvej 20C";
    d.postal_code = "6330";
    d.city = "Padborg";
    d.phone = "45876543";
    d.mobile = "12345678";
    d.email = "anders-and@example.dk";
    d.customer_no = "11121741825";
    auto id = create_debtor(*db_, clock_, *box_, Actor{owner_}, account_, d);
    ASSERT_TRUE(id) << id.error().message;
    debtor_ = *id;
  }

  // The worked example: a 10.000,00 kr. claim due 2026-08-01 with procesrente from the 31st
  // day, a first reminder with a 100 kr. fee and a payment of 2.000,00 kr.
  int64_t make_example_case() { return create(worked_example(debtor_)); }

  // Two reminders and a collection notice already sent: the next step is the collection
  // demand.
  int64_t make_case_with_notice() {
    NewCase c;
    c.debtor_id = debtor_;
    c.claims.push_back(Claim{"Faktura 2002", Date::ymd(2026, 6, 1), Date::ymd(2026, 7, 1),
                             Money::from_kroner(5'000)});
    c.reminders.push_back(SentReminder{Date::ymd(2026, 7, 4), Money::from_kroner(100)});
    c.reminders.push_back(SentReminder{Date::ymd(2026, 7, 16), Money::from_kroner(100)});
    c.reminders.push_back(SentReminder{Date::ymd(2026, 7, 28), Money::from_kroner(100), true});
    c.track = Track::standard;
    return create(c);
  }

  int64_t create(const NewCase& c) {
    auto created = create_case(*db_, clock_, *box_, Actor{owner_}, account_, c);
    EXPECT_TRUE(created) << (created ? "" : created.error().message);
    return created ? created->number : 0;
  }

  CaseView view(int64_t number) {
    auto v = get_case(*db_, clock_, Actor{owner_}, account_, number);
    EXPECT_TRUE(v) << (v ? "" : v.error().message);
    return *v;
  }

  std::string version_of(int64_t number) { return std::to_string(view(number).stored.version); }

  static std::string path(int64_t number, const std::string& rest = "") {
    return "/sager/" + std::to_string(number) + rest;
  }

  int64_t owner_ = 0;
  int64_t account_ = 0;
  int64_t debtor_ = 0;
};

using CasePageEconomyTest = CasePageTest;
using CasePageTimelineTest = CasePageTest;
using CasePageGuideTest = CasePageTest;
using CasePageDeleteLastTest = CasePageTest;
using CasePageSettingsTest = CasePageTest;
using CasePageAccessTest = CasePageTest;

// The worked example on 2026-11-23 (procesrente 2. half 2026: reference rate 2,00 % + 8 = 10 %
// a year, 365-day year; interest runs from 2026-09-01, the 31st day after 2026-08-01):
//   interest 01-09..01-10 on 10.000,00: 10.000 × 10 % × 31/365   =  84,93 kr.
//   payment 01-10 of 2.000,00: interest 84,93, fee 100,00, principal 1.815,07
//   principal left 10.000,00 − 1.815,07                          = 8.184,93 kr.
//   interest 02-10..23-11 on 8.184,93: 8.184,93 × 10 % × 53/365  = 118,85 kr.
//   interest accrued in all 84,93 + 118,85                        = 203,78 kr.
//   total 10.000,00 + 100,00 + 203,78                            = 10.303,78 kr.
//   to pay 10.303,78 − 2.000,00                                   = 8.303,78 kr.
TEST_F(CasePageEconomyTest, TheWorkedExampleShowsTheFiguresInDanish) {
  int64_t number = make_example_case();
  WebClient c = logged_in_client(owner_, account_);
  auto r = c.get(path(number));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.has("Sag nr. 1"));
  EXPECT_TRUE(r.has("Økonomisk oversigt"));
  EXPECT_TRUE(r.has("10.000,00 kr."));                  // Hovedstol
  EXPECT_TRUE(r.has("Rykkergebyrer og omkostninger"));  //
  EXPECT_TRUE(r.has("100,00 kr."));                     // the fee
  EXPECT_TRUE(r.has("203,78 kr."));                     // Tilskrevne renter
  EXPECT_TRUE(r.has("10.303,78 kr."));                  // Total
  EXPECT_TRUE(r.has("2.000,00 kr."));                   // Indbetalt
  EXPECT_TRUE(r.has("8.303,78 kr."));                   // Til betaling
  // Fordeling af betalinger: paid and rest per part.
  EXPECT_TRUE(r.has("Fordeling af betalinger"));
  EXPECT_TRUE(r.has("1.815,07 kr."));  // principal paid
  EXPECT_TRUE(r.has("8.184,93 kr."));  // principal rest
  EXPECT_TRUE(r.has("84,93 kr."));     // interest paid
  EXPECT_TRUE(r.has("118,85 kr."));    // interest rest
  // The engine's state agrees with the arithmetic above.
  CaseView v = view(number);
  EXPECT_EQ(v.state.interest, Money::from_ore(20'378));
  EXPECT_EQ(v.state.outstanding.total(), Money::from_ore(830'378));
  // The debtor's head and the details.
  EXPECT_TRUE(r.has("Anders And"));
  EXPECT_TRUE(r.has("href=\"/skyldnere/" + std::to_string(debtor_) + "\""));
  EXPECT_TRUE(r.has("Transitvej 20C, 6330 Padborg"));
  EXPECT_TRUE(r.has("Kundenr.: 11121741825"));
  EXPECT_TRUE(r.has("anders-and@example.dk"));
  EXPECT_TRUE(r.has("Procesrente"));
  EXPECT_TRUE(r.has("Der tilskrives renter fra den 31. dag efter forfaldsdato."));
  EXPECT_TRUE(r.has("01-09-2026"));  // first interest day
  EXPECT_TRUE(r.has("Følges op i multi:"));
  EXPECT_TRUE(r.has("Deaktiver multi"));
  EXPECT_TRUE(r.has("Sagsforløb:"));
  EXPECT_TRUE(r.has("Standard (anbefalet)"));
  // The portal login, for a case handler and up.
  auto password = case_portal_password(*db_, *box_, Actor{owner_}, account_, number);
  ASSERT_TRUE(password);
  EXPECT_TRUE(r.has("Skyldnerlogin"));
  EXPECT_TRUE(r.has(*password));
  EXPECT_TRUE(r.has("Sådan logger skyldner på skyldnerportalen."));
  // The direct link opens the portal with the same password (app/portal.h).
  auto stored = get_case(*db_, clock_, Actor{owner_}, account_, number);
  ASSERT_TRUE(stored);
  const int64_t id = stored->stored.id;
  EXPECT_TRUE(r.has("<dd>" + std::to_string(id) + "</dd>")) << "the global Sags-ID";
  EXPECT_TRUE(r.has(portal_direct_link_path(*box_, id, *password)));
}

TEST_F(CasePageEconomyTest, CappedFeesAreExplainedInANotice) {
  NewCase nc;
  nc.debtor_id = debtor_;
  nc.claims.push_back(
      Claim{"F-7", Date::ymd(2026, 9, 1), Date::ymd(2026, 10, 1), Money::from_kroner(1'000)});
  nc.reminders.push_back(SentReminder{Date::ymd(2026, 10, 5), Money::from_kroner(150)});
  int64_t number = create(nc);
  WebClient c = logged_in_client(owner_, account_);
  auto r = c.get(path(number));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Loven har sat gebyrer ned"));
  EXPECT_TRUE(r.has("Beløbet 150,00 kr. er sat ned til 100,00 kr."));
  EXPECT_TRUE(r.has("Gebyret er sat ned fra 150,00 kr. til 100,00 kr."));
}

TEST_F(CasePageTimelineTest, EntriesAreNewestFirstWithTheManualsColours) {
  int64_t number = make_example_case();
  auto v = view(number);
  auto nv = add_note(*db_, clock_, Actor{owner_}, account_, number, v.stored.version,
                     "Ringede til skyldner <b>i dag</b>");
  ASSERT_TRUE(nv);
  auto cv =
      add_credit_note(*db_, clock_, Actor{owner_}, account_, number, *nv,
                      CreditNote{"Faktura 1001", Date::ymd(2026, 11, 20), Money::from_kroner(50)});
  ASSERT_TRUE(cv) << cv.error().message;
  WebClient c = logged_in_client(owner_, account_);
  auto r = c.get(path(number));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Tidslinje"));
  size_t note = r.body.find("case-tl-entry tl-note");
  size_t credit = r.body.find("Kreditnota");
  size_t payment = r.body.find("case-tl-entry tl-payment");
  size_t reminder = r.body.find("case-tl-entry tl-action");
  size_t claim = r.body.rfind("case-tl-entry tl-claim");  // the invoice, the oldest
  ASSERT_NE(note, std::string::npos);
  ASSERT_NE(credit, std::string::npos);
  ASSERT_NE(payment, std::string::npos);
  ASSERT_NE(reminder, std::string::npos);
  ASSERT_NE(claim, std::string::npos);
  // 23-11 note, 20-11 credit note, 01-10 payment, 05-08 reminder, 18-07 invoice.
  EXPECT_LT(note, credit);
  EXPECT_LT(credit, payment);
  EXPECT_LT(payment, reminder);
  EXPECT_LT(reminder, claim);
  EXPECT_TRUE(r.has("Rykker nr. 1"));
  EXPECT_TRUE(r.has("Faktura 1001"));
  EXPECT_TRUE(r.has("Bankoverførsel"));
  EXPECT_TRUE(r.has("Ringede til skyldner &lt;b&gt;i dag&lt;/b&gt;"));
  EXPECT_FALSE(r.has("<b>i dag</b>"));
  EXPECT_TRUE(r.has("Oprettet af: Jens Hansen"));
  // The purple class for messages from outside exists in the legend.
  EXPECT_TRUE(r.has("tl-external"));
}

TEST_F(CasePageGuideTest, SuggestsTheNextStepWithAJaLinkToThePrefilledForm) {
  int64_t number = make_case_with_notice();
  WebClient c = logged_in_client(owner_, account_);
  auto r = c.get(path(number));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Guide til næste skridt"));
  EXPECT_TRUE(r.has("Vil du oprette og sende en inkassopåkravsskrivelse?"));
  EXPECT_TRUE(
      r.has("href=\"/sager/" + std::to_string(number) + "/handling/ny?type=collection_demand\""));
  EXPECT_TRUE(r.has("href=\"/sager/" + std::to_string(number) + "?guide=nej\""));
}

TEST_F(CasePageGuideTest, NejShowsTheAlternatives) {
  int64_t number = make_case_with_notice();
  WebClient c = logged_in_client(owner_, account_);
  auto r = c.get(path(number, "?guide=nej"));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Hvad vil du gøre i stedet?"));
  const std::string base = "href=\"/sager/" + std::to_string(number) + "/handling/ny?type=";
  for (const char* type :
       {"payment_agreement", "settlement_offer", "pause", "letter", "note", "payment", "close"})
    EXPECT_TRUE(r.has(base + type + "\"")) << type;
  EXPECT_TRUE(r.has("Lav en betalingsaftale"));
  EXPECT_TRUE(r.has("Luk sagen"));
  EXPECT_FALSE(r.has(base + "collection_demand\""));
}

TEST_F(CasePageGuideTest, AStepNotYetDueSaysWhenAndThatNothingIsNeeded) {
  NewCase nc;
  nc.debtor_id = debtor_;
  nc.claims.push_back(
      Claim{"F-9", Date::ymd(2026, 11, 1), Date::ymd(2026, 11, 20), Money::from_kroner(800)});
  nc.reminders.push_back(SentReminder{Date::ymd(2026, 11, 23), Money::from_kroner(100)});
  int64_t number = create(nc);
  WebClient c = logged_in_client(owner_, account_);
  auto r = c.get(path(number));
  ASSERT_EQ(r.status, 200);
  // Standard track: the second reminder 12 days after the first.
  EXPECT_TRUE(r.has("Næste skridt: Rykker nr. 2 den 05-12-2026."));
  EXPECT_TRUE(r.has("Der er ikke noget, du skal gøre nu."));
  EXPECT_FALSE(r.has("Vil du oprette"));
}

TEST_F(CasePageGuideTest, APaidCaseSuggestsClosingAndAnOverpaymentMustBePaidBack) {
  NewCase nc;
  nc.debtor_id = debtor_;
  nc.claims.push_back(
      Claim{"F-3", Date::ymd(2026, 10, 1), Date::ymd(2026, 11, 1), Money::from_kroner(1'000)});
  nc.payments.push_back(
      RecordedPayment{Date::ymd(2026, 11, 10), Money::from_kroner(1'200), std::nullopt});
  int64_t number = create(nc);
  WebClient c = logged_in_client(owner_, account_);
  auto r = c.get(path(number));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Gælden er betalt. Vil du lukke sagen?"));
  EXPECT_TRUE(r.has("/handling/ny?type=close\""));
  EXPECT_TRUE(r.has("Skyldner har betalt 200,00 kr. for meget."));
  EXPECT_TRUE(r.has("Betalt for meget"));
  // Closed: the guide says so.
  auto closed = close_case(*db_, clock_, Actor{owner_}, account_, number,
                           view(number).stored.version, clock_.today());
  ASSERT_TRUE(closed) << closed.error().message;
  r = c.get(path(number));
  EXPECT_TRUE(r.has("Sagen er lukket."));
}

TEST_F(CasePageDeleteLastTest, ConfirmThenRewindToTheSameStep) {
  int64_t number = make_case_with_notice();
  WebClient c = logged_in_client(owner_, account_);
  auto confirm = c.get(path(number, "/slet-sidste-handling"));
  ASSERT_EQ(confirm.status, 200);
  EXPECT_TRUE(confirm.has("Slet sidste handling"));
  EXPECT_TRUE(confirm.has("Inkassovarsel"));
  EXPECT_TRUE(confirm.has("28-07-2026"));
  EXPECT_TRUE(confirm.has("spolet tilbage"));
  EXPECT_TRUE(confirm.has("Guiden foreslår nu:"));
  EXPECT_TRUE(confirm.has("Inkassopåkravsskrivelse, klar nu."));
  EXPECT_TRUE(confirm.has("Bagefter foreslår guiden:"));
  EXPECT_TRUE(confirm.has("Inkassovarsel, klar nu."));
  int64_t before = view(number).stored.version;
  auto r = c.post(path(number, "/slet-sidste-handling"), {{"version", std::to_string(before)}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location, path(number));
  auto page = c.follow(r);
  EXPECT_TRUE(page.has("Den sidste handling er slettet"));
  // The notice is gone and the guide points at it again.
  auto v = view(number);
  EXPECT_EQ(v.stored.history.actions.size(), 2u);
  ASSERT_TRUE(v.state.next_action);
  EXPECT_EQ(v.state.next_action->type, ActionType::collection_notice);
  EXPECT_TRUE(page.has("Vil du oprette og sende et inkassovarsel?"));
  EXPECT_TRUE(page.has("/handling/ny?type=collection_notice\""));
}

TEST_F(CasePageDeleteLastTest, ACaseWithoutActionsHasNothingToDelete) {
  NewCase nc;
  nc.debtor_id = debtor_;
  nc.claims.push_back(
      Claim{"F-1", Date::ymd(2026, 10, 1), Date::ymd(2026, 11, 1), Money::from_kroner(500)});
  int64_t number = create(nc);
  WebClient c = logged_in_client(owner_, account_);
  auto r = c.get(path(number, "/slet-sidste-handling"));
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Sagen har ingen handlinger, der kan slettes."));
  EXPECT_FALSE(c.get(path(number)).has("/slet-sidste-handling\""));
}

TEST_F(CasePageSettingsTest, ChangeTrack) {
  int64_t number = make_example_case();
  WebClient c = logged_in_client(owner_, account_);
  auto edit = c.get(path(number, "/rediger"));
  ASSERT_EQ(edit.status, 200);
  EXPECT_TRUE(edit.has("Redigér sag nr. 1"));
  EXPECT_TRUE(edit.has("Hurtigt til retten"));
  auto r = c.post(path(number, "/forloeb"),
                  {{"version", version_of(number)}, {"track", "fast"}, {"tilbage", "rediger"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location, path(number, "/rediger"));
  EXPECT_TRUE(c.follow(r).has("Forløbet er skiftet."));
  auto v = view(number);
  EXPECT_EQ(v.state.track, Track::fast);
  EXPECT_EQ(v.stored.history.actions.back().type, ActionType::track_change);
  auto page = c.get(path(number));
  EXPECT_TRUE(page.has("Skift af forløb"));
  EXPECT_TRUE(page.has("Forløb: Hurtigt til retten"));
  // An unknown track is refused in Danish, nothing changed.
  r = c.post(path(number, "/forloeb"), {{"version", version_of(number)}, {"track", "turbo"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Vælg et af forløbene."));
}

TEST_F(CasePageSettingsTest, BatchFollowUpOffAndOn) {
  int64_t number = make_example_case();
  WebClient c = logged_in_client(owner_, account_);
  c.get(path(number));
  auto r =
      c.post(path(number, "/multiopfoelgning"), {{"version", version_of(number)}, {"on", "0"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_FALSE(view(number).stored.batch_follow_up);
  auto page = c.follow(r);
  EXPECT_TRUE(page.has("Sagen er taget ud af multiopfølgning."));
  EXPECT_TRUE(page.has("Inaktiv"));
  EXPECT_TRUE(page.has("Aktiver multi"));
  r = c.post(path(number, "/multiopfoelgning"), {{"version", version_of(number)}, {"on", "1"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(view(number).stored.batch_follow_up);
}

TEST_F(CasePageSettingsTest, DeleteCase) {
  int64_t number = make_example_case();
  WebClient c = logged_in_client(owner_, account_);
  auto confirm = c.get(path(number, "/slet"));
  ASSERT_EQ(confirm.status, 200);
  EXPECT_TRUE(confirm.has("kan ikke fortrydes"));
  EXPECT_TRUE(confirm.has("ingen data fra sagen med i de rapporter"));
  auto r = c.post(path(number, "/slet"), {{"version", version_of(number)}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/sager");
  EXPECT_EQ(c.get(path(number)).status, 404);
  EXPECT_FALSE(get_case(*db_, clock_, Actor{owner_}, account_, number));
}

TEST_F(CasePageSettingsTest, AStaleVersionGivesTheConflictPageAndChangesNothing) {
  int64_t number = make_example_case();
  WebClient c = logged_in_client(owner_, account_);
  c.get(path(number));
  std::string stale = version_of(number);
  // Someone else changes the case meanwhile.
  ASSERT_TRUE(add_note(*db_, clock_, Actor{owner_}, account_, number, std::stoll(stale), "Ring"));
  auto before = view(number);
  for (const auto& [route, form] : std::vector<std::pair<std::string, web::Fields>>{
           {"/multiopfoelgning", {{"version", stale}, {"on", "0"}}},
           {"/forloeb", {{"version", stale}, {"track", "fast"}}},
           {"/slet-sidste-handling", {{"version", stale}}},
           {"/slet", {{"version", stale}}},
       }) {
    auto r = c.post(path(number, route), form);
    EXPECT_EQ(r.status, 409) << route;
    EXPECT_TRUE(r.has("Sagen er ændret imens")) << route;
  }
  auto after = view(number);
  EXPECT_EQ(after.stored.version, before.stored.version);
  EXPECT_TRUE(after.stored.batch_follow_up);
  EXPECT_EQ(after.stored.history.actions.size(), before.stored.history.actions.size());
}

TEST_F(CasePageAccessTest, AGuestSeesThePageWithoutWriteButtonsAndEveryPostIsRefused) {
  int64_t number = make_example_case();
  int64_t guest = make_user("gaest@hansen.dk", "kodeord-1234", "Gitte", "Gæst");
  ASSERT_TRUE(attach_user(*db_, clock_, Actor{owner_}, account_, "gaest@hansen.dk", Role::guest));
  WebClient c = logged_in_client(guest, account_);
  auto r = c.get(path(number));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Økonomisk oversigt"));
  EXPECT_FALSE(r.has("Redigér sag"));
  EXPECT_FALSE(r.has("Deaktiver multi"));
  EXPECT_FALSE(r.has("/handling/ny"));
  EXPECT_FALSE(r.has("/slet-sidste-handling"));
  EXPECT_TRUE(r.has("Kun sagsbehandlere og administratorer kan se adgangskoden."));
  auto password = case_portal_password(*db_, *box_, Actor{owner_}, account_, number);
  ASSERT_TRUE(password);
  EXPECT_FALSE(r.has(*password));
  EXPECT_FALSE(r.has("/portal/adgang/")) << "nor the direct link, which holds it";
  std::string v = version_of(number);
  for (const auto& [route, form] : std::vector<std::pair<std::string, web::Fields>>{
           {"/multiopfoelgning", {{"version", v}, {"on", "0"}}},
           {"/forloeb", {{"version", v}, {"track", "standard"}}},
           {"/forloeb", {{"version", v}, {"track", "fast"}}},
           {"/slet-sidste-handling", {{"version", v}}},
           {"/slet", {{"version", v}}},
       }) {
    auto res = c.post(path(number, route), form);
    EXPECT_EQ(res.status, 403) << route;
  }
  auto after = view(number);
  EXPECT_EQ(after.stored.version, std::stoll(v));
}

TEST_F(CasePageAccessTest, AnotherAccountsUserGets404OnEveryRoute) {
  int64_t number = make_example_case();
  int64_t other = make_user("mette@madsen.dk", "kodeord-1234", "Mette", "Madsen");
  int64_t other_account = make_company(other, "Madsens Maleri ApS");
  WebClient c = logged_in_client(other, other_account);
  std::string v = version_of(number);
  for (const char* route : {"", "?guide=nej", "/slet-sidste-handling", "/rediger", "/slet"})
    EXPECT_EQ(c.get(path(number, route)).status, 404) << route;
  for (const auto& [route, form] : std::vector<std::pair<std::string, web::Fields>>{
           {"/multiopfoelgning", {{"version", v}, {"on", "0"}}},
           {"/forloeb", {{"version", v}, {"track", "fast"}}},
           {"/slet-sidste-handling", {{"version", v}}},
           {"/slet", {{"version", v}}},
       })
    EXPECT_EQ(c.post(path(number, route), form).status, 404) << route;
  EXPECT_EQ(c.get("/sager/abc").status, 404);
  EXPECT_EQ(view(number).stored.version, std::stoll(v));
}

}  // namespace
}  // namespace inkasso::testing
