// Documents over HTTP (issue 5): an action that makes a letter stores its document and queues
// the chosen sendings in the same write; the worker's rendering step makes the PDF; "Vis
// dokument" shows it (pdftotext reads the letter back); deleting the action withdraws it and
// cancels what was waiting; other accounts get 404.
#include <cstdio>
#include <fstream>

#include "app/letters.h"
#include "store/dispatch_store.h"
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

class DocumentPages : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    user_ = make_user("jens@hansen.dk");
    account_ = make_company(user_);
  }

  // 10.000,00 kr. due 01-10-2026, to a debtor with the given e-mail address and mobile number.
  int64_t make_case(const std::string& email, const std::string& mobile = "") {
    return make_debtor_case(user_, account_, email, mobile);
  }

  int64_t version(int64_t number) { return case_version(user_, account_, number); }

  HttpResult submit(WebClient& c, int64_t number, const std::string& type, web::Fields fields) {
    fields.emplace_back("type", type);
    fields.emplace_back("version", std::to_string(version(number)));
    const std::string n = std::to_string(number);
    return c.submit("/sager/" + n + "/handling/ny?type=" + type, "/sager/" + n + "/handling",
                    std::move(fields));
  }

  std::vector<DocumentSummary> documents(int64_t number) {
    auto d = list_documents(*db_, Actor{user_}, account_, number);
    EXPECT_TRUE(d);
    return d ? *d : std::vector<DocumentSummary>{};
  }

  std::vector<std::pair<std::string, std::string>> sendings() {
    soci::session sql(db_->pool());
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT channel, status, recipient FROM dispatches ORDER BY id");
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : rows)
      out.emplace_back(r.get<std::string>(0) + ":" + r.get<std::string>(2), r.get<std::string>(1));
    return out;
  }

  // The text of a PDF as pdftotext reads it.
  std::string pdf_text(const std::string& pdf) {
    auto in = dir_ / "doc.pdf";
    auto out = dir_ / "doc.txt";
    std::ofstream(in, std::ios::binary) << pdf;
    std::string cmd = "pdftotext -layout " + in.string() + " " + out.string();
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream f(out);
    return std::string(std::istreambuf_iterator<char>(f), {});
  }

  int64_t user_ = 0;
  int64_t account_ = 0;
};

TEST_F(DocumentPages, TheFormOffersTheWaysToReachTheDebtorWithEMailPreselected) {
  const int64_t n = make_case("bogholderi@skyldner.dk", "+45 20 30 40 50");
  WebClient c = logged_in_client(user_, account_);
  auto page = c.get("/sager/" + std::to_string(n) + "/handling/ny?type=reminder");
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("Forsendelse"));
  EXPECT_TRUE(page.has("Send som e-mail til bogholderi@skyldner.dk"));
  EXPECT_TRUE(page.has("name=\"send_email\" value=\"1\" checked"));
  EXPECT_TRUE(page.has("Send SMS med link til 20304050")) << "the number as stored";
  EXPECT_TRUE(page.has("name=\"send_print\" value=\"1\" >")) << "print is not preselected";

  const int64_t without = make_case("");
  page = c.get("/sager/" + std::to_string(without) + "/handling/ny?type=reminder");
  EXPECT_TRUE(page.has("Skyldner har ingen e-mailadresse."));
  EXPECT_TRUE(page.has("name=\"send_print\" value=\"1\" checked"));
  // A payment makes no document: no sending to choose.
  page = c.get("/sager/" + std::to_string(n) + "/handling/ny?type=payment");
  EXPECT_FALSE(page.has("Forsendelse"));
}

TEST_F(DocumentPages, AReminderIsStoredQueuedRenderedAndShown) {
  const int64_t n = make_case("bogholderi@skyldner.dk");
  WebClient c = logged_in_client(user_, account_);
  auto r = submit(c, n, "reminder",
                  {{"date", "2026-11-23"}, {"fee", "100,00"}, {"deadline", "2026-12-03"},
                   {"send_email", "1"}, {"send_print", "1"}});
  ASSERT_EQ(r.status, 303) << r.body;
  auto page = c.follow(r);
  EXPECT_TRUE(page.has("dokumentet er lagt i udsendelseskøen"));
  EXPECT_TRUE(page.has("Rykker nr. 1: dokumentet dannes"));
  EXPECT_TRUE(page.has("E-mail · bogholderi@skyldner.dk: <strong>Venter</strong>"));
  EXPECT_TRUE(page.has("Send selv (print) · Skyldner ApS, Gaden 2, 8000 Aarhus C"));

  auto docs = documents(n);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].title, "Rykker nr. 1");
  EXPECT_FALSE(docs[0].rendered);
  EXPECT_EQ(sendings(),
            (std::vector<std::pair<std::string, std::string>>{
                {"email:bogholderi@skyldner.dk", "waiting"},
                {"print_self:Skyldner ApS, Gaden 2, 8000 Aarhus C", "waiting"}}));

  // The worker's first step renders it; the timeline then links to it.
  EXPECT_EQ(render_pending_documents(*db_, clock_), 1);
  EXPECT_EQ(render_pending_documents(*db_, clock_), 0) << "rendered once";
  page = c.get("/sager/" + std::to_string(n));
  const std::string url = "/sager/" + std::to_string(n) + "/dokumenter/" + std::to_string(docs[0].id);
  EXPECT_TRUE(page.has("href=\"" + url + "\">Vis dokument: Rykker nr. 1</a>"));

  auto pdf = c.get(url);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  EXPECT_NE(pdf.header("Content-Disposition").find("rykker-nr-1-sag-" + std::to_string(n) + ".pdf"),
            std::string::npos);
  const std::string text = pdf_text(pdf.body);
  EXPECT_NE(text.find("Hansens Tømrer ApS"), std::string::npos) << text;
  EXPECT_NE(text.find("Skyldner ApS"), std::string::npos) << text;
  // 10.000,00 kr. principal + the reminder fee of 100,00 kr.; interest from 31-10-2026 (due
  // date + 30 days, the 31st day) is owed too, so only the parts are checked here.
  EXPECT_NE(text.find("10.000,00"), std::string::npos) << text;
  EXPECT_NE(text.find("100,00"), std::string::npos) << text;
  // Shown again exactly as made: the same bytes.
  EXPECT_EQ(c.get(url).body, pdf.body);
}

TEST_F(DocumentPages, AChannelTheDebtorCannotBeReachedOnIsRefusedAndNothingWritten) {
  const int64_t n = make_case("");
  WebClient c = logged_in_client(user_, account_);
  const int64_t before = version(n);
  auto r = submit(c, n, "reminder",
                  {{"date", "2026-11-23"}, {"fee", "100,00"}, {"deadline", "2026-12-03"},
                   {"send_sms", "1"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Skyldner har intet mobilnummer."));
  EXPECT_EQ(version(n), before);
  EXPECT_TRUE(documents(n).empty());
  EXPECT_TRUE(sendings().empty());
}

TEST_F(DocumentPages, AFreeLetterCarriesItsSubjectAndText) {
  const int64_t n = make_case("");
  WebClient c = logged_in_client(user_, account_);
  auto r = submit(c, n, "letter",
                  {{"date", "2026-11-23"},
                   {"subject", "Vedrørende faktura F-100"},
                   {"text", "Vi har endnu ikke modtaget din betaling.\n\nRing gerne på 12345678."}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_TRUE(c.follow(r).has("dokumentet er gemt på sagen"));
  auto docs = documents(n);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].title, "Vedrørende faktura F-100");
  EXPECT_TRUE(sendings().empty()) << "no box ticked: kept on the case only";
  render_pending_documents(*db_, clock_);
  auto file = document_pdf(*db_, Actor{user_}, account_, n, docs[0].id);
  ASSERT_TRUE(file);
  const std::string text = pdf_text(file->pdf);
  EXPECT_NE(text.find("Vedrørende faktura F-100"), std::string::npos) << text;
  EXPECT_NE(text.find("Vi har endnu ikke modtaget din betaling."), std::string::npos) << text;
  EXPECT_NE(text.find("Ring gerne på 12345678."), std::string::npos) << text;
}

TEST_F(DocumentPages, DeletingTheActionWithdrawsTheDocumentAndCancelsItsSending) {
  const int64_t n = make_case("bogholderi@skyldner.dk");
  WebClient c = logged_in_client(user_, account_);
  ASSERT_EQ(submit(c, n, "reminder",
                   {{"date", "2026-11-23"}, {"fee", "100,00"}, {"deadline", "2026-12-03"},
                    {"send_email", "1"}})
                .status,
            303);
  auto r = c.submit("/sager/" + std::to_string(n) + "/slet-sidste-handling",
                    "/sager/" + std::to_string(n) + "/slet-sidste-handling",
                    {{"version", std::to_string(version(n))}});
  ASSERT_EQ(r.status, 303) << r.body;
  auto docs = documents(n);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(docs[0].withdrawn);
  EXPECT_EQ(sendings(), (std::vector<std::pair<std::string, std::string>>{
                            {"email:bogholderi@skyldner.dk", "cancelled"}}));
}

TEST_F(DocumentPages, AGuestMayReadADocumentAnotherAccountGets404) {
  const int64_t n = make_case("");
  WebClient c = logged_in_client(user_, account_);
  ASSERT_EQ(submit(c, n, "reminder",
                   {{"date", "2026-11-23"}, {"fee", "100,00"}, {"deadline", "2026-12-03"}})
                .status,
            303);
  render_pending_documents(*db_, clock_);
  const std::string url =
      "/sager/" + std::to_string(n) + "/dokumenter/" + std::to_string(documents(n)[0].id);

  const int64_t guest = make_user("gaest@hansen.dk");
  {
    soci::session sql(db_->pool());
    long long a = account_, u = guest;
    sql << "INSERT INTO memberships (account_id, user_id, role, created_at) "
           "VALUES (:a, :u, 'guest', 0)",
        soci::use(a), soci::use(u);
  }
  EXPECT_EQ(logged_in_client(guest, account_).get(url).status, 200);

  const int64_t stranger = make_user("anden@firma.dk");
  const int64_t other = make_company(stranger, "Andet Firma ApS");
  WebClient s = logged_in_client(stranger, other);
  EXPECT_EQ(s.get(url).status, 404);
  EXPECT_EQ(s.get("/sager/" + std::to_string(n) + "/dokumenter/999").status, 404);
}

}  // namespace
}  // namespace inkasso::testing
