// The debtor portal over HTTP: log in with the case ID and password (right, wrong, throttled),
// the direct link (right, tampered, after a new password), the amounts of the worked example,
// the FI payment line, documents (a download counts as opened, the creditor's preview does
// not, another case's document answers 404), log-out and the idle timeout, and that the
// creditor's and the portal's sessions open nothing of each other.
#include <soci/soci.h>
#include <sodium.h>

#include "app/portal.h"
#include "store/document_store.h"
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

constexpr const char* kWrongLogin = "Sags-ID eller adgangskode er forkert.";

class PortalTest : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    owner_ = make_user("jens@hansen.dk");
    account_ = make_company(owner_);
    debtor_ = make_debtor(account_, owner_, "Anders And");
  }

  int64_t make_debtor(int64_t account, int64_t user, const std::string& name) {
    DebtorInput d;
    d.kind = DebtorKind::person;
    d.name = name;
    d.cpr = "010203-1234";
    d.street = "Transitvej 20C";
    d.postal_code = "6330";
    d.city = "Padborg";
    d.email = "anders-and@example.dk";
    auto id = create_debtor(*db_, clock_, *box_, Actor{user}, account, d);
    EXPECT_TRUE(id) << (id ? "" : id.error().message);
    return id ? *id : 0;
  }

  struct PortalCase {
    int64_t id = 0;      // the global id: the portal's "Sags-ID"
    int64_t number = 0;  // the account's case number
    std::string password;
  };

  // The worked example of the case page: a 10.000,00 kr. claim due 2026-08-01 with procesrente
  // from the 31st day, a first reminder with a 100 kr. fee and a payment of 2.000,00 kr.
  PortalCase make_case(int64_t account = 0, int64_t user = 0, int64_t debtor = 0) {
    account = account ? account : account_;
    user = user ? user : owner_;
    const NewCase c = worked_example(debtor ? debtor : debtor_);
    auto created = create_case(*db_, clock_, *box_, Actor{user}, account, c);
    EXPECT_TRUE(created) << (created ? "" : created.error().message);
    if (!created) return {};
    auto password = case_portal_password(*db_, *box_, Actor{user}, account, created->number);
    EXPECT_TRUE(password);
    return PortalCase{created->id, created->number, password ? *password : ""};
  }

  // A browser that has logged in to the portal with the form.
  HttpResult portal_login(WebClient& c, const std::string& case_id, const std::string& password) {
    c.get("/portal");
    return c.post("/portal/log-ind", {{"sags_id", case_id}, {"password", password}});
  }

  WebClient portal_client(const PortalCase& pc) {
    WebClient c = client();
    auto r = portal_login(c, std::to_string(pc.id), pc.password);
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.location, "/portal/sag");
    return c;
  }

  // A new password for the case, sealed as create_case does (there is no use case for it yet).
  void change_password(int64_t case_id, const std::string& password) {
    auto sealed = box_->seal(password);
    std::string hex;
    static constexpr char kHex[] = "0123456789abcdef";
    for (unsigned char b : sealed) {
      hex += kHex[b >> 4];
      hex += kHex[b & 15];
    }
    soci::session sql(db_->pool());
    long long id = case_id;
    sql << "UPDATE cases SET portal_password_sealed = :p WHERE id = :i", soci::use(hex),
        soci::use(id);
  }

  // A document of the case made by its event `seq`, rendered with `pdf` unless that is empty.
  int64_t add_document(int64_t account, int64_t case_id, const std::string& title,
                       const std::string& pdf, int64_t seq = 1) {
    soci::session sql(db_->pool());
    NewDocument d;
    d.account_id = account;
    d.case_id = case_id;
    d.event_seq = seq;
    d.kind = "reminder";
    d.title = title;
    d.letter_date = Date::ymd(2026, 11, 20);
    d.content_json = "{}";
    int64_t id = insert_document(sql, d, kNow - 3600);
    if (!pdf.empty()) {
      EXPECT_TRUE(store_rendered_pdf(sql, id, pdf, kNow - 3000));
    }
    return id;
  }

  DocumentSummary document(int64_t account, int64_t id) {
    soci::session sql(db_->pool());
    auto d = find_document(sql, account, id);
    EXPECT_TRUE(d);
    return d ? *d : DocumentSummary{};
  }

  int64_t count(const std::string& query) {
    soci::session sql(db_->pool());
    long long n = 0;
    sql << query, soci::into(n);
    return n;
  }

  static std::string blake2b_hex(const std::string& text) {
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), nullptr, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
  }

  int64_t owner_ = 0;
  int64_t account_ = 0;
  int64_t debtor_ = 0;
};

TEST_F(PortalTest, LogsInWithCaseIdAndPassword) {
  PortalCase pc = make_case();
  WebClient c = client();
  auto form = c.get("/portal");
  EXPECT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("Log ind på din sag"));
  EXPECT_TRUE(form.has("name=\"csrf\""));

  // Spaces around what was typed are forgiven.
  auto r = c.post("/portal/log-ind", {{"sags_id", " " + std::to_string(pc.id) + " "},
                                      {"password", pc.password + " "}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/portal/sag");
  std::string cookie = r.header("Set-Cookie");
  EXPECT_NE(cookie.find("inkasso_portal="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Max-Age"), std::string::npos);  // ends with the browser
  auto page = c.follow(r);
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("Anders And"));
  EXPECT_TRUE(page.has("Hansens Tømrer ApS"));
  // Only the hash of the session's token is stored.
  EXPECT_EQ(count("SELECT COUNT(*) FROM portal_sessions"), 1);
  std::string token = cookie.substr(15, cookie.find(';') - 15);
  EXPECT_EQ(count("SELECT COUNT(*) FROM portal_sessions WHERE token_hash = '" + token + "'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM portal_sessions WHERE token_hash = '" + blake2b_hex(token) +
                  "' AND case_id = " + std::to_string(pc.id)),
            1);

  // Going to the log-in page again leads to the case.
  EXPECT_EQ(c.get("/portal").location, "/portal/sag");
}

TEST_F(PortalTest, WrongLoginRevealsNothing) {
  PortalCase pc = make_case();
  PortalCase other = make_case();
  WebClient c = client();
  const std::string unknown_id = std::to_string(other.id + 1000);
  for (auto [id, password] : std::vector<std::pair<std::string, std::string>>{
           {std::to_string(pc.id), "forkert-kode"},        // wrong password
           {std::to_string(pc.id), other.password},        // another case's password
           {unknown_id, pc.password},                      // no such case
           {"abc", pc.password},                           // not an id
           {std::to_string(pc.id), pc.password + "x"}}) {  // almost right
    auto r = portal_login(c, id, password);
    EXPECT_EQ(r.status, 401) << id;
    EXPECT_TRUE(r.has(kWrongLogin)) << id;
    EXPECT_FALSE(r.has("Anders And"));
    EXPECT_FALSE(r.has("Hansens"));
    EXPECT_FALSE(r.has(password)) << "the password typed is not shown again";
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM portal_sessions"), 0);
  EXPECT_EQ(c.get("/portal/sag").location, "/portal");
}

TEST_F(PortalTest, ThrottlesAfterFiveFailuresForTheCase) {
  PortalCase pc = make_case();
  PortalCase other = make_case();
  WebClient c = client();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(portal_login(c, std::to_string(pc.id), "gaet-" + std::to_string(i)).status, 401);
  // The sixth attempt is refused unchecked, the right password too.
  auto r = portal_login(c, std::to_string(pc.id), pc.password);
  EXPECT_EQ(r.status, 429);
  EXPECT_TRUE(r.has("for mange forkerte forsøg"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM portal_sessions"), 0);
  // Another case from the same address is not locked (20 per address).
  EXPECT_EQ(portal_login(c, std::to_string(other.id), other.password).status, 303);
  // When the window (15 minutes) has passed, the right password works again.
  clock_.set(kNow + 15 * 60 + 1, Date::ymd(2026, 11, 23));
  WebClient later = client();
  EXPECT_EQ(portal_login(later, std::to_string(pc.id), pc.password).status, 303);
}

TEST_F(PortalTest, DirectLinkLogsIn) {
  PortalCase pc = make_case();
  PortalCase other = make_case();
  const std::string path = portal_direct_link_path(*box_, pc.id, pc.password);
  ASSERT_EQ(path.rfind("/portal/adgang/" + std::to_string(pc.id) + "-", 0), 0u) << path;
  // The same case and password always give the same link; another case another one.
  EXPECT_EQ(path, portal_direct_link_path(*box_, pc.id, pc.password));
  EXPECT_NE(path, portal_direct_link_path(*box_, other.id, pc.password));

  WebClient c = client();
  auto r = c.get(path);
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/portal/sag");
  auto page = c.follow(r);
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("Anders And"));
  EXPECT_TRUE(page.has("Sags-ID " + std::to_string(pc.id)));

  // Tampered: a changed character, another case's id with this token, this case's id with the
  // other's token, a cut token. All answer as a wrong password does.
  std::string tampered = path;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  const std::string token = path.substr(path.find('-') + 1);
  const std::string other_path = portal_direct_link_path(*box_, other.id, other.password);
  const std::string other_token = other_path.substr(other_path.find('-') + 1);
  for (const std::string& bad :
       {tampered, "/portal/adgang/" + std::to_string(other.id) + "-" + token,
        "/portal/adgang/" + std::to_string(pc.id) + "-" + other_token,
        path.substr(0, path.size() - 1), "/portal/adgang/" + std::to_string(pc.id)}) {
    WebClient b = client();
    auto refused = b.get(bad);
    EXPECT_EQ(refused.status, 401) << bad;
    EXPECT_TRUE(refused.has(kWrongLogin)) << bad;
    EXPECT_EQ(b.get("/portal/sag").location, "/portal") << bad;
  }
}

TEST_F(PortalTest, NewPasswordEndsOldLinkAndSessions) {
  PortalCase pc = make_case();
  const std::string old_link = portal_direct_link_path(*box_, pc.id, pc.password);
  WebClient logged_in = portal_client(pc);
  EXPECT_EQ(logged_in.get("/portal/sag").status, 200);

  change_password(pc.id, "NyKode2345");
  WebClient c = client();
  auto refused = c.get(old_link);
  EXPECT_EQ(refused.status, 401);
  EXPECT_TRUE(refused.has(kWrongLogin));
  EXPECT_EQ(portal_login(c, std::to_string(pc.id), pc.password).status, 401);
  // The session made with the old password has ended.
  EXPECT_EQ(logged_in.get("/portal/sag").location, "/portal");
  // The new password and its link work.
  EXPECT_EQ(client().get(portal_direct_link_path(*box_, pc.id, "NyKode2345")).status, 303);
  EXPECT_EQ(portal_login(c, std::to_string(pc.id), "NyKode2345").status, 303);
}

// The worked example on 2026-11-23 (procesrente 2. half 2026: reference rate 2,00 % + 8 = 10 %
// a year, 365-day year; interest runs from 2026-09-01, the 31st day after 2026-08-01):
//   interest 01-09..01-10 on 10.000,00: 10.000 × 10 % × 31/365   =  84,93 kr.
//   payment 01-10 of 2.000,00: interest 84,93, fee 100,00, principal 1.815,07
//   interest 02-10..23-11 on 8.184,93: 8.184,93 × 10 % × 53/365  = 118,85 kr.
//   interest accrued in all 84,93 + 118,85                        = 203,78 kr.
// The portal shows the composition so that it adds up:
//   10.000,00 + 203,78 + 100,00 − 2.000,00                       = 8.303,78 kr. to pay.
TEST_F(PortalTest, ShowsTheCompositionOfTheDebt) {
  PortalCase pc = make_case();
  WebClient c = portal_client(pc);
  auto r = c.get("/portal/sag");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Fakturaer (hovedstol)</td><td class=\"num\">10.000,00 kr."));
  EXPECT_TRUE(r.has("Renter</td><td class=\"num\">203,78 kr."));
  EXPECT_TRUE(r.has("Gebyrer og omkostninger</td><td class=\"num\">100,00 kr."));
  EXPECT_TRUE(r.has("Du har betalt</td><td class=\"num\">−2.000,00 kr."));
  EXPECT_TRUE(r.has("I alt at betale</th><td class=\"num\">8.303,78 kr."));
  EXPECT_TRUE(r.has("Du skylder i alt pr. 23-11-2026"));
  // The invoice and the payment.
  EXPECT_TRUE(r.has("<td>Faktura 1001</td><td>18-07-2026</td><td>01-08-2026</td>"));
  EXPECT_TRUE(r.has("<td>01-10-2026</td><td class=\"num\">2.000,00 kr.</td>"));
  // The creditor (name, address, CVR, phone, e-mail) and the debtor, without the CPR number.
  for (const char* text : {"Hansens Tømrer ApS", "Vejen 1", "8000 Aarhus C", "27355021", "12345678",
                           "kontor@hansen.dk", "Transitvej 20C", "6330 Padborg"})
    EXPECT_TRUE(r.has(text)) << text;
  EXPECT_FALSE(r.has("010203"));
  // How to pay: the account, and the case number as the transfer's text; no FI line (the
  // account has no FI creditor number).
  EXPECT_TRUE(r.has("1234</dd>"));
  EXPECT_TRUE(r.has("1234567890"));
  EXPECT_TRUE(r.has("Sag " + std::to_string(pc.number)));
  EXPECT_FALSE(r.has("+71&lt;"));
  EXPECT_FALSE(r.has("Indbetalingskort"));
  // The creditor's own menu is not there.
  EXPECT_FALSE(r.has("/skyldnere"));
  EXPECT_FALSE(r.has("action=\"/log-ud\""));
}

// With an FI creditor number the case's payment line is shown. For case number 1 the payer id
// is the reference zero-padded to 14 digits and its Luhn digit: weights 1,2,1,2,... from the
// left put weight 2 on the last digit, 1 × 2 = 2, check digit (10 − 2) mod 10 = 8:
//   +71<000000000000018+87654321<
TEST_F(PortalTest, ShowsTheFiPaymentLine) {
  int64_t user = make_user("mette@fi.dk");
  CompanyAccount form{"FI Firma ApS", "27355021", "kontor@fi.dk", "87654321",
                      false,          "Gaden 2",  "8000",         "Aarhus C",
                      "Nordea",       "2222",     "3333333333",   "87654321"};
  auto account = create_company_account(*db_, clock_, Actor{user}, form);
  ASSERT_TRUE(account) << account.error().message;
  int64_t debtor = make_debtor(*account, user, "Bente Bil");
  PortalCase pc = make_case(*account, user, debtor);
  ASSERT_EQ(pc.number, 1);
  WebClient c = portal_client(pc);
  auto r = c.get("/portal/sag");
  EXPECT_TRUE(r.has("Indbetalingskort"));
  EXPECT_TRUE(r.has("<code>+71&lt;000000000000018+87654321&lt;</code>"));
  EXPECT_TRUE(r.has("Nordea"));
}

TEST_F(PortalTest, DownloadCountsAsOpenedAndPreviewDoesNot) {
  PortalCase pc = make_case();
  PortalCase other = make_case();
  const std::string pdf = "%PDF-1.4\nRykker til Anders And\n%%EOF\n";
  int64_t shown = add_document(account_, pc.id, "Påkrav", pdf, 2);
  int64_t unrendered = add_document(account_, pc.id, "Rykker nr. 2", "", 3);
  int64_t withdrawn = add_document(account_, pc.id, "Inkassovarsel", "%PDF-1.4 withdrawn", 1);
  {
    soci::session sql(db_->pool());
    withdraw_documents_of_event(sql, pc.id, 1, kNow - 100);  // its action was deleted
  }
  int64_t others = add_document(account_, other.id, "Andens brev", "%PDF-1.4 other");

  WebClient c = portal_client(pc);
  auto page = c.get("/portal/sag");
  const std::string url = "/portal/dokumenter/" + std::to_string(shown);
  EXPECT_TRUE(page.has("href=\"" + url + "\""));
  EXPECT_TRUE(page.has("Påkrav"));
  EXPECT_TRUE(page.has("20-11-2026"));
  for (int64_t hidden : {unrendered, withdrawn, others})
    EXPECT_FALSE(page.has("/portal/dokumenter/" + std::to_string(hidden) + "\""));
  EXPECT_FALSE(page.has("Andens brev"));

  // The creditor's preview lists it with its own link, and opening it counts nothing.
  WebClient creditor = logged_in_client(owner_, account_);
  auto preview = creditor.get("/sager/" + std::to_string(pc.number) + "/portal");
  ASSERT_EQ(preview.status, 200);
  EXPECT_TRUE(preview.has("Sådan ser skyldneren sagen"));
  EXPECT_TRUE(preview.has("8.303,78 kr."));
  const std::string preview_url =
      "/sager/" + std::to_string(pc.number) + "/portal/dokumenter/" + std::to_string(shown);
  EXPECT_TRUE(preview.has("href=\"" + preview_url + "\""));
  EXPECT_FALSE(preview.has("href=\"" + url + "\""));
  EXPECT_FALSE(preview.has("/portal/log-ud"));
  auto looked = creditor.get(preview_url);
  EXPECT_EQ(looked.status, 200);
  EXPECT_EQ(looked.body, pdf);
  EXPECT_EQ(document(account_, shown).debtor_open_count, 0);
  EXPECT_FALSE(document(account_, shown).debtor_opened_at);

  // The debtor's download: the PDF, shown inline under a Danish name, and counted.
  auto r = c.get(url);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, pdf);
  EXPECT_EQ(r.header("Content-Type"), "application/pdf");
  // Sent as filename*=UTF-8''P%C3%A5krav%2020-11-2026.pdf; cpp-httplib's client percent-decodes
  // header values as it reads them.
  EXPECT_EQ(r.header("Content-Disposition"),
            "inline; filename=\"Paakrav-20-11-2026.pdf\"; filename*=UTF-8''Påkrav 20-11-2026.pdf");
  DocumentSummary opened = document(account_, shown);
  EXPECT_EQ(opened.debtor_open_count, 1);
  EXPECT_EQ(opened.debtor_opened_at, kNow);
  // Opened again later: counted, the first time kept.
  clock_.set(kNow + 120, Date::ymd(2026, 11, 23));
  EXPECT_EQ(c.get(url).status, 200);
  EXPECT_EQ(document(account_, shown).debtor_open_count, 2);
  EXPECT_EQ(document(account_, shown).debtor_opened_at, kNow);
  // The creditor looking again still counts nothing.
  EXPECT_EQ(creditor.get(preview_url).status, 200);
  EXPECT_EQ(document(account_, shown).debtor_open_count, 2);
}

TEST_F(PortalTest, AnotherCasesDocumentIsNotFound) {
  PortalCase pc = make_case();
  PortalCase other = make_case();
  int64_t elsewhere_user = make_user("mette@andet.dk");
  int64_t elsewhere = make_company(elsewhere_user, "Andet Firma ApS");
  int64_t elsewhere_debtor = make_debtor(elsewhere, elsewhere_user, "Bente Bil");
  PortalCase far = make_case(elsewhere, elsewhere_user, elsewhere_debtor);
  int64_t own = add_document(account_, pc.id, "Rykker nr. 1", "%PDF-1.4 own");
  int64_t same_account = add_document(account_, other.id, "Rykker nr. 1", "%PDF-1.4 other");
  int64_t other_account = add_document(elsewhere, far.id, "Rykker nr. 1", "%PDF-1.4 far");
  int64_t unrendered = add_document(account_, pc.id, "Rykker nr. 2", "");

  WebClient c = portal_client(pc);
  EXPECT_EQ(c.get("/portal/dokumenter/" + std::to_string(own)).status, 200);
  for (const std::string& id :
       {std::to_string(same_account), std::to_string(other_account), std::to_string(unrendered),
        std::string("999999"), std::string("x"), std::string("-1")}) {
    auto r = c.get("/portal/dokumenter/" + id);
    EXPECT_EQ(r.status, 404) << id;
    EXPECT_TRUE(r.has("Siden findes ikke")) << id;
  }
  EXPECT_EQ(document(account_, same_account).debtor_open_count, 0);
  EXPECT_EQ(document(elsewhere, other_account).debtor_open_count, 0);
  // The creditor's preview of another account's case or document: 404 as well.
  WebClient creditor = logged_in_client(owner_, account_);
  EXPECT_EQ(creditor
                .get("/sager/" + std::to_string(pc.number) + "/portal/dokumenter/" +
                     std::to_string(other_account))
                .status,
            404);
  WebClient stranger = logged_in_client(elsewhere_user, elsewhere);
  EXPECT_EQ(stranger.get("/sager/" + std::to_string(far.number + 100) + "/portal").status, 404);
}

TEST_F(PortalTest, PreviewIsForAnyRoleOfTheAccountOnly) {
  PortalCase pc = make_case();
  int64_t guest = make_user("gaest@hansen.dk");
  ASSERT_TRUE(attach_user(*db_, clock_, Actor{owner_}, account_, "gaest@hansen.dk", Role::guest));
  WebClient g = logged_in_client(guest, account_);
  auto r = g.get("/sager/" + std::to_string(pc.number) + "/portal");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Sådan ser skyldneren sagen"));

  // A user of another account asking for the same number: their account has no such case.
  int64_t stranger = make_user("mette@andet.dk");
  int64_t elsewhere = make_company(stranger, "Andet Firma ApS");
  WebClient s = logged_in_client(stranger, elsewhere);
  EXPECT_EQ(s.get("/sager/" + std::to_string(pc.number) + "/portal").status, 404);
  // Not logged in as a creditor: to the creditor's log-in.
  EXPECT_EQ(client().get("/sager/" + std::to_string(pc.number) + "/portal").status, 303);
}

TEST_F(PortalTest, LogOutEndsTheSession) {
  PortalCase pc = make_case();
  WebClient c = client();
  c.get("/portal");
  auto login =
      c.post("/portal/log-ind", {{"sags_id", std::to_string(pc.id)}, {"password", pc.password}});
  std::string cookie = login.header("Set-Cookie");
  std::string token = cookie.substr(15, cookie.find(';') - 15);
  auto page = c.get("/portal/sag");
  ASSERT_EQ(page.status, 200);

  auto r = c.post("/portal/log-ud", {});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/portal");
  auto after = c.follow(r);
  EXPECT_TRUE(after.has("Du er logget ud."));
  EXPECT_EQ(c.get("/portal/sag").location, "/portal");
  // The old token no longer opens anything, also when sent again.
  WebClient replay = client();
  replay.set_cookie("inkasso_portal", token);
  EXPECT_EQ(replay.get("/portal/sag").location, "/portal");
  EXPECT_EQ(count("SELECT COUNT(*) FROM portal_sessions"), 0);
}

TEST_F(PortalTest, SessionEndsAfterThirtyIdleMinutes) {
  PortalCase pc = make_case();
  WebClient c = portal_client(pc);
  const Date today = Date::ymd(2026, 11, 23);
  clock_.set(kNow + 20 * 60, today);
  EXPECT_EQ(c.get("/portal/sag").status, 200);  // seen at +20 min
  clock_.set(kNow + 45 * 60, today);
  EXPECT_EQ(c.get("/portal/sag").status, 200);  // 25 minutes idle
  clock_.set(kNow + 45 * 60 + 30 * 60 + 1, today);
  EXPECT_EQ(c.get("/portal/sag").location, "/portal");  // 30 minutes and a second
}

TEST_F(PortalTest, SessionsOfCreditorAndPortalAreSeparate) {
  PortalCase pc = make_case();
  // A creditor's session opens nothing in the portal.
  WebClient creditor = logged_in_client(owner_, account_);
  EXPECT_EQ(creditor.get("/portal/sag").location, "/portal");
  EXPECT_EQ(creditor.get("/portal/dokumenter/1").location, "/portal");
  // A portal session opens nothing of the creditor's.
  int64_t doc = add_document(account_, pc.id, "Rykker nr. 1", "%PDF-1.4 own");
  WebClient debtor = portal_client(pc);
  for (const std::string& path :
       {std::string("/sager"), "/sager/" + std::to_string(pc.number),
        "/sager/" + std::to_string(pc.number) + "/portal",
        "/sager/" + std::to_string(pc.number) + "/portal/dokumenter/" + std::to_string(doc),
        std::string("/skyldnere"), std::string("/konto")}) {
    auto r = debtor.get(path);
    EXPECT_EQ(r.status, 303) << path;
    EXPECT_EQ(r.location.rfind("/log-ind", 0), 0u) << path;
  }
  EXPECT_EQ(debtor.get("/portal/sag").status, 200);
}

TEST_F(PortalTest, FormsNeedTheirCsrfToken) {
  PortalCase pc = make_case();
  WebClient c = client();
  c.get("/portal");
  auto r =
      c.post("/portal/log-ind",
             {{"sags_id", std::to_string(pc.id)}, {"password", pc.password}, {"csrf", "forkert"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM portal_sessions"), 0);
  WebClient logged_in = portal_client(pc);
  EXPECT_EQ(logged_in.post("/portal/log-ud", {{"csrf", "forkert"}}).status, 403);
  EXPECT_EQ(logged_in.get("/portal/sag").status, 200);
}

TEST_F(PortalTest, EscapesWhatTheCreditorTyped) {
  int64_t debtor = make_debtor(account_, owner_, "Anders <b>And</b> & Co");
  PortalCase pc = make_case(account_, owner_, debtor);
  WebClient c = portal_client(pc);
  auto r = c.get("/portal/sag");
  EXPECT_TRUE(r.has("Anders &lt;b&gt;And&lt;/b&gt; &amp; Co"));
  EXPECT_FALSE(r.has("<b>And"));
}

}  // namespace
}  // namespace inkasso::testing
