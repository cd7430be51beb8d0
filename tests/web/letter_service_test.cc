// The letter service's print room over HTTP (/drift/brevservice): the installation's operator
// sees the "Brevservice" letters of every account, takes them as one PDF and marks them printed
// and posted; a creditor is refused.
#include <cstdio>
#include <fstream>

#include "app/letters.h"
#include "app/users.h"
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

class LetterService : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    jens_ = make_user("jens@hansen.dk");
    hansen_ = make_company(jens_, "Hansens Tømrer ApS");
    mette_ = make_user("mette@vvs.dk", "kodeord-1234", "Mette", "Holm");
    vvs_ = make_company(mette_, "Holms VVS A/S");
    operator_ = make_operator();
  }

  // A case of `account` for a debtor named `name` with a reminder sent as `sending` says.
  void reminder(int64_t user, int64_t account, const std::string& name, SendingChoice sending) {
    const int64_t number = make_spec_case(user, account, small_case(name));
    ASSERT_GT(number, 0);
    ASSERT_GT(send_reminder(user, account, number, sending), 0);
  }

  std::string status_of(int64_t id) {
    soci::session sql(db_->pool());
    std::string status;
    long long i = id;
    sql << "SELECT status FROM dispatches WHERE id = :i", soci::use(i), soci::into(status);
    return status;
  }

  std::string pdf_text(const std::string& pdf) {
    auto file = dir_ / "brevservice.pdf";
    std::ofstream(file, std::ios::binary) << pdf;
    std::string cmd = "pdftotext " + file.string() + " " + (dir_ / "brevservice.txt").string();
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream in(dir_ / "brevservice.txt");
    return std::string((std::istreambuf_iterator<char>(in)), {});
  }

  int64_t jens_ = 0, hansen_ = 0, mette_ = 0, vvs_ = 0, operator_ = 0;
};

SendingChoice letter_service() {
  SendingChoice s;
  s.letter_service = true;
  return s;
}

TEST_F(LetterService, TheOperatorPrintsEveryAccountsLettersAndMarksThemPosted) {
  reminder(jens_, hansen_, "Alfa ApS", letter_service());  // dispatch 1
  reminder(mette_, vvs_, "Beta ApS", letter_service());    // dispatch 2
  SendingChoice print_self;
  print_self.print_self = true;
  reminder(jens_, hansen_, "Gamma ApS", print_self);  // dispatch 3: the creditor's own
  WebClient op = logged_in_client(operator_, std::nullopt);

  // Not rendered yet: nothing to print.
  auto page = op.get("/drift/brevservice");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(page.has("Der er ingen breve at printe."));
  ASSERT_EQ(render_pending_documents(*db_, clock_), 3);

  page = op.get("/drift/brevservice");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("2 breve venter"));
  EXPECT_TRUE(page.has("Hansens Tømrer ApS"));
  EXPECT_TRUE(page.has("Holms VVS A/S"));
  EXPECT_TRUE(page.has("Alfa ApS, Gaden 2, 8000 Aarhus C"));
  EXPECT_TRUE(page.has("Beta ApS, Gaden 2, 8000 Aarhus C"));
  EXPECT_TRUE(page.has("Rykker nr. 1"));
  EXPECT_FALSE(page.has("Gamma ApS")) << "\"Send selv\" is the creditor's, not the service's";

  // One PDF with both letters' pages, in the list's order.
  auto pdf = op.get("/drift/brevservice/pdf?id=1&id=2");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  const std::string text = pdf_text(pdf.body);
  const size_t alfa = text.find("Alfa ApS"), beta = text.find("Beta ApS");
  ASSERT_NE(alfa, std::string::npos);
  ASSERT_NE(beta, std::string::npos);
  EXPECT_LT(alfa, beta);
  EXPECT_NE(text.find("Hansens Tømrer ApS"), std::string::npos);
  EXPECT_NE(text.find("Holms VVS A/S"), std::string::npos);
  // Each letter starts a page: a form feed between them.
  EXPECT_NE(text.substr(alfa, beta - alfa).find('\f'), std::string::npos);
  EXPECT_EQ(op.get("/drift/brevservice/pdf?id=3").status, 404) << "not a service letter";
  EXPECT_EQ(op.get("/drift/brevservice/pdf").status, 422) << "none chosen";

  auto r = op.submit("/drift/brevservice", "/drift/brevservice/sendt", {{"id", "1"}, {"id", "2"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/drift/brevservice");
  EXPECT_TRUE(op.follow(r).has("Brevene er markeret som printet og sendt."));
  EXPECT_EQ(status_of(1), "sent");
  EXPECT_EQ(status_of(2), "sent");
  EXPECT_EQ(status_of(3), "waiting");
  EXPECT_TRUE(op.get("/drift/brevservice").has("Der er ingen breve at printe."));
  // The creditor sees it sent on the case.
  WebClient jens = logged_in_client(jens_, hansen_);
  EXPECT_TRUE(jens.get("/sager/1").has("<strong>Sendt</strong>"));
}

TEST_F(LetterService, ACreditorIsRefused) {
  reminder(jens_, hansen_, "Alfa ApS", letter_service());
  ASSERT_EQ(render_pending_documents(*db_, clock_), 1);
  WebClient jens = logged_in_client(jens_, hansen_);  // the account's administrator
  auto page = jens.get("/drift/brevservice");
  EXPECT_EQ(page.status, 403);
  EXPECT_TRUE(page.has("Kun installationens driftsansvarlige har adgang til denne side."))
      << page.body;
  EXPECT_FALSE(page.has("Alfa ApS"));
  EXPECT_EQ(jens.get("/drift/brevservice/pdf?id=1").status, 403);
  auto r = jens.post("/drift/brevservice/sendt", {{"id", "1"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(status_of(1), "waiting");
  // Not logged in: to the login page.
  auto anonymous = client().get("/drift/brevservice");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.location.rfind("/log-ind", 0), 0u);
}

}  // namespace
}  // namespace inkasso::testing
