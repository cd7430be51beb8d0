// The create-case wizard (/sager/ny) over HTTP, as a browser without JavaScript uses it: each
// step posts the visible fields plus the hidden ones the page carried.
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

std::string html_unescape(std::string s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : kEntities)
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + 1))
      s.replace(pos, std::string_view(from).size(), to);
  return s;
}

// The hidden inputs of the wizard's form (not the CSRF token: the client adds that).
web::Fields hidden_fields(const HttpResult& page) {
  static const std::regex input(R"re(<input type="hidden" name="([^"]+)" value="([^"]*)">)re");
  web::Fields out;
  for (auto it = std::sregex_iterator(page.body.begin(), page.body.end(), input);
       it != std::sregex_iterator(); ++it)
    if ((*it)[1] != "csrf") out.emplace_back((*it)[1], html_unescape((*it)[2]));
  return out;
}

class CaseWizardTest : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    user_ = make_user("jens@hansen.dk");
    account_ = make_company(user_);
  }

  int64_t debtor(const std::string& name, DebtorKind kind = DebtorKind::person, int64_t account = 0,
                 int64_t user = 0) {
    DebtorInput in;
    in.kind = kind;
    in.name = name;
    if (kind == DebtorKind::company) in.cvr = "27355021";
    auto id = create_debtor(*db_, clock_, *box_, Actor{user ? user : user_},
                            account ? account : account_, in);
    EXPECT_TRUE(id) << (id ? "" : id.error().message);
    return id ? *id : 0;
  }

  // Presses `action` on `page`: its hidden fields, then `fields` typed on the visible step.
  static HttpResult press(WebClient& c, const HttpResult& page, const std::string& action,
                          web::Fields fields = {}) {
    web::Fields form = hidden_fields(page);
    for (auto& f : fields) form.push_back(std::move(f));
    form.emplace_back("handling", action);
    return c.post("/sager/ny", std::move(form));
  }

  int64_t case_count(int64_t account) {
    CaseQuery q;
    auto page = search_cases(*db_, Actor{user_}, account, q);
    return page ? page->total : -1;
  }

  static web::Fields claim(size_t i, std::string ref, std::string invoice, std::string due,
                           std::string amount) {
    std::string p = "claim_" + std::to_string(i) + "_";
    return {{p + "ref", std::move(ref)},
            {p + "invoice_date", std::move(invoice)},
            {p + "due_date", std::move(due)},
            {p + "amount", std::move(amount)}};
  }

  static web::Fields join(web::Fields a, const web::Fields& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  }

  // Steps 1-3 filled with one claim and nothing else: the page of step 4.
  HttpResult at_step_four(WebClient& c, int64_t debtor_id, web::Fields reminders = {}) {
    auto page = c.get("/sager/ny?skyldner=" + std::to_string(debtor_id));
    page = press(c, page, "naeste", claim(0, "Faktura 1001", "2026-10-01", "2026-10-15", "2000"));
    EXPECT_EQ(page.status, 200);
    page = press(c, page, "naeste");
    EXPECT_EQ(page.status, 200);
    if (!reminders.empty()) {
      page = press(c, page, "tilfoej_rykker");
      page = press(c, page, "naeste", reminders);
    } else {
      page = press(c, page, "naeste");
    }
    EXPECT_EQ(page.status, 200) << page.body;
    return page;
  }

  int64_t user_ = 0;
  int64_t account_ = 0;
};

TEST_F(CaseWizardTest, StepZeroFindsTheDebtorAndOffersANewOne) {
  debtor("Anders And");
  debtor("Ole Olsen");
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get("/sager/ny");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Opret sag"));
  EXPECT_TRUE(r.has(R"(href="/skyldnere/ny?til=sag")"));
  EXPECT_TRUE(r.has("Anders And"));
  EXPECT_TRUE(r.has("Ole Olsen"));
  r = c.get("/sager/ny?soeg=ander");
  EXPECT_TRUE(r.has("Anders And"));
  EXPECT_FALSE(r.has("Ole Olsen"));
  EXPECT_TRUE(r.has(R"(href="/sager/ny?skyldner=1")"));
}

TEST_F(CaseWizardTest, AnAccountWithoutDebtorsIsToldToCreateOne) {
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get("/sager/ny");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Du har ingen skyldnere endnu"));
}

TEST_F(CaseWizardTest, CreatesACaseWithClaimsAPaymentAReminderAndTheTrack) {
  int64_t anders = debtor("Anders And");
  WebClient c = logged_in_client(user_, account_);
  auto page = c.get("/sager/ny?skyldner=" + std::to_string(anders));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("Anders And"));
  EXPECT_TRUE(page.has("Gælden vedrører"));
  EXPECT_TRUE(page.has("Opkrævningsdato"));
  EXPECT_TRUE(page.has(R"(aria-current="step">Gæld)"));

  // Step 1: two claims; "Tilføj gæld" re-renders with one more row and keeps the first.
  page = press(c, page, "tilfoej_gaeld",
               claim(0, "Faktura 1234", "01-10-2026", "2026-10-15", "1.477,50"));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has(R"(name="claim_1_ref")"));
  EXPECT_TRUE(page.has(R"(value="Faktura 1234")"));
  EXPECT_TRUE(page.has(R"(value="2026-10-01")"));  // the Danish date, now as the date field wants
  page = press(c, page, "naeste",
               join(claim(0, "Faktura 1234", "2026-10-01", "2026-10-15", "1.477,50"),
                    claim(1, "Faktura 1240", "2026-10-10", "2026-10-24", "522,50")));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(page.has(R"(aria-current="step">Betalinger)"));
  EXPECT_TRUE(page.has("Ingen betalinger"));

  // Step 2: one payment.
  page = press(c, page, "tilfoej_betaling");
  EXPECT_TRUE(page.has(R"(name="payment_0_date")"));
  page = press(c, page, "naeste", {{"payment_0_date", "2026-11-02"}, {"payment_0_amount", "200"}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(page.has(R"(aria-current="step">Rykkere)"));
  EXPECT_FALSE(page.has("Kompensationsbeløb"));  // a private debtor: never

  // Step 3: one reminder, sent as a collection notice.
  page = press(c, page, "tilfoej_rykker");
  page = press(c, page, "naeste",
               {{"reminder_0_fee", "100,00"},
                {"reminder_0_date", "2026-10-20"},
                {"reminder_0_notice", "1"}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(page.has(R"(aria-current="step">Sagsforløb)"));
  // Step 4: the manual's three tracks, Standard preselected, batch follow-up on.
  EXPECT_TRUE(page.has("Mest muligt inden retten"));
  EXPECT_TRUE(page.has("Hurtigt til retten"));
  EXPECT_TRUE(page.has(R"(value="standard" checked)"));
  EXPECT_TRUE(page.has("forslag om betalingsaftale og retten til ordinær tid"));
  EXPECT_TRUE(page.has(R"(name="batch_follow_up" value="1" checked)"));
  // The summary: 1.477,50 + 522,50 = 2.000,00 kr.
  EXPECT_TRUE(page.has("2.000,00 kr.")) << page.body;
  EXPECT_FALSE(page.has("Nogle gebyrer er højere"));

  auto done = press(c, page, "opret", {{"track", "fast"}, {"step4_seen", "1"}});
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.location, "/sager/1");
  EXPECT_NE(done.header("Set-Cookie").find("flash.wizard_created"), std::string::npos);

  auto stored = get_case(*db_, clock_, Actor{user_}, account_, 1);
  ASSERT_TRUE(stored) << stored.error().message;
  const CaseHistory& h = stored->stored.history;
  ASSERT_EQ(h.claims.size(), 2u);
  EXPECT_EQ(h.claims[0].ref, "Faktura 1234");
  EXPECT_EQ(h.claims[0].invoice_date, Date::ymd(2026, 10, 1));
  EXPECT_EQ(h.claims[0].due_date, Date::ymd(2026, 10, 15));
  EXPECT_EQ(h.claims[0].amount, Money::from_ore(147750));
  EXPECT_EQ(h.claims[1].amount, Money::from_ore(52250));
  ASSERT_EQ(h.payments.size(), 1u);
  EXPECT_EQ(h.payments[0].date, Date::ymd(2026, 11, 2));
  EXPECT_EQ(h.payments[0].amount, Money::from_kroner(200));
  ASSERT_EQ(h.actions.size(), 1u);
  EXPECT_EQ(h.actions[0].type, ActionType::collection_notice);
  EXPECT_EQ(h.actions[0].fee, Money::from_kroner(100));
  EXPECT_EQ(h.track, Track::fast);
  EXPECT_FALSE(stored->stored.batch_follow_up);  // the box was left unchecked
  EXPECT_EQ(stored->stored.debtor_id, anders);
}

TEST_F(CaseWizardTest, StepOneErrorsAreDanishBesideTheFieldsAndKeepWhatWasTyped) {
  int64_t anders = debtor("Anders And");
  WebClient c = logged_in_client(user_, account_);
  auto page = c.get("/sager/ny?skyldner=" + std::to_string(anders));
  auto r = press(c, page, "naeste", claim(0, "", "2026-10-15", "2026-10-01", "mange penge"));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Ret de markerede felter"));
  EXPECT_TRUE(r.has("Skriv, hvad gælden vedrører, f.eks. fakturanummeret."));
  EXPECT_TRUE(r.has("Forfaldsdatoen kan ikke ligge før opkrævningsdatoen."));
  EXPECT_TRUE(r.has("Skriv beløbet i kroner, f.eks. 1.500,00."));
  EXPECT_TRUE(r.has(R"(value="mange penge")"));
  EXPECT_TRUE(r.has(R"(value="2026-10-15")"));
  EXPECT_TRUE(r.has(R"(aria-current="step">Gæld)"));  // still step 1

  r = press(c, page, "naeste", claim(0, "Faktura 1", "2026-12-01", "2026-12-15", "0"));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Opkrævningsdatoen kan ikke ligge efter i dag."));
  EXPECT_TRUE(r.has("Beløbet skal være større end 0,00 kr."));

  r = press(c, page, "naeste", claim(0, "Faktura 1", "32-10-2026", "", "100"));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Datoen findes ikke."));
  EXPECT_TRUE(r.has("Skriv en dato."));
  EXPECT_TRUE(r.has(R"(value="32-10-2026")"));
  EXPECT_EQ(case_count(account_), 0);
}

TEST_F(CaseWizardTest, StepTwoAndThreeErrorsKeepTheEarlierSteps) {
  int64_t anders = debtor("Anders And");
  WebClient c = logged_in_client(user_, account_);
  auto page = c.get("/sager/ny?skyldner=" + std::to_string(anders));
  page = press(c, page, "naeste", claim(0, "Faktura 77", "2026-10-01", "2026-10-15", "900"));
  page = press(c, page, "tilfoej_betaling");
  auto r = press(c, page, "naeste", {{"payment_0_date", "2026-12-24"}, {"payment_0_amount", "-"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("En modtaget betaling kan ikke være dateret efter i dag."));
  EXPECT_TRUE(r.has("Skriv beløbet i kroner"));
  EXPECT_TRUE(r.has(R"(value="2026-12-24")"));
  // Step 1's values still ride along.
  EXPECT_TRUE(r.has(R"(name="claim_0_ref" value="Faktura 77")"));

  // A row left blank is dropped: the step may have no payments.
  page = press(c, r, "naeste", {{"payment_0_date", ""}, {"payment_0_amount", ""}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(page.has(R"(aria-current="step">Rykkere)"));
  EXPECT_TRUE(page.has(R"(name="payment_count" value="0")"));

  page = press(c, page, "tilfoej_rykker");
  r = press(c, page, "naeste", {{"reminder_0_fee", ""}, {"reminder_0_date", "2026-11-30"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Skriv et beløb."));
  EXPECT_TRUE(r.has("En sendt rykker kan ikke være dateret efter i dag."));
  EXPECT_TRUE(r.has(R"(name="claim_0_amount" value="900")"));
  EXPECT_EQ(case_count(account_), 0);
}

TEST_F(CaseWizardTest, BackAndTheStepIndicatorKeepWhatWasTyped) {
  int64_t anders = debtor("Anders And");
  WebClient c = logged_in_client(user_, account_);
  auto page = c.get("/sager/ny?skyldner=" + std::to_string(anders));
  page = press(c, page, "naeste", claim(0, "Faktura 5", "2026-10-01", "2026-10-15", "1.250,00"));
  page = press(c, page, "tilfoej_betaling");
  // Back from step 2 with a half-typed payment: step 1 shows the claim, the payment rides along.
  auto back =
      press(c, page, "tilbage", {{"payment_0_date", "2026-11-01"}, {"payment_0_amount", ""}});
  ASSERT_EQ(back.status, 200);
  EXPECT_TRUE(back.has(R"(aria-current="step">Gæld)"));
  EXPECT_TRUE(back.has(R"(value="Faktura 5")"));
  EXPECT_TRUE(back.has(R"(value="1.250,00")"));
  EXPECT_TRUE(back.has(R"(name="payment_0_date" value="2026-11-01")"));
  // Forward again: the payment row is there as typed.
  auto again =
      press(c, back, "naeste", claim(0, "Faktura 5", "2026-10-01", "2026-10-15", "1.250,00"));
  EXPECT_TRUE(again.has(R"(name="payment_0_date" value="2026-11-01")"));

  // From step 4, the indicator's "Gæld" goes straight back to step 1.
  auto four = at_step_four(c, anders);
  auto one = press(c, four, "trin:1", {{"track", "gentle"}, {"step4_seen", "1"}});
  EXPECT_TRUE(one.has(R"(aria-current="step">Gæld)"));
  EXPECT_TRUE(one.has(R"(name="track" value="gentle")"));
  EXPECT_TRUE(one.has(R"(name="step4_seen" value="1")"));
  EXPECT_FALSE(one.has(R"(name="batch_follow_up")"));  // unchecked stays unchecked
}

TEST_F(CaseWizardTest, RemovingARowKeepsTheOthers) {
  int64_t anders = debtor("Anders And");
  WebClient c = logged_in_client(user_, account_);
  auto page = c.get("/sager/ny?skyldner=" + std::to_string(anders));
  page = press(c, page, "tilfoej_gaeld", claim(0, "Faktura A", "2026-10-01", "2026-10-15", "100"));
  page = press(c, page, "fjern_gaeld:0",
               join(claim(0, "Faktura A", "2026-10-01", "2026-10-15", "100"),
                    claim(1, "Faktura B", "2026-10-02", "2026-10-16", "200")));
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(page.has("Faktura A"));
  EXPECT_TRUE(page.has(R"(name="claim_0_ref" value="Faktura B")"));
  EXPECT_FALSE(page.has(R"(name="claim_1_ref")"));
  // The last claim cannot be removed.
  EXPECT_FALSE(page.has("fjern_gaeld:0"));
}

TEST_F(CaseWizardTest, StepFourRefusesAnUnknownTrack) {
  int64_t anders = debtor("Anders And");
  WebClient c = logged_in_client(user_, account_);
  auto page = at_step_four(c, anders);
  auto r = press(c, page, "opret", {{"track", "langsom"}, {"step4_seen", "1"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Vælg et forløb."));
  EXPECT_EQ(case_count(account_), 0);
}

TEST_F(CaseWizardTest, FeesOverTheLawAreShownBeforeCreatingAndReported) {
  int64_t firma = debtor("Andersen Byg ApS", DebtorKind::company);
  WebClient c = logged_in_client(user_, account_);
  auto page = c.get("/sager/ny?skyldner=" + std::to_string(firma));
  page = press(c, page, "naeste", claim(0, "Faktura 1001", "2026-10-01", "2026-10-15", "2000"));
  page = press(c, page, "naeste");
  page = press(c, page, "tilfoej_rykker");
  EXPECT_TRUE(page.has("Kompensationsbeløb"));  // a business debtor may owe it
  page = press(c, page, "naeste",
               {{"reminder_0_fee", "250,00"},
                {"reminder_0_date", "2026-10-20"},
                {"reminder_0_compensation", "1"}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(page.has("Nogle gebyrer er højere, end loven tillader"));
  EXPECT_TRUE(page.has("Rykker nr. 1 (20-10-2026)"));
  EXPECT_TRUE(page.has("250,00 kr. er sat ned til 100,00 kr.")) << page.body;

  auto done = press(c, page, "opret",
                    {{"track", "standard"}, {"step4_seen", "1"}, {"batch_follow_up", "1"}});
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_NE(done.header("Set-Cookie").find("flash.wizard_created_adjusted"), std::string::npos);
  auto stored = get_case(*db_, clock_, Actor{user_}, account_, 1);
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->stored.history.actions.size(), 1u);
  EXPECT_TRUE(stored->stored.history.actions[0].compensation);
  EXPECT_TRUE(stored->stored.batch_follow_up);
  EXPECT_FALSE(stored->state.adjustments.empty());
}

TEST_F(CaseWizardTest, RefusesADebtorOfAnotherAccount) {
  int64_t other_user = make_user("mette@madsen.dk");
  int64_t other_account = make_company(other_user, "Madsens Maling ApS");
  int64_t theirs = debtor("Fremmed Skyldner", DebtorKind::person, other_account, other_user);
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get("/sager/ny?skyldner=" + std::to_string(theirs));
  EXPECT_EQ(r.status, 404);
  EXPECT_FALSE(r.has("Fremmed Skyldner"));
  EXPECT_EQ(c.get("/sager/ny?skyldner=abc").status, 404);

  web::Fields form = join(claim(0, "Faktura 1", "2026-10-01", "2026-10-15", "100"),
                          {{"skyldner", std::to_string(theirs)},
                           {"trin", "4"},
                           {"claim_count", "1"},
                           {"track", "standard"},
                           {"handling", "opret"}});
  r = c.post("/sager/ny", form);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(case_count(account_), 0);
  CaseQuery q;
  EXPECT_EQ(search_cases(*db_, Actor{other_user}, other_account, q)->total, 0);
}

TEST_F(CaseWizardTest, AGuestCannotCreateACase) {
  int64_t anders = debtor("Anders And");
  int64_t guest = make_user("gaest@hansen.dk");
  ASSERT_TRUE(attach_user(*db_, clock_, Actor{user_}, account_, "gaest@hansen.dk", Role::guest));
  WebClient c = logged_in_client(guest, account_);
  auto r = c.get("/sager/ny");
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(r.has("Ingen adgang"));
  EXPECT_EQ(c.get("/sager/ny?skyldner=" + std::to_string(anders)).status, 403);
  web::Fields form = join(claim(0, "Faktura 1", "2026-10-01", "2026-10-15", "100"),
                          {{"skyldner", std::to_string(anders)},
                           {"trin", "4"},
                           {"claim_count", "1"},
                           {"track", "standard"},
                           {"handling", "opret"}});
  r = c.post("/sager/ny", form);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(case_count(account_), 0);
}

TEST_F(CaseWizardTest, TamperedHiddenFieldsAreValidatedAgainOnCreate) {
  int64_t anders = debtor("Anders And");
  WebClient c = logged_in_client(user_, account_);
  c.get("/sager/ny?skyldner=" + std::to_string(anders));
  // Step 1's values as hidden fields, but invalid: the create goes back to step 1.
  web::Fields form = join(claim(0, "Faktura 1", "2026-10-01", "2026-10-15", "0"),
                          {{"skyldner", std::to_string(anders)},
                           {"trin", "4"},
                           {"claim_count", "1"},
                           {"track", "standard"},
                           {"handling", "opret"}});
  auto r = c.post("/sager/ny", form);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has(R"(aria-current="step">Gæld)"));
  EXPECT_TRUE(r.has("Beløbet skal være større end 0,00 kr."));
  EXPECT_EQ(case_count(account_), 0);
}

}  // namespace
}  // namespace inkasso::testing
