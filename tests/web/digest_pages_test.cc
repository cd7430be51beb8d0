// The follow-up digest's unsubscribe link (web/digest_pages.cc) and the court fees to transfer
// (web/court_fee_pages.cc), over HTTP against the real server.
#include "app/court_fees.h"
#include "app/letters.h"
#include "jobs/digest_unsubscribe.h"
#include "tests/web/web_fixture.h"
#include "web/pages.h"

namespace inkasso::web {
// Declared in pages.h once web_routes.cc registers them; repeated here so that this test also
// builds before that (a repeated declaration is harmless).
void register_digest_pages(WebApp& app);
void register_court_fee_pages(WebApp& app);
}  // namespace inkasso::web

namespace inkasso::testing {
namespace {

class DigestPages : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    user_ = make_user("jens@hansen.dk");
    account_ = make_company(user_);
    token_ = digest_unsubscribe_token(*box_, user_);
    // Until web_routes.cc lists these modules, register them here: before any request is
    // being served (the probes below have been answered), as AppServer does.
    if (client().get("/opfoelgningsmail/afmeld/" + token_).status == 404)
      web::register_digest_pages(server_->app());
    if (client().get("/todo/retsafgifter").status == 404)
      web::register_court_fee_pages(server_->app());
  }

  bool subscribed() {
    auto u = get_user(*db_, Actor{user_});
    EXPECT_TRUE(u);
    return u && u->digest_subscribed;
  }

  // A case ready for court in Aarhus with a payment order today. Returns the case number.
  int64_t case_with_payment_order(const std::string& name) {
    DebtorInput in;
    in.kind = DebtorKind::company;
    in.name = name;
    in.cvr = "27355021";
    in.street = "Gaden 2";
    in.postal_code = "8000";
    in.city = "Aarhus C";
    auto debtor = create_debtor(*db_, clock_, *box_, Actor{user_}, account_, in);
    EXPECT_TRUE(debtor);
    NewCase c;
    c.debtor_id = *debtor;
    c.claims.push_back(
        Claim{"F-100", Date::ymd(2026, 5, 15), Date::ymd(2026, 6, 1), Money::from_kroner(10'000)});
    c.reminders.push_back(SentReminder{Date::ymd(2026, 6, 5), Money::from_kroner(100), false});
    c.reminders.push_back(SentReminder{Date::ymd(2026, 6, 20), Money::from_kroner(100), true});
    auto created = create_case(*db_, clock_, *box_, Actor{user_}, account_, c);
    EXPECT_TRUE(created);
    Action order;
    order.type = ActionType::payment_order;
    order.date = clock_.today();
    order.court_fee_added = true;
    auto acted =
        add_action(*db_, clock_, Actor{user_}, account_, created->number, created->version, order);
    EXPECT_TRUE(acted) << (acted ? "" : acted.error().message);
    return created->number;
  }

  int64_t user_ = 0;
  int64_t account_ = 0;
  std::string token_;
};

TEST_F(DigestPages, TheLinkAsksThenTheButtonUnsubscribesWithoutLogin) {
  WebClient browser = client();
  HttpResult page = browser.get("/opfoelgningsmail/afmeld/" + token_);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("Afmeld opfølgningsmailen"));
  EXPECT_TRUE(page.has("action=\"/opfoelgningsmail/afmeld/" + token_ + "\""));
  EXPECT_TRUE(subscribed()) << "showing the page changes nothing";

  // Without the form's CSRF token (the anonymous cookie's) nothing happens.
  HttpResult forged =
      browser.post("/opfoelgningsmail/afmeld/" + token_, {{"csrf", "forfalsket-token"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(subscribed());

  HttpResult done = browser.post("/opfoelgningsmail/afmeld/" + token_, {});
  ASSERT_EQ(done.status, 200);
  EXPECT_TRUE(done.has("Du er afmeldt"));
  EXPECT_FALSE(subscribed());
}

TEST_F(DigestPages, MailClientsOneClickPostWorksWithoutCookiesOrCsrf) {
  httplib::Client mail_client("127.0.0.1", server_->port());
  const std::string url = "/opfoelgningsmail/afmeld/" + token_ + "/et-klik";
  // Not the RFC 8058 body: refused.
  auto wrong = mail_client.Post(url, "x=1", "application/x-www-form-urlencoded");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 400);
  EXPECT_TRUE(subscribed());
  auto res =
      mail_client.Post(url, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_FALSE(subscribed());
  // Again: still fine (idempotent).
  res = mail_client.Post(url, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  // A client that opens the header's address in a browser gets the page.
  EXPECT_EQ(client().get(url).status, 200);
}

TEST_F(DigestPages, AWrongTokenChangesNothing) {
  std::string wrong = token_;
  wrong.back() = wrong.back() == 'a' ? 'b' : 'a';
  WebClient browser = client();
  EXPECT_EQ(browser.get("/opfoelgningsmail/afmeld/" + wrong).status, 404);
  browser.get("/opfoelgningsmail/afmeld/" + token_);  // to be given the CSRF cookie
  EXPECT_EQ(browser.post("/opfoelgningsmail/afmeld/" + wrong, {}).status, 404);
  httplib::Client mail_client("127.0.0.1", server_->port());
  auto res = mail_client.Post("/opfoelgningsmail/afmeld/" + wrong + "/et-klik",
                              "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_TRUE(subscribed());
}

TEST_F(DigestPages, CourtFeesAreListedAndMarkedTransferred) {
  const int64_t n = case_with_payment_order("Skyldner ApS");
  WebClient c = logged_in_client(user_, account_);
  HttpResult page = c.get("/todo/retsafgifter");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("Skyldner ApS"));
  EXPECT_TRUE(page.has("Betalingspåkrav")) << page.body;
  EXPECT_TRUE(page.has("750,00 kr."));
  EXPECT_TRUE(page.has("Ikke indleveret endnu"));
  EXPECT_TRUE(page.has("domstol.dk")) << "no payment details set up: where to find them";
  EXPECT_TRUE(page.has("Markér som overført"));
  auto counts = todo_counters(*db_, Actor{user_}, account_, clock_.today());
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->court_fees, 1);

  auto fees = list_court_fees(*db_, Actor{user_}, account_);
  ASSERT_TRUE(fees);
  ASSERT_EQ(fees->to_transfer.size(), 1u);
  const CourtFee& fee = fees->to_transfer[0];
  HttpResult marked =
      c.post("/todo/retsafgifter/overfoert", {{"case", std::to_string(n)},
                                              {"seq", std::to_string(fee.event_seq)},
                                              {"created", std::to_string(fee.event_created_at)}});
  ASSERT_EQ(marked.status, 303);
  HttpResult after = c.follow(marked);
  EXPECT_TRUE(after.has("Retsafgiften er markeret som overført."));
  EXPECT_TRUE(after.has("Der er ingen retsafgifter at overføre."));
  counts = todo_counters(*db_, Actor{user_}, account_, clock_.today());
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->court_fees, 0);
}

}  // namespace
}  // namespace inkasso::testing
