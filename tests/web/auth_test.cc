// Log in, log out, sign up, sessions, CSRF, throttling and the security headers, over HTTP.
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

using AuthTest = WebTest;

TEST_F(AuthTest, PagesNeedALogin) {
  WebClient c = client();
  auto r = c.get("/sager");
  EXPECT_EQ(r.status, 303);
  // The server sends "videre=%2Fsager"; the test client hands the Location header back decoded.
  EXPECT_EQ(r.location, "/log-ind?videre=/sager");
  r = c.get("/");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/log-ind");
}

TEST_F(AuthTest, LoginWithTheRightPasswordOpensTheAccount) {
  int64_t user = make_user("jens@hansen.dk");
  make_company(user);
  WebClient c = client();
  auto form = c.get("/log-ind");
  EXPECT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("Log ind"));
  // Any letter case of the e-mail; back to the page asked for.
  auto r =
      c.post("/log-ind",
             {{"email", "Jens@Hansen.dk"}, {"password", "kodeord-1234"}, {"videre", "/sager"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/sager");
  std::string cookie = r.header("Set-Cookie");
  auto home = c.get("/");
  EXPECT_EQ(home.status, 200);
  EXPECT_TRUE(home.has("Hansens Tømrer ApS"));
  EXPECT_TRUE(home.has("Goddag Jens"));
}

TEST_F(AuthTest, SessionCookieIsHttpOnlyAndSameSite) {
  int64_t user = make_user("jens@hansen.dk");
  make_company(user);
  WebClient c = client();
  c.get("/log-ind");
  auto r = c.post("/log-ind", {{"email", "jens@hansen.dk"}, {"password", "kodeord-1234"}});
  bool found = false;
  for (const auto& [k, v] : r.headers) {
    if (k != "Set-Cookie" || v.rfind("inkasso_session=", 0) != 0) continue;
    found = true;
    EXPECT_NE(v.find("HttpOnly"), std::string::npos);
    EXPECT_NE(v.find("SameSite=Lax"), std::string::npos);
    EXPECT_EQ(v.find("Secure"), std::string::npos);  // plain HTTP on loopback
  }
  EXPECT_TRUE(found);
}

TEST_F(AuthTest, WrongPasswordSaysSoInDanishAndLogsNobodyIn) {
  make_user("jens@hansen.dk");
  WebClient c = client();
  c.get("/log-ind");
  auto r = c.post("/log-ind", {{"email", "jens@hansen.dk"}, {"password", "forkert-kodeord"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_TRUE(r.has("E-mail eller kodeord er forkert."));
  EXPECT_TRUE(r.has("value=\"jens@hansen.dk\""));  // the e-mail typed is kept
  EXPECT_EQ(c.get("/sager").status, 303);
}

TEST_F(AuthTest, ANextAddressOfAnotherSiteIsIgnored) {
  int64_t user = make_user("jens@hansen.dk");
  make_company(user);
  WebClient c = client();
  c.get("/log-ind");
  auto r = c.post(
      "/log-ind",
      {{"email", "jens@hansen.dk"}, {"password", "kodeord-1234"}, {"videre", "//evil.example/"}});
  EXPECT_EQ(r.location, "/");
}

TEST_F(AuthTest, LoginIsThrottledPerEmailAfterFiveFailures) {
  make_user("jens@hansen.dk");
  WebClient c = client();
  c.get("/log-ind");
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(c.post("/log-ind", {{"email", "jens@hansen.dk"}, {"password", "forkert"}}).status,
              401);
  // The sixth attempt is refused even with the right password.
  auto r = c.post("/log-ind", {{"email", "jens@hansen.dk"}, {"password", "kodeord-1234"}});
  EXPECT_EQ(r.status, 429);
  EXPECT_TRUE(r.has("For mange forkerte forsøg"));
  // A quarter of an hour later it works again.
  clock_.set(kNow + 15 * 60 + 1, Date::ymd(2026, 11, 23));
  r = c.post("/log-ind", {{"email", "jens@hansen.dk"}, {"password", "kodeord-1234"}});
  EXPECT_EQ(r.status, 303);
}

TEST_F(AuthTest, LoginIsThrottledPerAddressAcrossEmails) {
  WebClient c = client();
  c.get("/log-ind");
  for (int i = 0; i < 20; ++i)
    c.post("/log-ind", {{"email", "nr" + std::to_string(i) + "@example.dk"}, {"password", "x"}});
  make_user("jens@hansen.dk");
  auto r = c.post("/log-ind", {{"email", "jens@hansen.dk"}, {"password", "kodeord-1234"}});
  EXPECT_EQ(r.status, 429);
}

TEST_F(AuthTest, PostWithoutTheCsrfTokenIsRefusedAndChangesNothing) {
  int64_t user = make_user("jens@hansen.dk");
  make_company(user);
  WebClient c = logged_in_client(user, std::nullopt);
  auto r = c.post("/log-ud", {{"csrf", "not-the-token"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(r.has("Formularen er udløbet"));
  // Still logged in: the front page asks for an account, not for a login.
  EXPECT_EQ(c.get("/").location, "/konto/vaelg");
  // Before login, too: the login form's token must match its cookie.
  WebClient anonymous = client();
  r = anonymous.post("/log-ind", {{"email", "jens@hansen.dk"}, {"password", "kodeord-1234"}});
  EXPECT_EQ(r.status, 403);
}

TEST_F(AuthTest, LogoutEndsTheSessionOnTheServer) {
  int64_t user = make_user("jens@hansen.dk");
  int64_t account = make_company(user);
  WebClient c = logged_in_client(user, account);
  EXPECT_EQ(c.get("/").status, 200);
  auto r = c.post("/log-ud", {});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/log-ind");
  EXPECT_TRUE(c.follow(r).has("Du er logget ud."));
  EXPECT_EQ(c.get("/").status, 303);
}

TEST_F(AuthTest, ASessionEndsAfterTwelveIdleHours) {
  int64_t user = make_user("jens@hansen.dk");
  int64_t account = make_company(user);
  WebClient c = logged_in_client(user, account);
  clock_.set(kNow + 12 * 3600 + 1, Date::ymd(2026, 11, 23));
  EXPECT_EQ(c.get("/").status, 303);
}

TEST_F(AuthTest, SignUpCreatesTheUserAndLeadsToCreatingAnAccount) {
  WebClient c = client();
  EXPECT_EQ(c.get("/opret-bruger").status, 200);
  auto r = c.post("/opret-bruger", {{"first_name", "Mette"},
                                    {"last_name", "Madsen"},
                                    {"email", "mette@madsen.dk"},
                                    {"password", "hemmeligt-42"},
                                    {"password_repeat", "hemmeligt-42"},
                                    {"accepted_terms", "1"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/konto/opret");
  // Logged in now: the front page asks for an account first.
  EXPECT_EQ(c.get("/").location, "/konto/vaelg");
}

TEST_F(AuthTest, SignUpErrorsAreShownBesideTheFieldsAndNothingIsLost) {
  WebClient c = client();
  c.get("/opret-bruger");
  auto r = c.post("/opret-bruger", {{"first_name", "Mette"},
                                    {"last_name", "Madsen"},
                                    {"email", "mette@madsen.dk"},
                                    {"password", "hemmeligt-42"},
                                    {"password_repeat", "hemmeligt-43"},
                                    {"accepted_terms", "1"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("class=\"field-error\""));
  EXPECT_TRUE(r.has("value=\"Mette\""));
  EXPECT_TRUE(r.has("value=\"mette@madsen.dk\""));
  EXPECT_FALSE(r.has("hemmeligt-42"));  // passwords are never sent back
}

TEST_F(AuthTest, EveryPageCarriesTheSecurityHeaders) {
  WebClient c = client();
  auto r = c.get("/log-ind");
  EXPECT_NE(r.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(r.header("Content-Security-Policy").find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  auto missing = c.get("/findes-ikke");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("X-Frame-Options"), "DENY");
}

TEST_F(AuthTest, TypedTextIsEscaped) {
  WebClient c = client();
  c.get("/opret-bruger");
  auto r = c.post("/opret-bruger", {{"first_name", "<script>alert(1)</script>"},
                                    {"last_name", "\"><img src=x>"},
                                    {"email", "ikke-en-email"},
                                    {"password", "hemmeligt-42"},
                                    {"password_repeat", "hemmeligt-42"},
                                    {"accepted_terms", "1"}});
  EXPECT_FALSE(r.has("<script>alert"));
  EXPECT_FALSE(r.has("\"><img"));
  EXPECT_TRUE(r.has("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_F(AuthTest, StylesheetAndScriptAreServed) {
  WebClient c = client();
  auto css = c.get("/static/app.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_TRUE(css.has(".panel"));
  EXPECT_EQ(c.get("/static/app.js").status, 200);
}

}  // namespace
}  // namespace inkasso::testing
