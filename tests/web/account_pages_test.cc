// The account pages over HTTP: choosing and creating accounts, the postal code lookup, master
// data and case defaults, the account's users and the user's own settings, with the roles'
// refusals and another account's ids answering 404.
#include "tests/web/web_fixture.h"
#include "web/postal_codes.h"

namespace inkasso::testing {
namespace {

class AccountTest : public WebTest {
 protected:
  // The company form of "Opret konto", valid; `changes` replace fields.
  static web::Fields company_form(web::Fields changes = {}) {
    web::Fields f{{"name", "Madsens Maling ApS"}, {"cvr", "2735 5021"},
                  {"email", "post@madsen.dk"},    {"phone", "87 65 43 21"},
                  {"vat_registered", "1"},        {"street", "Torvet 2"},
                  {"postal_code", "8000"},        {"city", ""},
                  {"bank_name", "Jyske Bank"},    {"reg_no", "7890"},
                  {"account_no", "0001234567"},   {"fi_creditor_no", ""}};
    for (const auto& [name, value] : changes)
      for (auto& field : f)
        if (field.first == name) field.second = value;
    return f;
  }

  Account account_of(int64_t user, int64_t account) {
    auto a = get_account(*db_, Actor{user}, account);
    EXPECT_TRUE(a) << (a ? "" : a.error().message);
    return a ? *a : Account{};
  }

  void attach(int64_t admin, int64_t account, const std::string& email, Role role) {
    auto r = attach_user(*db_, clock_, Actor{admin}, account, email, role);
    ASSERT_TRUE(r) << r.error().message;
  }
};

using AccountSwitchTest = AccountTest;
using AccountCreateTest = AccountTest;
using AccountPostalTest = AccountTest;
using AccountSettingsTest = AccountTest;
using AccountMembersTest = AccountTest;
using AccountUserTest = AccountTest;

// ---- Vælg konto

TEST_F(AccountSwitchTest, ListsTheUsersAccountsWithCvrAndRole) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t first = make_company(jens, "Hansens Tømrer ApS");
  int64_t mette = make_user("mette@madsen.dk", "kodeord-1234", "Mette", "Madsen");
  int64_t second = make_company(mette, "Madsens Maling ApS");
  attach(mette, second, "jens@hansen.dk", Role::guest);
  WebClient c = logged_in_client(jens, first);
  auto r = c.get("/konto/vaelg");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Vælg konto"));
  EXPECT_TRUE(r.has("Hansens Tømrer ApS"));
  EXPECT_TRUE(r.has("Madsens Maling ApS"));
  EXPECT_TRUE(r.has("CVR 27355021"));
  EXPECT_TRUE(r.has("Gæst"));
  EXPECT_TRUE(r.has("Du arbejder i denne konto nu"));
}

TEST_F(AccountSwitchTest, SwitchingSetsTheSessionsAccount) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t first = make_company(jens, "Hansens Tømrer ApS");
  int64_t mette = make_user("mette@madsen.dk", "kodeord-1234", "Mette", "Madsen");
  int64_t second = make_company(mette, "Madsens Maling ApS");
  attach(mette, second, "jens@hansen.dk", Role::case_handler);
  WebClient c = logged_in_client(jens, first);
  auto r = c.submit("/konto/vaelg", "/konto/vaelg", {{"account_id", std::to_string(second)}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/");
  auto home = c.follow(r);
  EXPECT_EQ(home.status, 200);
  EXPECT_TRUE(home.has("Du arbejder nu i den valgte konto."));
  EXPECT_TRUE(home.has("<span class=\"account-name\">Madsens Maling ApS</span>"));
  EXPECT_TRUE(home.has("Sagsbehandler"));
}

TEST_F(AccountSwitchTest, AnAccountNotTheUsersAnswers404AndChangesNothing) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t first = make_company(jens, "Hansens Tømrer ApS");
  int64_t mette = make_user("mette@madsen.dk");
  int64_t other = make_company(mette, "Madsens Maling ApS");
  WebClient c = logged_in_client(jens, first);
  auto r = c.submit("/konto/vaelg", "/konto/vaelg", {{"account_id", std::to_string(other)}});
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(r.has("Siden findes ikke"));
  EXPECT_EQ(c.post("/konto/vaelg", {{"account_id", "999999"}}).status, 404);
  EXPECT_EQ(c.post("/konto/vaelg", {{"account_id", "abc"}}).status, 404);
  EXPECT_TRUE(c.get("/").has("<span class=\"account-name\">Hansens Tømrer ApS</span>"));
}

TEST_F(AccountSwitchTest, WithoutAccountsTheUserIsSentToCreateOne) {
  int64_t jens = make_user("jens@hansen.dk");
  WebClient c = logged_in_client(jens, std::nullopt);
  auto r = c.get("/konto/vaelg");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/konto/opret");
}

TEST_F(AccountSwitchTest, TheAccountMenuShowsTheAccountAndRole) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  WebClient c = logged_in_client(jens, account);
  auto r = c.get("/konto");
  EXPECT_EQ(r.status, 200);
  for (const char* text : {"Min bruger", "Stamdata", "Tilknyttede brugere", "Opret konto",
                           "Skift konto", "Hansens Tømrer ApS", "Administrator"})
    EXPECT_TRUE(r.has(text)) << text;
  // A guest is not shown the users' page, which would refuse them.
  int64_t guest = make_user("gaest@hansen.dk");
  attach(jens, account, "gaest@hansen.dk", Role::guest);
  WebClient g = logged_in_client(guest, account);
  r = g.get("/konto");
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(r.has("href=\"/konto/brugere\""));
  EXPECT_TRUE(r.has("Kun kontoens administratorer kan se og tilknytte brugere."));
}

// ---- Opret konto

TEST_F(AccountCreateTest, TheChoicePageOffersTheThreeKinds) {
  int64_t jens = make_user("jens@hansen.dk");
  WebClient c = logged_in_client(jens, std::nullopt);
  auto r = c.get("/konto/opret");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Virksomhed"));
  EXPECT_TRUE(r.has("Privat person"));
  EXPECT_TRUE(r.has("Min virksomhed er allerede oprettet"));
  EXPECT_TRUE(r.has("href=\"/konto/opret/tilknyt\""));
}

TEST_F(AccountCreateTest, ACompanyAccountIsCreatedAndChosenWithTheTownFromThePostalCode) {
  int64_t jens = make_user("jens@hansen.dk");
  WebClient c = logged_in_client(jens, std::nullopt);
  auto form = c.get("/konto/opret/virksomhed");
  EXPECT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("Opret virksomhedskonto"));
  EXPECT_TRUE(form.has("value=\"jens@hansen.dk\""));  // the user's e-mail to begin with
  auto r = c.post("/konto/opret/virksomhed", company_form());
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.location, "/");
  auto home = c.follow(r);
  EXPECT_TRUE(home.has("Kontoen er oprettet."));
  EXPECT_TRUE(home.has("<span class=\"account-name\">Madsens Maling ApS</span>"));

  auto accounts = list_accounts_of_user(*db_, Actor{jens});
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0].role, Role::administrator);
  Account a = account_of(jens, accounts[0].id);
  EXPECT_EQ(a.kind, AccountKind::company);
  EXPECT_EQ(a.cvr, "27355021");
  EXPECT_EQ(a.city, "Aarhus C");  // filled in on the server: the form's town was blank
  EXPECT_TRUE(a.vat_registered);
  EXPECT_EQ(a.reg_no, "7890");
}

TEST_F(AccountCreateTest, AnInvalidCvrIsShownBesideTheFieldAndNothingIsCreated) {
  int64_t jens = make_user("jens@hansen.dk");
  WebClient c = logged_in_client(jens, std::nullopt);
  auto r = c.submit("/konto/opret/virksomhed", "/konto/opret/virksomhed",
                    company_form({{"cvr", "12345678"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("CVR-nummeret er ikke gyldigt. Det skal være 8 cifre."));
  EXPECT_TRUE(r.has("value=\"Madsens Maling ApS\""));  // what was typed is kept
  EXPECT_TRUE(r.has("value=\"Aarhus C\""));            // and the town found
  EXPECT_TRUE(list_accounts_of_user(*db_, Actor{jens}).empty());

  r = c.post("/konto/opret/virksomhed", company_form({{"postal_code", "80"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Postnummeret skal være 4 cifre."));
}

TEST_F(AccountCreateTest, APrivateAccountIsCreated) {
  int64_t jens = make_user("jens@hansen.dk");
  WebClient c = logged_in_client(jens, std::nullopt);
  auto form = c.get("/konto/opret/privat");
  EXPECT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("Opret privat konto"));
  EXPECT_FALSE(form.has("name=\"cvr\""));
  auto r = c.post("/konto/opret/privat", {{"name", "Jens Hansen"},
                                          {"email", "jens@hansen.dk"},
                                          {"phone", "12345678"},
                                          {"street", "Søvej 3"},
                                          {"postal_code", "5000"},
                                          {"city", "Odense"},
                                          {"bank_name", "Lunar"},
                                          {"reg_no", "6695"},
                                          {"account_no", "2000123"}});
  ASSERT_EQ(r.status, 303) << r.body;
  auto accounts = list_accounts_of_user(*db_, Actor{jens});
  ASSERT_EQ(accounts.size(), 1u);
  Account a = account_of(jens, accounts[0].id);
  EXPECT_EQ(a.kind, AccountKind::person);
  EXPECT_EQ(a.city, "Odense");  // a town typed is kept as typed
  EXPECT_TRUE(a.cvr.empty());
}

TEST_F(AccountCreateTest, APrivateAccountErrorIsDanish) {
  int64_t jens = make_user("jens@hansen.dk");
  WebClient c = logged_in_client(jens, std::nullopt);
  auto r = c.submit("/konto/opret/privat", "/konto/opret/privat",
                    {{"name", "Jens Hansen"}, {"email", "ikke-en-mail"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Skriv en gyldig e-mailadresse."));
}

TEST_F(AccountCreateTest, JoiningExplainsThatTheAdministratorAttachesTheUsersEmail) {
  int64_t jens = make_user("jens@hansen.dk");
  WebClient c = logged_in_client(jens, std::nullopt);
  auto r = c.get("/konto/opret/tilknyt");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("jens@hansen.dk"));
  EXPECT_TRUE(r.has("administrator"));
  EXPECT_TRUE(r.has("Kan kun se sager."));
}

// ---- Postal codes

// A plain test, not a WebTest: a fixture whose server is stopped before it ever served a request
// can hang in TearDown (the server thread may not be listening yet).
TEST(AccountPostalCodesTest, TheTableKnowsDanishPostalCodes) {
  EXPECT_EQ(web::town_for_postal_code("8000"), "Aarhus C");
  EXPECT_EQ(web::town_for_postal_code("1050"), "København K");
  EXPECT_EQ(web::town_for_postal_code("0800"), "Høje Taastrup");
  EXPECT_EQ(web::town_for_postal_code("0000"), std::nullopt);
  EXPECT_EQ(web::town_for_postal_code("800"), std::nullopt);
  EXPECT_EQ(web::town_for_postal_code("80000"), std::nullopt);
  EXPECT_EQ(web::town_for_postal_code("POSTNR"), std::nullopt);
}

TEST_F(AccountPostalTest, TheLookupAnswersJsonWithoutALogin) {
  WebClient c = client();
  auto r = c.get("/postnumre/8000");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(r.body, R"({"postal_code":"8000","town":"Aarhus C"})");
  EXPECT_EQ(c.get("/postnumre/0000").status, 404);
  EXPECT_EQ(c.get("/postnumre/abcd").status, 404);
}

TEST_F(AccountPostalTest, TheScriptFillsTheTown) {
  auto js = client().get("/static/app.js");
  EXPECT_TRUE(js.has("/postnumre/"));
}

// ---- Stamdata, standarder, skyldnerportalen

TEST_F(AccountSettingsTest, TheAdministratorSeesTheFormsWithTheCvrReadOnly) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  WebClient c = logged_in_client(jens, account);
  auto r = c.get("/konto/stamdata");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Stamdata"));
  EXPECT_TRUE(r.has("name=\"cvr\" inputmode=\"numeric\" readonly value=\"27355021\""));
  EXPECT_TRUE(r.has("CVR-nummeret kan ikke ændres"));
  EXPECT_TRUE(r.has("Standard (anbefalet)"));
  EXPECT_TRUE(r.has("Hurtigt til retten"));
  EXPECT_TRUE(r.has("Mest muligt inden retten"));
  EXPECT_TRUE(r.has("value=\"200,00\""));  // the portal's smallest instalment
  EXPECT_TRUE(r.has("value=\"12\""));
}

TEST_F(AccountSettingsTest, MasterDataAreSaved) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  WebClient c = logged_in_client(jens, account);
  auto r = c.submit("/konto/stamdata", "/konto/stamdata",
                    company_form({{"name", "Hansens Tømrer og Snedker ApS"},
                                  {"postal_code", "5000"},
                                  {"fi_creditor_no", "8765 4321"}}));
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.location, "/konto/stamdata");
  EXPECT_TRUE(c.follow(r).has("Ændringerne er gemt."));
  Account a = account_of(jens, account);
  EXPECT_EQ(a.name, "Hansens Tømrer og Snedker ApS");
  EXPECT_EQ(a.city, "Odense C");
  EXPECT_EQ(a.fi_creditor_no, "87654321");
  EXPECT_EQ(a.cvr, "27355021");
}

TEST_F(AccountSettingsTest, TheCvrCannotBeChanged) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  WebClient c = logged_in_client(jens, account);
  auto r = c.submit("/konto/stamdata", "/konto/stamdata",
                    company_form({{"cvr", "12345674"}, {"name", "Nyt navn"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("CVR-nummeret kan ikke ændres, når kontoen er oprettet."));
  EXPECT_TRUE(r.has("value=\"27355021\""));  // the stored CVR is shown again
  EXPECT_EQ(account_of(jens, account).name, "Hansens Tømrer ApS");
}

TEST_F(AccountSettingsTest, AMasterDataErrorKeepsWhatWasTyped) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  WebClient c = logged_in_client(jens, account);
  auto r = c.submit("/konto/stamdata", "/konto/stamdata",
                    company_form({{"name", "Nyt navn"}, {"reg_no", "12"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Registreringsnummeret skal være 4 cifre."));
  EXPECT_TRUE(r.has("value=\"Nyt navn\""));
}

TEST_F(AccountSettingsTest, CaseDefaultsAreSavedWithAFixedRateInPercent) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  WebClient c = logged_in_client(jens, account);
  auto r = c.submit("/konto/stamdata", "/konto/standarder",
                    {{"track", "fast"},
                     {"interest_kind", "fixed"},
                     {"interest_from", "due_date"},
                     {"fixed_rate", "8,05"}});
  ASSERT_EQ(r.status, 303) << r.body;
  CaseDefaults d = account_of(jens, account).case_defaults;
  EXPECT_EQ(d.track, Track::fast);
  EXPECT_EQ(d.interest_kind, InterestKind::fixed);
  EXPECT_EQ(d.interest_from, InterestStart::due_date);
  EXPECT_EQ(d.fixed_rate_bp, 805);
  // Shown back as typed, Danish style, with the fast track chosen.
  auto page = c.get("/konto/stamdata");
  EXPECT_TRUE(page.has("value=\"8,05\""));
  EXPECT_TRUE(page.has("name=\"track\" value=\"fast\" checked"));
}

TEST_F(AccountSettingsTest, CaseDefaultErrorsAreDanish) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  WebClient c = logged_in_client(jens, account);
  auto r = c.submit("/konto/stamdata", "/konto/standarder",
                    {{"track", "standard"},
                     {"interest_kind", "fixed"},
                     {"interest_from", "day31"},
                     {"fixed_rate", "otte"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Skriv renten i procent med højst to decimaler, f.eks. 8,05."));
  EXPECT_TRUE(r.has("value=\"otte\""));
  r = c.post("/konto/standarder", {{"track", "standard"},
                                   {"interest_kind", "fixed"},
                                   {"interest_from", "day31"},
                                   {"fixed_rate", "0"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Den faste rente skal være over 0 % og højst 100 % om året."));
  r = c.post("/konto/standarder", {{"interest_kind", "procesrente"}, {"interest_from", "day31"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Vælg et forløb."));
  EXPECT_EQ(account_of(jens, account).case_defaults.interest_kind, InterestKind::procesrente);
}

TEST_F(AccountSettingsTest, PortalLimitsAreSaved) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  WebClient c = logged_in_client(jens, account);
  auto r = c.submit("/konto/stamdata", "/konto/portal",
                    {{"max_months", "24"}, {"min_instalment", "1.500,50"}});
  ASSERT_EQ(r.status, 303) << r.body;
  PortalLimits p = account_of(jens, account).portal_limits;
  EXPECT_EQ(p.max_months, 24);
  EXPECT_EQ(p.min_instalment, Money::from_ore(150050));
  r = c.post("/konto/portal", {{"max_months", "61"}, {"min_instalment", "100"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Det højeste antal måneder skal være mellem 1 og 60."));
  r = c.post("/konto/portal", {{"max_months", "tolv"}, {"min_instalment", "abc"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Skriv et helt antal måneder, f.eks. 12."));
  EXPECT_TRUE(r.has("Skriv beløbet i kroner, f.eks. 1.500,00."));
  EXPECT_EQ(account_of(jens, account).portal_limits.max_months, 24);
}

TEST_F(AccountSettingsTest, AGuestOrCaseHandlerSeesTheDataButCannotChangeThem) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  for (Role role : {Role::guest, Role::case_handler}) {
    std::string email = std::string(to_string(role)) + "@hansen.dk";
    int64_t user = make_user(email);
    attach(jens, account, email, role);
    WebClient c = logged_in_client(user, account);
    auto page = c.get("/konto/stamdata");
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(page.has("Kun kontoens administratorer kan ændre stamdata."));
    EXPECT_TRUE(page.has("Hansens Tømrer ApS"));
    EXPECT_TRUE(page.has("200,00 kr."));
    EXPECT_FALSE(page.has("action=\"/konto/stamdata\""));
    auto r = c.post("/konto/stamdata", company_form({{"cvr", "27355021"}, {"name", "Kapret"}}));
    EXPECT_EQ(r.status, 403);
    EXPECT_TRUE(r.has("Ingen adgang"));
    r = c.post("/konto/standarder",
               {{"track", "fast"}, {"interest_kind", "none"}, {"interest_from", "day31"}});
    EXPECT_EQ(r.status, 403);
    r = c.post("/konto/portal", {{"max_months", "60"}, {"min_instalment", "0"}});
    EXPECT_EQ(r.status, 403);
  }
  Account a = account_of(jens, account);
  EXPECT_EQ(a.name, "Hansens Tømrer ApS");
  EXPECT_EQ(a.case_defaults.track, Track::standard);
  EXPECT_EQ(a.portal_limits.max_months, 12);
}

TEST_F(AccountSettingsTest, SettingsNeedAChosenAccount) {
  int64_t jens = make_user("jens@hansen.dk");
  make_company(jens);
  WebClient c = logged_in_client(jens, std::nullopt);
  auto r = c.get("/konto/stamdata");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/konto/vaelg");
}

// ---- Tilknyttede brugere

TEST_F(AccountMembersTest, TheAdministratorSeesMembersAndInvitations) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  make_user("mette@madsen.dk", "kodeord-1234", "Mette", "Madsen");
  attach(jens, account, "mette@madsen.dk", Role::case_handler);
  attach(jens, account, "ny@hansen.dk", Role::guest);
  WebClient c = logged_in_client(jens, account);
  auto r = c.get("/konto/brugere");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Tilknyttede brugere"));
  EXPECT_TRUE(r.has("Mette Madsen"));
  EXPECT_TRUE(r.has("mette@madsen.dk"));
  EXPECT_TRUE(r.has("Afventer oprettelse"));
  EXPECT_TRUE(r.has("ny@hansen.dk"));
  EXPECT_TRUE(r.has("Kan kun se sager."));
  EXPECT_TRUE(r.has("Kan desuden redigere i kontoopsætningen"));
  EXPECT_TRUE(r.has("data-confirm="));
}

TEST_F(AccountMembersTest, AttachingAnExistingUserOrInvitingANewOne) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  int64_t mette = make_user("mette@madsen.dk");
  WebClient c = logged_in_client(jens, account);
  auto r = c.submit("/konto/brugere", "/konto/brugere",
                    {{"email", "Mette@Madsen.dk"}, {"role", "case_handler"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_TRUE(c.follow(r).has("Brugeren er tilknyttet kontoen."));
  auto accounts = list_accounts_of_user(*db_, Actor{mette});
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0].role, Role::case_handler);

  r = c.post("/konto/brugere", {{"email", "ny@hansen.dk"}, {"role", "guest"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(c.follow(r).has("Der findes endnu ingen bruger med den e-mail."));
  auto members = list_members(*db_, Actor{jens}, account);
  ASSERT_TRUE(members);
  ASSERT_EQ(members->invitations.size(), 1u);
  EXPECT_EQ(members->invitations[0].email, "ny@hansen.dk");
}

TEST_F(AccountMembersTest, AttachErrorsAreDanish) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  WebClient c = logged_in_client(jens, account);
  auto r = c.submit("/konto/brugere", "/konto/brugere",
                    {{"email", "jens@hansen.dk"}, {"role", "guest"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Brugeren er allerede tilknyttet kontoen."));
  r = c.post("/konto/brugere", {{"email", "ikke-en-mail"}, {"role", "guest"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Skriv en gyldig e-mailadresse."));
  EXPECT_TRUE(r.has("value=\"ikke-en-mail\""));
  r = c.post("/konto/brugere", {{"email", "ny@hansen.dk"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Vælg en rolle for brugeren."));
}

TEST_F(AccountMembersTest, ChangingARoleAndRemovingAMember) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  int64_t mette = make_user("mette@madsen.dk");
  attach(jens, account, "mette@madsen.dk", Role::guest);
  WebClient c = logged_in_client(jens, account);
  c.get("/konto/brugere");
  auto r =
      c.post("/konto/brugere/" + std::to_string(mette) + "/rolle", {{"role", "administrator"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/konto/brugere");
  EXPECT_TRUE(c.follow(r).has("Rollen er ændret."));
  EXPECT_EQ(list_accounts_of_user(*db_, Actor{mette})[0].role, Role::administrator);

  r = c.post("/konto/brugere/" + std::to_string(mette) + "/fjern", {});
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(c.follow(r).has("Brugeren er fjernet fra kontoen."));
  EXPECT_TRUE(list_accounts_of_user(*db_, Actor{mette}).empty());
}

TEST_F(AccountMembersTest, TheLastAdministratorCannotGo) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  WebClient c = logged_in_client(jens, account);
  c.get("/konto/brugere");
  auto r = c.post("/konto/brugere/" + std::to_string(jens) + "/rolle", {{"role", "guest"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Kontoen skal altid have mindst én administrator."));
  r = c.post("/konto/brugere/" + std::to_string(jens) + "/fjern", {});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Kontoen skal altid have mindst én administrator."));
  EXPECT_EQ(list_accounts_of_user(*db_, Actor{jens})[0].role, Role::administrator);
}

TEST_F(AccountMembersTest, OnlyAdministratorsSeeOrChangeMembers) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  int64_t handler = make_user("sag@hansen.dk");
  attach(jens, account, "sag@hansen.dk", Role::case_handler);
  WebClient c = logged_in_client(handler, account);
  EXPECT_EQ(c.get("/konto/brugere").status, 403);
  auto r = c.post("/konto/brugere", {{"email", "ven@hansen.dk"}, {"role", "administrator"}});
  EXPECT_EQ(r.status, 403);
  r = c.post("/konto/brugere/" + std::to_string(jens) + "/rolle", {{"role", "guest"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(r.has("Sagsbehandler"));
  r = c.post("/konto/brugere/" + std::to_string(jens) + "/fjern", {});
  EXPECT_EQ(r.status, 403);
  auto members = list_members(*db_, Actor{jens}, account);
  ASSERT_TRUE(members);
  EXPECT_EQ(members->members.size(), 2u);
  EXPECT_TRUE(members->invitations.empty());
  EXPECT_EQ(list_accounts_of_user(*db_, Actor{jens})[0].role, Role::administrator);
}

TEST_F(AccountMembersTest, AUserOfAnotherAccountGets404) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  int64_t mette = make_user("mette@madsen.dk");
  int64_t other = make_company(mette, "Madsens Maling ApS");
  int64_t lars = make_user("lars@madsen.dk");
  attach(mette, other, "lars@madsen.dk", Role::guest);
  // Jens administers his own account: Mette's member is no member of it.
  WebClient c = logged_in_client(jens, account);
  c.get("/konto/brugere");
  auto r = c.post("/konto/brugere/" + std::to_string(lars) + "/rolle", {{"role", "administrator"}});
  EXPECT_EQ(r.status, 404);
  r = c.post("/konto/brugere/" + std::to_string(lars) + "/fjern", {});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(c.post("/konto/brugere/abc/fjern", {}).status, 404);
  EXPECT_EQ(list_accounts_of_user(*db_, Actor{lars})[0].role, Role::guest);
  // A session pointed at an account the user is no member of is sent to choose one.
  WebClient forged = logged_in_client(jens, other);
  EXPECT_EQ(forged.get("/konto/brugere").location, "/konto/vaelg");
  EXPECT_EQ(forged.get("/konto/stamdata").location, "/konto/vaelg");
}

// ---- Min bruger

TEST_F(AccountUserTest, ShowsTheUserAndTheFollowUpService) {
  int64_t jens = make_user("jens@hansen.dk");
  WebClient c = logged_in_client(jens, std::nullopt);
  auto r = c.get("/konto/min-bruger");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Jens Hansen"));
  EXPECT_TRUE(r.has("jens@hansen.dk"));
  EXPECT_TRUE(r.has("Opfølgningsservice"));
  EXPECT_TRUE(r.has("Jeg vil modtage en mail, så snart der ligger sager til opfølgning"));
  EXPECT_TRUE(r.has("name=\"digest\" value=\"1\" checked"));
}

TEST_F(AccountUserTest, TheFollowUpMailCanBeTurnedOffAndOn) {
  int64_t jens = make_user("jens@hansen.dk");
  WebClient c = logged_in_client(jens, std::nullopt);
  auto r = c.submit("/konto/min-bruger", "/konto/min-bruger", {});
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(c.follow(r).has("Din bruger er gemt."));
  EXPECT_FALSE(get_user(*db_, Actor{jens})->digest_subscribed);
  EXPECT_FALSE(c.get("/konto/min-bruger").has("name=\"digest\" value=\"1\" checked"));
  r = c.post("/konto/min-bruger", {{"digest", "1"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(get_user(*db_, Actor{jens})->digest_subscribed);
}

TEST_F(AccountUserTest, ChangingThePasswordEndsTheOtherSessions) {
  int64_t jens = make_user("jens@hansen.dk");
  int64_t account = make_company(jens);
  WebClient here = logged_in_client(jens, account);
  WebClient elsewhere = logged_in_client(jens, account);
  auto r = here.submit("/konto/min-bruger", "/konto/min-bruger/kodeord",
                       {{"old_password", "kodeord-1234"},
                        {"new_password", "nyt-kodeord-5678"},
                        {"new_password_repeat", "nyt-kodeord-5678"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_TRUE(here.follow(r).has("Dit kodeord er skiftet."));
  EXPECT_EQ(here.get("/konto").status, 200);       // this session lives on
  EXPECT_EQ(elsewhere.get("/konto").status, 303);  // the other one is logged out
  EXPECT_TRUE(authenticate(*db_, "jens@hansen.dk", "nyt-kodeord-5678"));
  EXPECT_FALSE(authenticate(*db_, "jens@hansen.dk", "kodeord-1234"));
}

TEST_F(AccountUserTest, PasswordErrorsAreDanishAndNothingChanges) {
  int64_t jens = make_user("jens@hansen.dk");
  WebClient here = logged_in_client(jens, std::nullopt);
  WebClient elsewhere = logged_in_client(jens, std::nullopt);
  auto r = here.submit("/konto/min-bruger", "/konto/min-bruger/kodeord",
                       {{"old_password", "forkert-kodeord"},
                        {"new_password", "nyt-kodeord-5678"},
                        {"new_password_repeat", "nyt-kodeord-5678"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Det nuværende kodeord er forkert."));
  EXPECT_FALSE(r.has("nyt-kodeord-5678"));  // passwords are never sent back
  r = here.post("/konto/min-bruger/kodeord", {{"old_password", "kodeord-1234"},
                                              {"new_password", "nyt-kodeord-5678"},
                                              {"new_password_repeat", "nyt-kodeord-9999"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("De to kodeord er ikke ens."));
  EXPECT_TRUE(authenticate(*db_, "jens@hansen.dk", "kodeord-1234"));
  EXPECT_EQ(elsewhere.get("/konto").status, 200);
}

}  // namespace
}  // namespace inkasso::testing
