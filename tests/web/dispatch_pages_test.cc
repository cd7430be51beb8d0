// The dispatch queue, the e-mail and SMS overview, the documents to print and the debtor's
// tracking link, over HTTP (issue 5).
#include <cstdio>
#include <fstream>

#include "app/letters.h"
#include "store/dispatch_store.h"
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

class DispatchPages : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    user_ = make_user("jens@hansen.dk");
    account_ = make_company(user_);
  }

  // A case of a debtor named `name` (with an e-mail address) and a reminder sent the way
  // `sending` says. Returns the case number.
  int64_t case_with_reminder(const std::string& name, SendingChoice sending) {
    CaseSpec spec = small_case(name);
    spec.email = "post@skyldner.dk";
    const int64_t number = make_spec_case(user_, account_, spec);
    send_reminder(user_, account_, number, sending);
    return number;
  }

  void set_status(const std::string& where, const std::string& set) {
    soci::session sql(db_->pool());
    sql << "UPDATE dispatches SET " + set + " WHERE " + where;
  }

  int64_t user_ = 0;
  int64_t account_ = 0;
};

TEST_F(DispatchPages, TheQueueShowsWhatWaitsAndSearches) {
  SendingChoice email;
  email.email = true;
  const int64_t a = case_with_reminder("Alfa ApS", email);
  const int64_t b = case_with_reminder("Beta ApS", email);
  set_status("id = 2", "status = 'failed', error = 'Modtagerens server afviste adressen.'");
  WebClient c = logged_in_client(user_, account_);

  auto page = c.get("/udsendelser");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("1 udsendelser"));  // waiting by default
  EXPECT_TRUE(page.has("Alfa ApS"));
  EXPECT_FALSE(page.has("Beta ApS"));

  page = c.get("/udsendelser?status=failed");
  EXPECT_TRUE(page.has("Beta ApS"));
  EXPECT_TRUE(page.has("Modtagerens server afviste adressen."));
  page = c.get("/udsendelser?status=alle&sag=" + std::to_string(b));
  EXPECT_TRUE(page.has("1 udsendelser"));
  EXPECT_TRUE(page.has("Beta ApS"));
  page = c.get("/udsendelser?status=alle&skyldner=alfa");
  EXPECT_TRUE(page.has("Alfa ApS"));
  EXPECT_FALSE(page.has("Beta ApS"));
  page = c.get("/udsendelser?status=alle&kanal=sms");
  EXPECT_TRUE(page.has("0 udsendelser"));
  page = c.get("/udsendelser?fra=nonsens");
  EXPECT_TRUE(page.has("Skriv datoen som dd-mm-åååå."));
  (void)a;

  // Another account sees none of it.
  const int64_t stranger = make_user("anden@firma.dk");
  WebClient s = logged_in_client(stranger, make_company(stranger, "Andet Firma ApS"));
  page = s.get("/udsendelser?status=alle");
  EXPECT_TRUE(page.has("0 udsendelser"));
}

TEST_F(DispatchPages, TheOverviewCountsPerMonthAndInPercent) {
  SendingChoice email;
  email.email = true;
  for (const char* name : {"A ApS", "B ApS", "C ApS", "D ApS"}) case_with_reminder(name, email);
  // November 2026: 4 e-mails attempted: 3 handed over and received, of which 1 opened once and
  // 1 opened 3 times; 1 failed.
  const std::string now = std::to_string(kNow);
  set_status("id IN (1, 2, 3)", "status = 'received', sent_at = " + now + ", received_at = " + now);
  set_status("id = 2", "status = 'opened', opened_at = " + now + ", open_count = 1");
  set_status("id = 3", "status = 'opened', opened_at = " + now + ", open_count = 3");
  set_status("id = 4", "status = 'failed', failed_at = " + now);
  WebClient c = logged_in_client(user_, account_);
  auto page = c.get("/udsendelser/oversigt");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("<td>11-2026</td><td>E-mail</td><td class=\"num\">3</td>"
                       "<td class=\"num\">3</td><td class=\"num\">1</td><td class=\"num\">1</td>"
                       "<td class=\"num\">1</td>"))
      << page.body;
  EXPECT_TRUE(page.has("<rect")) << "the chart";
  // In percent of the 4 attempted: 3/4 = 75 %, 1/4 = 25 %.
  page = c.get("/udsendelser/oversigt?vis=procent");
  EXPECT_TRUE(page.has("<td class=\"num\">3</td><td class=\"num\">75 %</td>"
                       "<td class=\"num\">25 %</td><td class=\"num\">25 %</td>"
                       "<td class=\"num\">25 %</td>"))
      << page.body;
}

TEST_F(DispatchPages, DocumentsToPrintAreMergedIntoOnePdfAndMarkedPrinted) {
  SendingChoice print;
  print.print_self = true;
  const int64_t a = case_with_reminder("Alfa ApS", print);
  case_with_reminder("Beta ApS", print);
  WebClient c = logged_in_client(user_, account_);
  auto todo = c.get("/todo");
  EXPECT_TRUE(todo.has("href=\"/udskriv\"")) << "the TODO item links to the list";

  // Not rendered yet: not on the list (nothing to print).
  EXPECT_TRUE(c.get("/udskriv").has("Der er ingen dokumenter at udskrive."));
  ASSERT_EQ(render_pending_documents(*db_, clock_), 2);
  auto list = c.get("/udskriv");
  EXPECT_TRUE(list.has("Alfa ApS, Gaden 2, 8000 Aarhus C"));
  EXPECT_TRUE(list.has("Beta ApS, Gaden 2, 8000 Aarhus C"));

  auto pdf = c.get("/udskriv/pdf?id=1&id=2");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  auto file = dir_ / "print.pdf";
  std::ofstream(file, std::ios::binary) << pdf.body;
  std::string cmd = "pdftotext " + file.string() + " " + (dir_ / "print.txt").string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(dir_ / "print.txt");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(text.find("Alfa ApS"), std::string::npos);
  EXPECT_NE(text.find("Beta ApS"), std::string::npos);
  EXPECT_EQ(c.get("/udskriv/pdf?id=99").status, 404) << "only the account's list";

  auto r = c.submit("/udskriv", "/udskriv/printet", {{"id", "1"}, {"id", "2"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(c.follow(r).has("Dokumenterne er markeret som printet og sendt."));
  EXPECT_TRUE(c.get("/udskriv").has("Der er ingen dokumenter at udskrive."));
  EXPECT_TRUE(c.get("/sager/" + std::to_string(a)).has("<strong>Sendt</strong>"));
}

TEST_F(DispatchPages, TheDebtorsLinkCountsAsOpenedAndLeadsIntoThePortal) {
  SendingChoice email;
  email.email = true;
  const int64_t n = case_with_reminder("Alfa ApS", email);
  const std::string token = "debitor-link-token-123";
  set_status("id = 1", "status = 'received', tracking_token_hash = '" +
                           tracking_token_hash(token) + "'");
  WebClient debtor = client();
  auto r = debtor.get("/aabn/" + token);
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location.rfind("/portal/adgang/", 0), 0u) << r.location;
  auto portal = debtor.follow(r);
  // The direct link logs the debtor in (the portal's own tests cover its pages).
  EXPECT_LT(portal.status, 400);
  debtor.get("/aabn/" + token);
  soci::session sql(db_->pool());
  std::string status;
  int count = 0;
  sql << "SELECT status, open_count FROM dispatches WHERE id = 1", soci::into(status),
      soci::into(count);
  EXPECT_EQ(status, "opened");
  EXPECT_EQ(count, 2);

  auto unknown = client().get("/aabn/ukendt");
  EXPECT_EQ(unknown.status, 303);
  EXPECT_EQ(unknown.location, "/portal");
  (void)n;
}

}  // namespace
}  // namespace inkasso::testing
