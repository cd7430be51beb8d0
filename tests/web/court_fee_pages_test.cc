// Court fees over HTTP (web/court_fee_pages.cc): the creditor's list of fees to transfer
// (/todo/retsafgifter) and the operator's form for the courts' payment details shown there
// (/drift/retsafgifter): saved by an operator, refused for anyone else and without the CSRF
// token, an invalid number shown beside its field with nothing changed.
#include "app/court_fees.h"
#include "app/todo.h"
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

class CourtFeePages : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    user_ = make_user("jens@hansen.dk");
    account_ = make_company(user_);
  }

  // The operator, also a creditor with an account of its own (to see /todo/retsafgifter).
  int64_t operator_with_account() {
    const int64_t op = make_operator();
    op_account_ = make_company(op, "Drift ApS");
    return op;
  }

  static web::Fields payment_form(const std::string& reg_no, const std::string& account_no) {
    return {{"recipient", "Domstolsstyrelsen"},
            {"reg_no", reg_no},
            {"account_no", account_no},
            {"note", "Skriv \"Retsafgift\" og sagsnummeret."}};
  }

  int64_t user_ = 0;
  int64_t account_ = 0;
  int64_t op_account_ = 0;
};

TEST_F(CourtFeePages, CourtFeesAreListedAndMarkedTransferred) {
  const int64_t n = make_spec_case(user_, account_, court_ready_case());
  file_court_action(user_, account_, n);
  WebClient c = logged_in_client(user_, account_);
  HttpResult page = c.get("/todo/retsafgifter");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("Skyldner ApS"));
  EXPECT_TRUE(page.has("Betalingspåkrav")) << page.body;
  EXPECT_TRUE(page.has("750,00 kr."));
  EXPECT_TRUE(page.has("Ikke indleveret endnu"));
  EXPECT_TRUE(page.has("domstol.dk")) << "no payment details set up: where to find them";
  EXPECT_FALSE(page.has("href=\"/drift/retsafgifter\"")) << "a creditor cannot set them up";
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

TEST_F(CourtFeePages, AnOperatorSavesThePaymentDetailsAndCreditorsSeeThem) {
  const int64_t op = operator_with_account();
  WebClient operations = logged_in_client(op, op_account_);
  // The Drift index and the operator's own court fee list (not set up yet) lead to the form.
  EXPECT_TRUE(operations.get("/drift").has("href=\"/drift/retsafgifter\""));
  HttpResult list = operations.get("/todo/retsafgifter");
  EXPECT_TRUE(
      list.has("Står der ingen konto ved retten, finder du rettens betalingsoplysninger "
               "på domstol.dk"));
  EXPECT_TRUE(list.has("href=\"/drift/retsafgifter\">Læg betalingsoplysningerne ind"));

  HttpResult form = operations.get("/drift/retsafgifter");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(form.has("Retsafgifter: betalingsoplysninger"));
  EXPECT_TRUE(form.has("Betalingsoplysningerne er ikke sat op endnu."));
  EXPECT_TRUE(form.has("name=\"reg_no\" inputmode=\"numeric\" maxlength=\"6\" value=\"\""));

  // Spaces in the numbers are taken out: "4069 1234 56" is stored as 4069123456.
  HttpResult saved = operations.post("/drift/retsafgifter", payment_form("0216", "4069 1234 56"));
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.location, "/drift/retsafgifter");
  HttpResult again = operations.follow(saved);
  EXPECT_TRUE(again.has("Betalingsoplysningerne for retsafgift er gemt."));
  EXPECT_TRUE(again.has("value=\"4069123456\""));
  EXPECT_TRUE(again.has("Sidst rettet 23-11-2026 ")) << "the time shown depends on the zone";
  EXPECT_FALSE(again.has("ikke sat op endnu"));
  const CourtFeePayment stored = get_court_fee_payment(*db_);
  EXPECT_EQ(stored.recipient, "Domstolsstyrelsen");
  EXPECT_EQ(stored.reg_no, "0216");
  EXPECT_EQ(stored.account_no, "4069123456");
  EXPECT_EQ(stored.updated_at, kNow);

  // Every creditor's court fee list shows them, the note escaped.
  HttpResult creditor = logged_in_client(user_, account_).get("/todo/retsafgifter");
  ASSERT_EQ(creditor.status, 200);
  EXPECT_TRUE(creditor.has("<dd>Domstolsstyrelsen</dd>")) << creditor.body;
  EXPECT_TRUE(creditor.has("<dd>0216</dd>"));
  EXPECT_TRUE(creditor.has("<dd>4069123456</dd>"));
  EXPECT_TRUE(creditor.has("Skriv &quot;Retsafgift&quot; og sagsnummeret."));
  EXPECT_TRUE(creditor.has("Står der ingen konto ved retten, overfører du til:"));
  EXPECT_FALSE(creditor.has("finder du rettens betalingsoplysninger på domstol.dk"));
  EXPECT_FALSE(creditor.has("href=\"/drift/retsafgifter\""));
  // The operator's list links to the form to correct them.
  EXPECT_TRUE(operations.get("/todo/retsafgifter")
                  .has("href=\"/drift/retsafgifter\">Ret betalingsoplysningerne"));
}

TEST_F(CourtFeePages, AnInvalidNumberIsShownBesideItsFieldAndNothingChanges) {
  const int64_t op = make_operator();
  WebClient operations = logged_in_client(op, std::nullopt);
  operations.get("/drift/retsafgifter");
  ASSERT_EQ(operations.post("/drift/retsafgifter", payment_form("0216", "4069123456")).status, 303);
  const CourtFeePayment before = get_court_fee_payment(*db_);

  // Three digits for reg.nr.: refused beside the field, the values as typed.
  web::Fields typed = payment_form("216", "1111222233");
  typed[0].second = "Retten";
  HttpResult invalid = operations.post("/drift/retsafgifter", typed);
  EXPECT_EQ(invalid.status, 422);
  EXPECT_TRUE(invalid.has("<p class=\"field-error\">Registreringsnummeret skal være 4 cifre.</p>"))
      << invalid.body;
  EXPECT_TRUE(invalid.has("value=\"216\""));
  EXPECT_TRUE(invalid.has("value=\"1111222233\""));
  EXPECT_TRUE(invalid.has("value=\"Retten\""));
  // Eleven digits for the account number.
  invalid = operations.post("/drift/retsafgifter", payment_form("0216", "12345678901"));
  EXPECT_EQ(invalid.status, 422);
  EXPECT_TRUE(invalid.has("Kontonummeret skal være højst 10 cifre."));

  const CourtFeePayment after = get_court_fee_payment(*db_);
  EXPECT_EQ(after.recipient, before.recipient);
  EXPECT_EQ(after.reg_no, "0216");
  EXPECT_EQ(after.account_no, "4069123456");
  EXPECT_EQ(after.updated_at, before.updated_at);
}

TEST_F(CourtFeePages, ACreditorIsRefusedAndNothingChanges) {
  WebClient creditor = logged_in_client(user_, account_);
  HttpResult refused = creditor.get("/drift/retsafgifter");
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(refused.has("Kun installationens driftsansvarlige har adgang til denne side."));
  EXPECT_FALSE(refused.has("name=\"reg_no\""));
  EXPECT_EQ(creditor.post("/drift/retsafgifter", payment_form("0216", "4069123456")).status, 403);
  EXPECT_FALSE(get_court_fee_payment(*db_).configured());
  // Not logged in: to the login page.
  HttpResult anonymous = client().get("/drift/retsafgifter");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.location.rfind("/log-ind", 0), 0u) << anonymous.location;
}

TEST_F(CourtFeePages, WithoutTheCsrfTokenNothingIsSaved) {
  WebClient operations = logged_in_client(make_operator(), std::nullopt);
  operations.get("/drift/retsafgifter");
  web::Fields forged = payment_form("0216", "4069123456");
  forged.emplace_back("csrf", "forfalsket-token");
  EXPECT_EQ(operations.post("/drift/retsafgifter", forged).status, 403);
  web::Fields missing = payment_form("0216", "4069123456");
  missing.emplace_back("csrf", "");
  EXPECT_EQ(operations.post("/drift/retsafgifter", missing).status, 403);
  EXPECT_FALSE(get_court_fee_payment(*db_).configured());
  EXPECT_EQ(get_court_fee_payment(*db_).updated_at, 0);
}

}  // namespace
}  // namespace inkasso::testing
