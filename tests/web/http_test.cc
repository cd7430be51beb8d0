// The pure parts of the web layer: form and cookie parsing, escaping, the router, the text
// table and that every template's texts exist.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "web/http.h"
#include "web/router.h"
#include "web/texts.h"
#include "web/view_support.h"
#include "web/views.h"

namespace inkasso::web {
namespace {

TEST(HttpTest, FormFieldsAreDecodedInOrderWithRepeats) {
  Fields f = parse_form("ref=Faktura+12&amount=1.500%2C00&ref=%C3%86bler&empty=&flag");
  ASSERT_EQ(f.size(), 5u);
  EXPECT_EQ(f[0], (std::pair<std::string, std::string>{"ref", "Faktura 12"}));
  EXPECT_EQ(f[1].second, "1.500,00");
  EXPECT_EQ(f[2].second, "Æbler");
  EXPECT_EQ(f[3].second, "");
  EXPECT_EQ(f[4].first, "flag");
}

TEST(HttpTest, BrokenEscapesAreKeptAsTyped) {
  EXPECT_EQ(url_decode("100%"), "100%");
  EXPECT_EQ(url_decode("%zz%4"), "%zz%4");
  EXPECT_EQ(url_decode(url_encode("æ ø/å?&=")), "æ ø/å?&=");
}

TEST(HttpTest, FormsAreCappedInFields) {
  std::string body;
  for (int i = 0; i < 3000; ++i) body += "a=1&";
  EXPECT_EQ(parse_form(body).size(), 2000u);
}

TEST(HttpTest, CookiesAreParsed) {
  auto c = parse_cookies("inkasso_session=abc; other=1;  x = y ;bad");
  EXPECT_EQ(c["inkasso_session"], "abc");
  EXPECT_EQ(c["other"], "1");
  EXPECT_EQ(c.count("bad"), 0u);
}

TEST(HttpTest, SetCookieCarriesTheFlags) {
  EXPECT_EQ(format_set_cookie(Cookie{"s", "v", -1, true, true}),
            "s=v; Path=/; SameSite=Lax; HttpOnly; Secure");
  EXPECT_EQ(format_set_cookie(Cookie{"s", "", 0, true, false}),
            "s=; Path=/; SameSite=Lax; Max-Age=0; HttpOnly");
}

TEST(HttpTest, HtmlIsEscaped) {
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(RouterTest, MatchesLiteralsAndParameters) {
  Router<int> r;
  r.add("GET", "/sager", 1);
  r.add("GET", "/sager/ny", 2);
  r.add("GET", "/sager/{number}", 3);
  r.add("POST", "/sager/{number}/handling", 4);
  Request req;
  req.method = "GET";
  req.path = "/sager/ny";
  EXPECT_EQ(*r.match(req), 2);  // the literal first: routes are tried in order
  req.path = "/sager/17/";
  EXPECT_EQ(*r.match(req), 3);
  EXPECT_EQ(req.param("number"), "17");
  req.path = "/sager/17/handling";
  bool path_matched = false;
  EXPECT_EQ(r.match(req, &path_matched), nullptr);  // GET on a POST route: 405
  EXPECT_TRUE(path_matched);
  req.path = "/andet";
  EXPECT_EQ(r.match(req, &path_matched), nullptr);
  EXPECT_FALSE(path_matched);
  req.method = "HEAD";
  req.path = "/sager";
  EXPECT_EQ(*r.match(req), 1);
}

TEST(TextsTest, TheTableParsesAndRefusesDuplicatesAndBadLines) {
  auto t = Texts::parse("# comment\na.b = Hej\n\nc_html = <b>x</b>\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->get("a.b"), "Hej");
  EXPECT_FALSE(Texts::parse("a = 1\na = 2\n"));
  EXPECT_FALSE(Texts::parse("no equals sign\n"));
  EXPECT_FALSE(Texts::parse("Bad Key = x\n"));
}

TEST(TextsTest, KeysInTemplatesAreReplacedAndEscaped) {
  auto t = Texts::parse("greeting = Hej & farvel\nbold_html = <b>fed</b>\n");
  ASSERT_TRUE(t);
  auto out = t->apply("<p>[[greeting]]</p>[[bold_html]] [[not a key]] {{value}}");
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "<p>Hej &amp; farvel</p><b>fed</b> [[not a key]] {{value}}");
  auto missing = t->apply("[[nope]]");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("nope"), std::string::npos);
}

TEST(TextsTest, TheDanishTableLoadsAndEveryTemplateFindsItsTexts) {
  auto t = Texts::load("da");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->get("nav.cases"), "Søg en sag");
  auto views = Views::load(*t);
  ASSERT_TRUE(views) << views.error().message;
  EXPECT_TRUE(views->has("layout"));
}

TEST(ViewSupportTest, PercentagesInBasisPoints) {
  EXPECT_EQ(format_percent_short(2000), "20");
  EXPECT_EQ(format_percent_short(1250), "12,5");
  EXPECT_EQ(format_percent_short(805), "8,05");
  EXPECT_EQ(format_rate(1000), "10,00");
  EXPECT_EQ(format_rate(805), "8,05");
  EXPECT_EQ(parse_percent("8,05"), 805);
  EXPECT_EQ(parse_percent(" 8.5 % "), 850);
  EXPECT_EQ(parse_percent("20"), 2000);
  EXPECT_EQ(parse_percent("8,055"), std::nullopt);
  EXPECT_EQ(parse_percent("otte"), std::nullopt);
  EXPECT_EQ(parse_percent("1000"), std::nullopt);
}

TEST(ViewSupportTest, TimesAreCopenhagenTimeWhateverTheProcesssTimeZone) {
  // The queue's "Sendes" and its "Planlagt til" showed 06:00 and 07:00 for one sending when the
  // server ran in UTC. 2026-12-01 09:05 UTC: day 20,788 × 86,400 + 9 × 3,600 + 5 × 60
  // = 1,796,083,200 + 32,700 = 1,796,115,900; Copenhagen (CET, +1) 10:05.
  const char* before = std::getenv("TZ");
  const std::string saved = before ? before : "";
  for (const char* zone : {"UTC", "America/New_York", "Etc/GMT-14"}) {
    setenv("TZ", zone, 1);
    tzset();  // as a process started with it would have
    EXPECT_EQ(format_time(1'796'115'900), "01-12-2026 10:05") << zone;
  }
  if (before)
    setenv("TZ", saved.c_str(), 1);
  else
    unsetenv("TZ");
  tzset();
}

}  // namespace
}  // namespace inkasso::web
