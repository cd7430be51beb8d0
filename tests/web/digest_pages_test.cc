// The follow-up digest's unsubscribe link (web/digest_pages.cc) over HTTP against the real
// server: the page asks first, the mail client's one-click POST needs no cookie, a wrong token
// changes nothing.
#include "app/users.h"
#include "jobs/digest_unsubscribe.h"
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

class DigestPages : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    user_ = make_user("jens@hansen.dk");
    token_ = digest_unsubscribe_token(*box_, user_);
  }

  bool subscribed() {
    auto u = get_user(*db_, Actor{user_});
    EXPECT_TRUE(u);
    return u && u->digest_subscribed;
  }

  int64_t user_ = 0;
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

}  // namespace
}  // namespace inkasso::testing
