// Court districts and filing court documents over HTTP (issue 5): /drift/retskredse for the
// installation's operators only (others 403, nothing changed), and "Indgiv til retten" on a
// payment order: via minretssag.dk with the date filed, or by e-mail to the court with the
// creditor's copy; the filing shows on the case's timeline and is made once.
#include "app/courts.h"
#include "app/letters.h"
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

class CourtPages : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    operator_ = make_operator();
    user_ = make_user("jens@hansen.dk");
    account_ = make_company(user_);
  }

  int64_t court_id(const std::string& name) {
    for (const CourtDistrict& c : list_court_districts(*db_))
      if (c.name == name) return c.id;
    ADD_FAILURE() << "no court " << name;
    return 0;
  }

  std::string court_email(const std::string& name) {
    auto c = get_court_district(*db_, court_id(name));
    return c ? c->email : "";
  }

  web::Fields court_form(const CourtDistrict& c, const std::string& email,
                         const std::string& method) {
    return {{"street", c.street},
            {"postal_code", c.postal_code},
            {"city", c.city},
            {"email", email},
            {"phone", c.phone},
            {"filing_method", method},
            {"note", c.note},
            {"fee_reg_no", c.fee_reg_no},
            {"fee_account_no", c.fee_account_no}};
  }

  // A case of 10.000,00 kr. (due 01-06-2026; a reminder 05-06-2026 and a collection notice
  // 20-06-2026 already sent) against a debtor in `postal_code`, with a payment order made today
  // (23-11-2026) and rendered. Returns {case number, document id}.
  std::pair<int64_t, int64_t> payment_order(const std::string& postal_code,
                                            ActionType type = ActionType::payment_order) {
    CaseSpec spec = court_ready_case();
    spec.postal_code = postal_code;
    spec.city = "By";
    const int64_t number = make_spec_case(user_, account_, spec);
    if (number == 0) return {0, 0};
    const int64_t document = file_court_action(user_, account_, number, type);
    EXPECT_GE(render_pending_documents(*db_, clock_), 1);
    return {number, document};
  }

  static std::string filing_url(std::pair<int64_t, int64_t> doc) {
    return "/sager/" + std::to_string(doc.first) + "/dokumenter/" + std::to_string(doc.second) +
           "/indgiv";
  }

  int sendings() {
    soci::session sql(db_->pool());
    int n = 0;
    sql << "SELECT COUNT(*) FROM dispatches", soci::into(n);
    return n;
  }

  int64_t operator_ = 0, user_ = 0, account_ = 0;
};

TEST_F(CourtPages, OnlyAnOperatorSeesTheCourtDistricts) {
  WebClient creditor = logged_in_client(user_, account_);
  auto refused = creditor.get("/drift/retskredse");
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(refused.has("Kun installationens driftsansvarlige har adgang til denne side."));
  EXPECT_FALSE(refused.has("aarhus@domstol.dk"));
  EXPECT_EQ(creditor.get("/drift/retskredse/" + std::to_string(court_id("Retten i Aarhus"))).status,
            403);

  WebClient op = logged_in_client(operator_, std::nullopt);
  auto page = op.get("/drift/retskredse");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.count("class=\"court-name\""), 24u) << "the 24 district courts";
  EXPECT_TRUE(page.has("Retten i Aarhus"));
  EXPECT_TRUE(page.has("Vester Allé 10, 8000 Aarhus C"));
  EXPECT_TRUE(page.has("aarhus@domstol.dk"));
  EXPECT_TRUE(page.has("Københavns Byret"));
  EXPECT_EQ(page.count("via minretssag.dk</span>"), 24u);
}

TEST_F(CourtPages, AnOperatorChangesACourtsEMailAndMethod) {
  const int64_t id = court_id("Retten i Aarhus");
  const std::string url = "/drift/retskredse/" + std::to_string(id);
  const CourtDistrict before = *get_court_district(*db_, id);

  // A creditor's post is refused and changes nothing.
  WebClient creditor = logged_in_client(user_, account_);
  auto refused = creditor.post(url, court_form(before, "foged.aarhus@domstol.dk", "email"));
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(court_email("Retten i Aarhus"), "aarhus@domstol.dk");

  WebClient op = logged_in_client(operator_, std::nullopt);
  auto form = op.get(url);
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("value=\"aarhus@domstol.dk\""));
  EXPECT_TRUE(form.has("value=\"portal\" checked"));

  // An invalid e-mail is shown again beside the field, with the values kept; nothing saved.
  auto invalid = op.post(url, court_form(before, "aarhus(at)domstol.dk", "email"));
  EXPECT_EQ(invalid.status, 422);
  EXPECT_TRUE(invalid.has("Skriv en gyldig e-mailadresse"));
  EXPECT_TRUE(invalid.has("value=\"aarhus(at)domstol.dk\""));
  EXPECT_TRUE(invalid.has("value=\"email\" checked"));
  EXPECT_EQ(court_email("Retten i Aarhus"), "aarhus@domstol.dk");

  auto saved = op.post(url, court_form(before, "Foged.Aarhus@domstol.dk", "email"));
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.location, "/drift/retskredse");
  auto list = op.follow(saved);
  EXPECT_TRUE(list.has("Retskredsen er gemt."));
  EXPECT_TRUE(list.has("foged.aarhus@domstol.dk"));
  EXPECT_TRUE(list.has("pr. e-mail</span>"));
  EXPECT_TRUE(list.has("Sidst rettet 23-11-2026 ")) << "the time shown depends on the zone";
  auto after = get_court_district(*db_, id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->email, "foged.aarhus@domstol.dk");
  EXPECT_EQ(after->filing_method, FilingMethod::email);
  EXPECT_EQ(after->updated_by, operator_);
}

// The court's account for court fees (migration 0020): shown in the table, edited on the form
// (spaces allowed, both or neither), and a bad number is shown again beside its field.
TEST_F(CourtPages, AnOperatorKeepsACourtsAccountForCourtFees) {
  WebClient op = logged_in_client(operator_, std::nullopt);
  auto table = op.get("/drift/retskredse");
  ASSERT_EQ(table.status, 200);
  EXPECT_TRUE(table.has("Retsafgift til 0216 4069134726")) << "Bornholm's, from domstol.dk";

  const int64_t id = court_id("Retten i Aarhus");
  const std::string url = "/drift/retskredse/" + std::to_string(id);
  CourtDistrict aarhus = *get_court_district(*db_, id);
  EXPECT_TRUE(op.get(url).has("id=\"fee_reg_no\" name=\"fee_reg_no\""));

  aarhus.fee_reg_no = "0216";
  aarhus.fee_account_no = "";
  auto half = op.post(url, court_form(aarhus, aarhus.email, "portal"));
  EXPECT_EQ(half.status, 422);
  EXPECT_TRUE(half.has("Skriv også kontonummeret, eller lad begge felter stå tomme."));
  EXPECT_TRUE(half.has("value=\"0216\"")) << "the typed value is kept";
  EXPECT_EQ(get_court_district(*db_, id)->fee_reg_no, "");

  aarhus.fee_account_no = "4069 133568";
  ASSERT_EQ(op.post(url, court_form(aarhus, aarhus.email, "portal")).status, 303);
  EXPECT_EQ(get_court_district(*db_, id)->fee_account_no, "4069133568");
  EXPECT_TRUE(op.get("/drift/retskredse").has("Retsafgift til 0216 4069133568"));
  EXPECT_TRUE(op.get(url).has("value=\"4069133568\""));
}

// The creditor's court fees show the account of the court the document was filed with.
TEST_F(CourtPages, TheCourtFeeListShowsTheAccountOfTheCourtFiledWith) {
  const auto doc = payment_order("4000");  // Roskilde's district
  WebClient c = logged_in_client(user_, account_);
  ASSERT_EQ(c.post(filing_url(doc), {{"court", std::to_string(court_id("Retten i Roskilde"))},
                                     {"filed_on", "2026-11-23"}})
                .status,
            303);
  auto fees = c.get("/todo/retsafgifter");
  ASSERT_EQ(fees.status, 200);
  EXPECT_TRUE(
      fees.has("Retten i Roskilde<span class=\"fee-court-account\">Reg.nr. 0216 konto "
               "4069134327</span>"))
      << fees.body;
  EXPECT_TRUE(fees.has("Retsafgiften betales til den ret, dokumentet er indgivet til."));
}

TEST_F(CourtPages, FilingViaThePortalIsRecordedWithItsDateAndShownOnTheTimeline) {
  const auto doc = payment_order("8000");
  WebClient c = logged_in_client(user_, account_);
  auto page = c.get(filing_url(doc));
  ASSERT_EQ(page.status, 200) << page.body;
  // The debtor's postal code decides: Retten i Aarhus, which takes filings on minretssag.dk.
  EXPECT_TRUE(page.has("<h2>Retten i Aarhus</h2>"));
  EXPECT_TRUE(page.has("Vester Allé 10, 8000 Aarhus C"));
  EXPECT_TRUE(page.has("<strong>via minretssag.dk</strong>"));
  EXPECT_TRUE(page.has("href=\"https://minretssag.dk\""));
  EXPECT_TRUE(
      page.has("name=\"filed_on\" type=\"date\" required max=\"2026-11-23\" "
               "value=\"2026-11-23\""));
  EXPECT_TRUE(page.has("href=\"/sager/" + std::to_string(doc.first) + "/dokumenter/" +
                       std::to_string(doc.second) + "\">Hent PDF</a>"));

  const std::string aarhus = std::to_string(court_id("Retten i Aarhus"));
  // A date in the future is refused beside the field.
  auto future = c.post(filing_url(doc), {{"court", aarhus}, {"filed_on", "2026-11-24"}});
  EXPECT_EQ(future.status, 422);
  EXPECT_TRUE(future.has("Datoen kan ikke ligge i fremtiden."));
  EXPECT_EQ(sendings(), 0);

  auto filed = c.post(filing_url(doc), {{"court", aarhus}, {"filed_on", "23-11-2026"}});
  ASSERT_EQ(filed.status, 303) << filed.body;
  EXPECT_EQ(filed.location, "/sager/" + std::to_string(doc.first));
  auto case_page = c.follow(filed);
  EXPECT_TRUE(case_page.has("Indgivelsen via minretssag.dk er noteret på sagen."));
  EXPECT_TRUE(case_page.has(
      "Retternes portal · Retten i Aarhus (minretssag.dk): <strong>Sendt</strong> 23-11-2026 "))
      << case_page.body;

  // The page now says it is filed; filing again is refused and writes nothing.
  page = c.get(filing_url(doc));
  EXPECT_TRUE(page.has("Indgivet via minretssag.dk til Retten i Aarhus (minretssag.dk)"));
  EXPECT_FALSE(page.has("name=\"filed_on\""));
  auto again = c.post(filing_url(doc), {{"court", aarhus}, {"filed_on", "2026-11-23"}});
  EXPECT_EQ(again.status, 422);
  EXPECT_TRUE(again.has("Dokumentet er allerede indgivet til retten via minretssag.dk."));
  EXPECT_EQ(sendings(), 1);
}

TEST_F(CourtPages, FilingByEMailQueuesItToTheCourtWithTheCreditorsCopy) {
  // The operator records that Retten i Aarhus takes filings by e-mail.
  const int64_t id = court_id("Retten i Aarhus");
  const CourtDistrict court = *get_court_district(*db_, id);
  WebClient op = logged_in_client(operator_, std::nullopt);
  op.get("/drift/retskredse/" + std::to_string(id));
  ASSERT_EQ(
      op.post("/drift/retskredse/" + std::to_string(id), court_form(court, court.email, "email"))
          .status,
      303);

  const auto doc = payment_order("8000");
  WebClient c = logged_in_client(user_, account_);
  auto page = c.get(filing_url(doc));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("<strong>pr. e-mail</strong>"));
  EXPECT_TRUE(
      page.has("pr. e-mail til <strong>aarhus@domstol.dk</strong> med kopi til dig på "
               "<strong>kontor@hansen.dk</strong>"));
  auto filed = c.post(filing_url(doc), {{"court", std::to_string(id)}});
  ASSERT_EQ(filed.status, 303) << filed.body;
  auto case_page = c.follow(filed);
  EXPECT_TRUE(case_page.has("Dokumentet er lagt i udsendelseskøen til retten."));
  EXPECT_TRUE(case_page.has("E-mail til retten · aarhus@domstol.dk: <strong>Venter</strong>"))
      << case_page.body;

  soci::session sql(db_->pool());
  std::string channel, recipient, copy_to;
  sql << "SELECT channel, recipient, copy_to FROM dispatches", soci::into(channel),
      soci::into(recipient), soci::into(copy_to);
  EXPECT_EQ(channel, "court_email");
  EXPECT_EQ(recipient, "aarhus@domstol.dk");
  EXPECT_EQ(copy_to, "kontor@hansen.dk");
}

TEST_F(CourtPages, AnAmbiguousPostalCodeLetsTheCreditorChoose) {
  const auto doc = payment_order("2000");
  WebClient c = logged_in_client(user_, account_);
  auto page = c.get(filing_url(doc));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("Postnummeret hører under flere retskredse."));
  EXPECT_TRUE(page.has("<option value=\"\">Vælg retskreds …</option>"));
  const std::string frb = std::to_string(court_id("Retten på Frederiksberg"));
  const std::string kbh = std::to_string(court_id("Københavns Byret"));
  // Both candidates come first, under the postal code's heading.
  const size_t group = page.body.find("<optgroup label=\"Skyldners postnummer\">");
  ASSERT_NE(group, std::string::npos);
  EXPECT_LT(group, page.body.find("<option value=\"" + kbh + "\">Københavns Byret"));
  EXPECT_LT(page.body.find("<option value=\"" + frb + "\">Retten på Frederiksberg"),
            page.body.find("<optgroup label=\"Andre retskredse\">"));
  EXPECT_FALSE(page.has("name=\"filed_on\"")) << "no court chosen yet";

  page = c.get(filing_url(doc) + "?ret=" + frb);
  EXPECT_TRUE(page.has("<h2>Retten på Frederiksberg</h2>"));
  EXPECT_TRUE(page.has("name=\"filed_on\""));
  // Posting without a court is refused beside the choice.
  auto none = c.post(filing_url(doc), {{"filed_on", "2026-11-23"}});
  EXPECT_EQ(none.status, 422);
  EXPECT_TRUE(none.has("Vælg den retskreds, dokumentet skal indgives til."));
  ASSERT_EQ(c.post(filing_url(doc), {{"court", frb}, {"filed_on", "2026-11-23"}}).status, 303);
  EXPECT_EQ(sendings(), 1);
}

TEST_F(CourtPages, OnlyCourtDocumentsOfTheAccountAreFiled) {
  const auto reminder = payment_order("8000", ActionType::reminder);
  WebClient c = logged_in_client(user_, account_);
  auto refused = c.get(filing_url(reminder));
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(refused.has("Kun betalingspåkrav og fogedrekvisitioner indgives til retten."));

  const auto doc = payment_order("8000");
  const int64_t stranger = make_user("anden@firma.dk");
  const int64_t other = make_company(stranger, "Andet Firma ApS");
  WebClient s = logged_in_client(stranger, other);
  EXPECT_EQ(s.get(filing_url(doc)).status, 404);
  EXPECT_EQ(s.post(filing_url(doc), {{"court", std::to_string(court_id("Retten i Aarhus"))},
                                     {"filed_on", "2026-11-23"}})
                .status,
            404);
  EXPECT_EQ(sendings(), 0);
}

}  // namespace
}  // namespace inkasso::testing
