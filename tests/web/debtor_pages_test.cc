// The debtor pages over HTTP: find (search, type, pages), create a company or a person (and
// back to the case wizard), show with the debtor's cases, edit, the CPR number shown only to
// those allowed, and nothing of another account.
#include <soci/soci.h>

#include "tests/web/web_fixture.h"
#include "web/view_support.h"

namespace inkasso::testing {
namespace {

constexpr const char* kCpr = "010190-1234";
constexpr const char* kOtherCvr = "10000009";

class DebtorPagesTest : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    admin_ = make_user("jens@hansen.dk");
    account_ = make_company(admin_);
    handler_ = make_user("sagsbehandler@hansen.dk", "kodeord-1234", "Sara", "Sagsbehandler");
    guest_ = make_user("gaest@hansen.dk", "kodeord-1234", "Gitte", "Gæst");
    ASSERT_TRUE(attach_user(*db_, clock_, Actor{admin_}, account_, "sagsbehandler@hansen.dk",
                            Role::case_handler));
    ASSERT_TRUE(attach_user(*db_, clock_, Actor{admin_}, account_, "gaest@hansen.dk", Role::guest));
  }

  // A debtor made through the use case, as the administrator.
  int64_t debtor(DebtorKind kind, const std::string& name, const std::string& number = "",
                 int64_t account = 0, int64_t user = 0) {
    DebtorInput in;
    in.kind = kind;
    in.name = name;
    if (kind == DebtorKind::company)
      in.cvr = number.empty() ? "27355021" : number;
    else
      in.cpr = number;
    auto id = create_debtor(*db_, clock_, *box_, Actor{user ? user : admin_},
                            account ? account : account_, in);
    EXPECT_TRUE(id) << (id ? "" : id.error().message);
    return id ? *id : 0;
  }

  int64_t count_debtors() {
    soci::session sql(db_->pool());
    long long n = 0;
    sql << "SELECT COUNT(*) FROM debtors", soci::into(n);
    return n;
  }

  Debtor stored(int64_t id, bool reveal = false) {
    auto d = get_debtor(*db_, *box_, Actor{admin_}, account_, id, reveal);
    EXPECT_TRUE(d) << (d ? "" : d.error().message);
    return d ? *d : Debtor{};
  }

  // The id at the end of a redirect to /skyldnere/{id}.
  static int64_t id_of(const HttpResult& r) {
    const std::string prefix = "/skyldnere/";
    if (r.location.rfind(prefix, 0) != 0) return 0;
    return std::stoll(r.location.substr(prefix.size()));
  }

  static web::Fields company_form() {
    return {{"type", "virksomhed"},
            {"name", "Ærø Tømrer ApS"},
            {"cvr", "2735 5021"},
            {"customer_no", "K-1001"},
            {"phone", "+45 86 12 34 56"},
            {"mobile", "20 30 40 50"},
            {"email", "bogholderi@aero-tomrer.dk"},
            {"street", "Havnegade 4"},
            {"postal_code", "8000"},
            {"city", ""},
            {"note", "Ring helst før kl. 12."}};
  }

  static web::Fields with(web::Fields form, const std::string& name, const std::string& value) {
    for (auto& [k, v] : form)
      if (k == name) v = value;
    return form;
  }

  int64_t admin_ = 0, account_ = 0, handler_ = 0, guest_ = 0;
};

// ---- Find en skyldner ----

using DebtorListTest = DebtorPagesTest;

TEST_F(DebtorListTest, ListsTheDebtorsByNameWithTheirDetails) {
  debtor(DebtorKind::person, "Åse Madsen", kCpr);
  int64_t b = debtor(DebtorKind::company, "Bager Bent ApS");
  DebtorInput edit;
  edit.kind = DebtorKind::company;
  edit.name = "Bager Bent ApS";
  edit.cvr = "27355021";
  edit.customer_no = "K-77";
  edit.phone = "86123456";
  edit.email = "bent@bager.dk";
  edit.city = "Aarhus C";
  ASSERT_TRUE(update_debtor(*db_, clock_, *box_, Actor{admin_}, account_, b, edit));
  WebClient c = logged_in_client(admin_, account_);
  auto r = c.get("/skyldnere");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Find en skyldner"));
  EXPECT_TRUE(r.has("Opret skyldner"));
  EXPECT_TRUE(r.has("Viser 1–2 af 2 skyldnere"));
  // Sorted by name: B before Å (Danish order puts Å last).
  ASSERT_NE(r.body.find("Bager Bent ApS"), std::string::npos);
  EXPECT_LT(r.body.find("Bager Bent ApS"), r.body.find("Åse Madsen"));
  EXPECT_TRUE(r.has("href=\"/skyldnere/" + std::to_string(b) + "\""));
  EXPECT_TRUE(r.has("27355021"));
  EXPECT_TRUE(r.has("K-77"));
  EXPECT_TRUE(r.has("86 12 34 56"));
  EXPECT_TRUE(r.has("bent@bager.dk"));
  EXPECT_TRUE(r.has("Aarhus C"));
  EXPECT_TRUE(r.has("Virksomhed"));
  EXPECT_TRUE(r.has("Privatperson"));
  // The person's CPR number only masked.
  EXPECT_TRUE(r.has("010190-XXXX"));
  EXPECT_FALSE(r.has(kCpr));
}

TEST_F(DebtorListTest, SearchesByNameWithDanishLettersAndByCvr) {
  debtor(DebtorKind::company, "Ærø Tømrer ApS");
  debtor(DebtorKind::company, "Hansen VVS", kOtherCvr);
  WebClient c = logged_in_client(handler_, account_);
  auto r = c.get("/skyldnere?q=" + web::url_encode("ærø tøm"));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Ærø Tømrer ApS"));
  EXPECT_FALSE(r.has("Hansen VVS"));
  EXPECT_TRUE(r.has("value=\"ærø tøm\""));  // the search is kept in the box
  EXPECT_TRUE(r.has("Viser 1–1 af 1 skyldnere"));

  r = c.get(std::string("/skyldnere?q=") + kOtherCvr);
  EXPECT_TRUE(r.has("Hansen VVS"));
  EXPECT_FALSE(r.has("Ærø Tømrer ApS"));

  r = c.get("/skyldnere?q=Ingen+findes");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Ingen skyldnere matcher søgningen."));
}

TEST_F(DebtorListTest, FiltersByType) {
  debtor(DebtorKind::company, "Firma ApS");
  debtor(DebtorKind::person, "Per Person");
  WebClient c = logged_in_client(guest_, account_);
  auto r = c.get("/skyldnere?type=privatperson");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Per Person"));
  EXPECT_FALSE(r.has("Firma ApS"));
  EXPECT_TRUE(r.has("value=\"privatperson\" selected"));
  r = c.get("/skyldnere?type=virksomhed");
  EXPECT_TRUE(r.has("Firma ApS"));
  EXPECT_FALSE(r.has("Per Person"));
  r = c.get("/skyldnere?type=alle");
  EXPECT_TRUE(r.has("Firma ApS"));
  EXPECT_TRUE(r.has("Per Person"));
  // A guest reads but is offered no way to create.
  EXPECT_FALSE(r.has("href=\"/skyldnere/ny\""));
}

TEST_F(DebtorListTest, PagesOfFifty) {
  for (int i = 1; i <= 51; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "Skyldner %02d", i);
    debtor(DebtorKind::person, name);
  }
  WebClient c = logged_in_client(admin_, account_);
  auto r = c.get("/skyldnere?q=skyldner");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Viser 1–50 af 51 skyldnere"));
  EXPECT_TRUE(r.has("Skyldner 50"));
  EXPECT_FALSE(r.has("Skyldner 51"));
  EXPECT_TRUE(r.has("Side 1 af 2"));
  EXPECT_TRUE(r.has("href=\"/skyldnere?q=skyldner&amp;side=2\""));
  EXPECT_TRUE(r.has("Næste"));
  EXPECT_FALSE(r.has("Forrige"));

  r = c.get("/skyldnere?q=skyldner&side=2");
  EXPECT_TRUE(r.has("Viser 51–51 af 51 skyldnere"));
  EXPECT_TRUE(r.has("Skyldner 51"));
  EXPECT_FALSE(r.has("Skyldner 50"));
  EXPECT_TRUE(r.has("Forrige"));
  EXPECT_TRUE(r.has("href=\"/skyldnere?q=skyldner\""));

  // A page past the end shows the last one.
  r = c.get("/skyldnere?q=skyldner&side=9");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Skyldner 51"));
}

TEST_F(DebtorListTest, AnEmptyAccountInvitesToCreateTheFirstDebtor) {
  WebClient c = logged_in_client(admin_, account_);
  auto r = c.get("/skyldnere");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Du har ingen skyldnere endnu"));
}

// ---- Opret skyldner ----

using DebtorCreateTest = DebtorPagesTest;

TEST_F(DebtorCreateTest, TheKindIsChosenFirst) {
  WebClient c = logged_in_client(handler_, account_);
  auto r = c.get("/skyldnere/ny");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Opret skyldner"));
  EXPECT_TRUE(r.has("href=\"/skyldnere/ny?type=virksomhed\""));
  EXPECT_TRUE(r.has("href=\"/skyldnere/ny?type=privatperson\""));
  EXPECT_TRUE(r.has("Her oprettes kun virksomheder med CVR-nummer"));
  EXPECT_TRUE(r.has("også virksomheder uden CVR-nummer"));
  EXPECT_FALSE(r.has("name=\"name\""));  // no form before the kind is chosen

  r = c.get("/skyldnere/ny?type=virksomhed");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("name=\"cvr\""));
  EXPECT_FALSE(r.has("name=\"cpr\""));
  EXPECT_TRUE(r.has("Virksomhedens navn"));
  r = c.get("/skyldnere/ny?type=privatperson");
  EXPECT_TRUE(r.has("name=\"cpr\""));
  EXPECT_FALSE(r.has("name=\"cvr\""));
  EXPECT_TRUE(r.has("name=\"postal_code\""));
  EXPECT_TRUE(r.has("name=\"city\""));
}

TEST_F(DebtorCreateTest, ACompanyIsCreatedWithEveryDetailAndTheTownFromThePostalCode) {
  WebClient c = logged_in_client(handler_, account_);
  auto r = c.submit("/skyldnere/ny?type=virksomhed", "/skyldnere", company_form());
  ASSERT_EQ(r.status, 303) << r.body;
  const int64_t id = id_of(r);
  ASSERT_GT(id, 0) << r.location;
  const Debtor d = stored(id);
  EXPECT_EQ(d.kind, DebtorKind::company);
  EXPECT_EQ(d.name, "Ærø Tømrer ApS");
  EXPECT_EQ(d.cvr, "27355021");
  EXPECT_EQ(d.customer_no, "K-1001");
  EXPECT_EQ(d.phone, "86123456");
  EXPECT_EQ(d.mobile, "20304050");
  EXPECT_EQ(d.email, "bogholderi@aero-tomrer.dk");
  EXPECT_EQ(d.street, "Havnegade 4");
  EXPECT_EQ(d.postal_code, "8000");
  EXPECT_EQ(d.city, "Aarhus C");  // left blank: filled from the postal code
  EXPECT_EQ(d.note, "Ring helst før kl. 12.");

  auto page = c.follow(r);
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("Skyldneren er oprettet."));
  EXPECT_TRUE(page.has("Ærø Tømrer ApS"));
  EXPECT_TRUE(page.has("8000 Aarhus C"));
  EXPECT_TRUE(page.has("20 30 40 50"));
}

TEST_F(DebtorCreateTest, APersonIsCreatedWithTheCprNumberSealed) {
  WebClient c = logged_in_client(handler_, account_);
  auto r = c.submit("/skyldnere/ny?type=privatperson", "/skyldnere",
                    {{"type", "privatperson"},
                     {"name", "Søren Ørsted"},
                     {"cpr", kCpr},
                     {"postal_code", "2100"},
                     {"city", "Kbh. Ø"}});
  ASSERT_EQ(r.status, 303) << r.body;
  const Debtor d = stored(id_of(r));
  EXPECT_EQ(d.kind, DebtorKind::person);
  EXPECT_EQ(d.cpr_masked, "010190-XXXX");
  EXPECT_EQ(d.city, "Kbh. Ø");  // a town typed is kept
  EXPECT_EQ(stored(id_of(r), true).cpr, kCpr);
  auto page = c.follow(r);
  EXPECT_TRUE(page.has("010190-XXXX"));
  EXPECT_FALSE(page.has(kCpr));
}

TEST_F(DebtorCreateTest, FromTheCaseWizardItGoesBackToTheWizard) {
  WebClient c = logged_in_client(handler_, account_);
  auto form = c.get("/skyldnere/ny?til=sag");
  EXPECT_TRUE(form.has("href=\"/skyldnere/ny?type=virksomhed&amp;til=sag\""));
  form = c.get("/skyldnere/ny?type=privatperson&til=sag");
  EXPECT_TRUE(form.has("name=\"til\" value=\"sag\""));
  auto r = c.post("/skyldnere", {{"type", "privatperson"}, {"name", "Kim Kunde"}, {"til", "sag"}});
  ASSERT_EQ(r.status, 303) << r.body;
  ASSERT_EQ(count_debtors(), 1);
  soci::session sql(db_->pool());
  long long id = 0;
  sql << "SELECT id FROM debtors", soci::into(id);
  EXPECT_EQ(r.location, "/sager/ny?skyldner=" + std::to_string(id));
}

struct FieldCase {
  const char* field;
  const char* value;
  const char* message;
};

TEST_F(DebtorCreateTest, EachCompanyFieldErrorIsShownInDanishAndNothingIsStored) {
  const std::string too_long(201, 'x');
  const FieldCase cases[] = {
      {"name", "  ", "Skriv skyldnerens navn."},
      {"cvr", "", "Skriv et gyldigt CVR-nummer med 8 cifre."},
      {"cvr", "12345678", "en virksomhed uden CVR-nummer oprettes som privatperson"},
      {"phone", "12", "Skriv et dansk telefonnummer med 8 cifre"},
      {"mobile", "abc", "Skriv et dansk telefonnummer med 8 cifre"},
      {"email", "ikke-en-mail", "Skriv en gyldig e-mailadresse, fx navn@firma.dk."},
      {"postal_code", "80", "Postnummeret skal have 4 cifre."},
      {"customer_no", too_long.c_str(), "Feltet må højst have 200 tegn."},
  };
  WebClient c = logged_in_client(handler_, account_);
  c.get("/skyldnere/ny?type=virksomhed");
  for (const FieldCase& fc : cases) {
    SCOPED_TRACE(fc.field);
    auto r = c.post("/skyldnere", with(company_form(), fc.field, fc.value));
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(r.has(fc.message)) << r.body;
    EXPECT_TRUE(r.has("<p class=\"field-error\">")) << r.body;
    EXPECT_TRUE(r.has("Formularen er ikke gemt."));
    // What was typed is kept (the town filled in from the postal code too).
    if (std::string(fc.field) != "name") {
      EXPECT_TRUE(r.has("value=\"Ærø Tømrer ApS\""));
    }
    EXPECT_TRUE(r.has("value=\"Havnegade 4\""));
    EXPECT_TRUE(r.has("name=\"type\" value=\"virksomhed\""));
  }
  EXPECT_EQ(count_debtors(), 0);
}

TEST_F(DebtorCreateTest, APersonsCprErrorIsShownInDanishAndNothingIsStored) {
  WebClient c = logged_in_client(handler_, account_);
  auto r = c.submit("/skyldnere/ny?type=privatperson", "/skyldnere",
                    {{"type", "privatperson"}, {"name", "Per Person"}, {"cpr", "320190-1234"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Skriv et gyldigt CPR-nummer som DDMMÅÅ-XXXX.")) << r.body;
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  r = c.post("/skyldnere", {{"type", "privatperson"}, {"name", ""}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Skriv skyldnerens navn."));
  EXPECT_EQ(count_debtors(), 0);
}

TEST_F(DebtorCreateTest, WithoutAKindNothingIsCreated) {
  WebClient c = logged_in_client(handler_, account_);
  auto r = c.submit("/skyldnere/ny", "/skyldnere", {{"name", "Hvem ApS"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Vælg om skyldneren er en virksomhed eller en privatperson."));
  EXPECT_EQ(count_debtors(), 0);
}

TEST_F(DebtorCreateTest, AGuestCannotCreate) {
  WebClient c = logged_in_client(guest_, account_);
  auto form = c.get("/skyldnere/ny?type=virksomhed");
  EXPECT_EQ(form.status, 403);
  EXPECT_TRUE(form.has("Ingen adgang"));
  auto r = c.post("/skyldnere", company_form());
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(r.has("Gæst"));
  EXPECT_EQ(count_debtors(), 0);
}

// ---- The debtor's page ----

using DebtorViewTest = DebtorPagesTest;

TEST_F(DebtorViewTest, ShowsTheDetailsAndTheDebtorsCases) {
  const int64_t id = debtor(DebtorKind::company, "Jensen Byg ApS");
  const int64_t other = debtor(DebtorKind::company, "Anden Kunde ApS", kOtherCvr);
  // Case 1: 1.500,00 kr. due 1 October, never reminded: the first reminder is overdue today.
  NewCase first;
  first.debtor_id = id;
  first.claims.push_back(Claim{"Faktura 1001", Date::ymd(2026, 9, 17), Date::ymd(2026, 10, 1),
                               Money::from_kroner(1500)});
  auto c1 = create_case(*db_, clock_, *box_, Actor{handler_}, account_, first);
  ASSERT_TRUE(c1) << c1.error().message;
  // Case 2: 250,00 kr. of the other debtor: not on this page.
  NewCase second = first;
  second.debtor_id = other;
  second.claims[0].amount = Money::from_kroner(250);
  ASSERT_TRUE(create_case(*db_, clock_, *box_, Actor{handler_}, account_, second));
  // Case 3: 800,00 kr. of this debtor, closed today.
  NewCase third = first;
  third.claims[0].amount = Money::from_kroner(800);
  auto c3 = create_case(*db_, clock_, *box_, Actor{handler_}, account_, third);
  ASSERT_TRUE(c3);
  ASSERT_TRUE(
      close_case(*db_, clock_, Actor{handler_}, account_, c3->number, c3->version, clock_.today()));

  WebClient c = logged_in_client(guest_, account_);
  auto r = c.get("/skyldnere/" + std::to_string(id));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Jensen Byg ApS"));
  EXPECT_TRUE(r.has("27355021"));
  EXPECT_TRUE(r.has("href=\"/sager/1\""));
  EXPECT_TRUE(r.has("href=\"/sager/3\""));
  EXPECT_FALSE(r.has("href=\"/sager/2\""));
  EXPECT_FALSE(r.has("250,00 kr."));
  EXPECT_TRUE(r.has("1.500,00 kr."));
  EXPECT_TRUE(r.has("800,00 kr."));
  EXPECT_TRUE(r.has("I forløb"));
  EXPECT_TRUE(r.has("Lukket"));
  EXPECT_TRUE(r.has("Sager <span class=\"muted\">(2)</span>"));
  // The open case is due: a red row and the count above the table.
  EXPECT_TRUE(r.has("<tr class=\"due\">"));
  EXPECT_TRUE(r.has("1 sag skal følges op"));
  // A guest sees no write buttons.
  EXPECT_FALSE(r.has("/rediger"));
  EXPECT_FALSE(r.has("/sager/ny?skyldner="));

  WebClient h = logged_in_client(handler_, account_);
  r = h.get("/skyldnere/" + std::to_string(id));
  EXPECT_TRUE(r.has("href=\"/skyldnere/" + std::to_string(id) + "/rediger\""));
  EXPECT_TRUE(r.has("href=\"/sager/ny?skyldner=" + std::to_string(id) + "\""));
}

TEST_F(DebtorViewTest, TheOutstandingOfOpenCasesIsSummedFromTheCache) {
  const int64_t id = debtor(DebtorKind::company, "Jensen Byg ApS");
  NewCase in;
  in.debtor_id = id;
  in.claims.push_back(Claim{"Faktura 1", Date::ymd(2026, 11, 1), Date::ymd(2026, 11, 20),
                            Money::from_kroner(1000)});
  ASSERT_TRUE(create_case(*db_, clock_, *box_, Actor{handler_}, account_, in));
  in.claims[0].amount = Money::from_kroner(477) + Money::from_ore(50);
  ASSERT_TRUE(create_case(*db_, clock_, *box_, Actor{handler_}, account_, in));
  CaseQuery q;
  q.debtor_id = id;
  auto cases = search_cases(*db_, Actor{admin_}, account_, q);
  ASSERT_TRUE(cases);
  ASSERT_EQ(cases->items.size(), 2u);
  // 1.000,00 + 477,50 = 1.477,50 kr. of principal; the outstanding adds what the cache holds.
  const Money sum = cases->items[0].outstanding + cases->items[1].outstanding;
  WebClient c = logged_in_client(admin_, account_);
  auto r = c.get("/skyldnere/" + std::to_string(id));
  EXPECT_TRUE(r.has("1.000,00 kr."));
  EXPECT_TRUE(r.has("477,50 kr."));
  EXPECT_TRUE(r.has("Udestående på åbne sager: <strong>" + web::format_kr(sum) + "</strong>"));
}

TEST_F(DebtorViewTest, ADebtorWithoutCasesOffersToCreateOne) {
  const int64_t id = debtor(DebtorKind::person, "Per Person");
  WebClient c = logged_in_client(handler_, account_);
  auto r = c.get("/skyldnere/" + std::to_string(id));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Der er ingen sager på skyldneren endnu."));
  EXPECT_TRUE(r.has("Ikke oplyst"));
}

// ---- The CPR number ----

using DebtorCprTest = DebtorPagesTest;

TEST_F(DebtorCprTest, ACaseHandlerCanRevealIt) {
  const int64_t id = debtor(DebtorKind::person, "Åse Madsen", kCpr);
  WebClient c = logged_in_client(handler_, account_);
  auto r = c.get("/skyldnere/" + std::to_string(id));
  EXPECT_TRUE(r.has("010190-XXXX"));
  EXPECT_FALSE(r.has(kCpr));
  EXPECT_TRUE(r.has("href=\"/skyldnere/" + std::to_string(id) + "?vis_cpr=1\""));
  EXPECT_TRUE(r.has("Vis CPR-nummer"));
  r = c.get("/skyldnere/" + std::to_string(id) + "?vis_cpr=1");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has(kCpr));
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
}

TEST_F(DebtorCprTest, AGuestSeesItMaskedOnly) {
  const int64_t id = debtor(DebtorKind::person, "Åse Madsen", kCpr);
  WebClient c = logged_in_client(guest_, account_);
  auto r = c.get("/skyldnere/" + std::to_string(id));
  EXPECT_TRUE(r.has("010190-XXXX"));
  EXPECT_FALSE(r.has("Vis CPR-nummer"));
  r = c.get("/skyldnere/" + std::to_string(id) + "?vis_cpr=1");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("010190-XXXX"));
  EXPECT_FALSE(r.has(kCpr));
}

// ---- Redigér ----

using DebtorEditTest = DebtorPagesTest;

TEST_F(DebtorEditTest, TheFormIsFilledInAndAnEmptyCprKeepsTheStoredOne) {
  const int64_t id = debtor(DebtorKind::person, "Åse Madsen", kCpr);
  const std::string url = "/skyldnere/" + std::to_string(id);
  WebClient c = logged_in_client(handler_, account_);
  auto form = c.get(url + "/rediger");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("value=\"Åse Madsen\""));
  EXPECT_TRUE(form.has("Lad feltet stå tomt for at beholde det gemte CPR-nummer (010190-XXXX)."));
  EXPECT_FALSE(form.has(kCpr));
  auto r = c.post(url, {{"type", "privatperson"},
                        {"name", "Åse Madsen-Holm"},
                        {"cpr", ""},
                        {"email", "aase@holm.dk"},
                        {"postal_code", "8000"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.location, url);
  const Debtor d = stored(id, true);
  EXPECT_EQ(d.name, "Åse Madsen-Holm");
  EXPECT_EQ(d.email, "aase@holm.dk");
  EXPECT_EQ(d.city, "Aarhus C");
  EXPECT_EQ(d.cpr, kCpr);  // kept
  EXPECT_TRUE(c.follow(r).has("Skyldneren er gemt."));
}

TEST_F(DebtorEditTest, AnErrorIsShownAndNothingChanges) {
  const int64_t id = debtor(DebtorKind::company, "Jensen Byg ApS");
  const std::string url = "/skyldnere/" + std::to_string(id);
  WebClient c = logged_in_client(handler_, account_);
  auto r = c.submit(url + "/rediger", url,
                    {{"type", "virksomhed"}, {"name", "Jensen Byg A/S"}, {"cvr", "11111111"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Skriv et gyldigt CVR-nummer med 8 cifre."));
  EXPECT_TRUE(r.has("value=\"Jensen Byg A/S\""));
  EXPECT_EQ(stored(id).name, "Jensen Byg ApS");
}

TEST_F(DebtorEditTest, APersonBecomesACompanyAndLosesTheCpr) {
  const int64_t id = debtor(DebtorKind::person, "Enkeltmand", kCpr);
  const std::string url = "/skyldnere/" + std::to_string(id);
  WebClient c = logged_in_client(admin_, account_);
  auto form = c.get(url + "/rediger?type=virksomhed");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("name=\"cvr\""));
  EXPECT_TRUE(form.has("slettes CPR-nummeret"));
  auto r = c.post(url, {{"type", "virksomhed"}, {"name", "Enkeltmand ApS"}, {"cvr", kOtherCvr}});
  ASSERT_EQ(r.status, 303) << r.body;
  const Debtor d = stored(id, true);
  EXPECT_EQ(d.kind, DebtorKind::company);
  EXPECT_EQ(d.cvr, kOtherCvr);
  EXPECT_EQ(d.cpr_masked, "");
}

TEST_F(DebtorEditTest, AGuestCannotEdit) {
  const int64_t id = debtor(DebtorKind::company, "Jensen Byg ApS");
  const std::string url = "/skyldnere/" + std::to_string(id);
  WebClient c = logged_in_client(guest_, account_);
  EXPECT_EQ(c.get(url + "/rediger").status, 403);
  auto r = c.post(url, {{"type", "virksomhed"}, {"name", "Overtaget"}, {"cvr", "27355021"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(stored(id).name, "Jensen Byg ApS");
}

// ---- Another account ----

using DebtorAccessTest = DebtorPagesTest;

TEST_F(DebtorAccessTest, AnotherAccountsDebtorsDoNotExist) {
  const int64_t id = debtor(DebtorKind::person, "Åse Madsen", kCpr);
  const std::string url = "/skyldnere/" + std::to_string(id);
  const int64_t other_user = make_user("anden@firma.dk", "kodeord-1234", "Anne", "Anden");
  const int64_t other_account = make_company(other_user, "Andet Firma ApS");
  debtor(DebtorKind::company, "Egen Kunde ApS", "", other_account, other_user);
  WebClient c = logged_in_client(other_user, other_account);
  auto r = c.get(url);
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(r.has("Siden findes ikke"));
  EXPECT_EQ(c.get(url + "?vis_cpr=1").status, 404);
  EXPECT_EQ(c.get(url + "/rediger").status, 404);
  r = c.post(url, {{"type", "privatperson"}, {"name", "Overtaget"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(stored(id).name, "Åse Madsen");
  auto list = c.get("/skyldnere");
  EXPECT_TRUE(list.has("Egen Kunde ApS"));
  EXPECT_FALSE(list.has("Åse Madsen"));
  EXPECT_EQ(c.get("/skyldnere/abc").status, 404);
  EXPECT_EQ(c.get("/skyldnere/0/rediger").status, 404);
}

}  // namespace
}  // namespace inkasso::testing
