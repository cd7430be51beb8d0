// The parts of a message the SMTP sender writes itself, and the tracking link.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dispatch/mail_format.h"
#include "dispatch/tracking.h"
#include "store/dispatch_store.h"

namespace inkasso {
namespace {

TEST(MailFormat, HeaderTextIsEncodedOnlyWhenNeeded) {
  EXPECT_EQ(encode_header_text("Rykker nr. 2"), "Rykker nr. 2");
  // "Rykker på 100 kr." in UTF-8 is 18 bytes: one encoded word, base64 of those bytes.
  EXPECT_EQ(encode_header_text("Rykker på 100 kr."), "=?UTF-8?B?Unlra2VyIHDDpSAxMDAga3Iu?=");
  // No header injection: line breaks become spaces.
  EXPECT_EQ(encode_header_text("a\r\nBcc: x@y.dk"), "a  Bcc: x@y.dk");
  // Long text: several words of at most 75 characters, never splitting "ø" (2 bytes).
  const std::string long_text(60, 'o');
  const std::string with_oe = long_text + "ø" + long_text;
  const std::string encoded = encode_header_text(with_oe);
  size_t start = 0;
  int words = 0;
  while (start < encoded.size()) {
    size_t end = encoded.find(' ', start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - start, 75u);
    ++words;
    start = end + 1;
  }
  EXPECT_EQ(words, 3);  // 122 bytes in chunks of at most 45
}

TEST(MailFormat, Mailboxes) {
  EXPECT_EQ(format_mailbox("Kreditor A/S", "a@b.dk"), "\"Kreditor A/S\" <a@b.dk>");
  EXPECT_EQ(format_mailbox("Say \"hi\"", "a@b.dk"), "\"Say \\\"hi\\\"\" <a@b.dk>");
  EXPECT_EQ(format_mailbox("", "a@b.dk"), "<a@b.dk>");
  EXPECT_EQ(format_mailbox("Ærø", "a@b.dk"), "=?UTF-8?B?w4Zyw7g=?= <a@b.dk>");
}

TEST(MailFormat, DateIsRfc5322InUtc) {
  EXPECT_EQ(format_message_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(format_message_date(1'750'000'000), "Sun, 15 Jun 2025 15:06:40 +0000");
}

TEST(MailFormat, Addresses) {
  EXPECT_TRUE(valid_email_address("jensen@example.dk"));
  EXPECT_TRUE(valid_email_address("a.b+c@sub.example.dk"));
  for (const char* bad : {"", "jensen", "@example.dk", "a@b", "a@@b.dk", "a b@c.dk", "a@b..dk",
                          "a@b.dk>", "a@b.dk\r\nRCPT TO:<x@y.dk>", "søren@example.dk"})
    EXPECT_FALSE(valid_email_address(bad)) << bad;
}

TEST(MailFormat, HtmlFromText) {
  const std::string html = text_to_html("Hej <Jensen> & co.\n\nSe https://x.dk/aabn/T0k-_.\nTak");
  EXPECT_NE(html.find("<p>Hej &lt;Jensen&gt; &amp; co.</p>\n<p>Se "
                      "<a href=\"https://x.dk/aabn/T0k-_\">https://x.dk/aabn/T0k-_</a>.<br>\nTak"
                      "</p>"),
            std::string::npos)
      << html;
  EXPECT_EQ(crlf_lines("a\nb\r\nc"), "a\r\nb\r\nc");
}

TEST(MailFormat, ListUnsubscribeHeadersForAOneClickUrl) {
  const std::string url =
      "https://inkasso.example/opfoelgningsmail/afmeld/7-0123456789abcdef"
      "0123456789abcdef/et-klik";
  EXPECT_EQ(list_unsubscribe_headers(url),
            (std::vector<std::string>{"List-Unsubscribe: <" + url + ">",
                                      "List-Unsubscribe-Post: List-Unsubscribe=One-Click"}));
  // No URL, no list headers (a debtor's letter).
  EXPECT_TRUE(list_unsubscribe_headers("").empty());
  // RFC 8058 one-click is for HTTPS only: plain http (a test installation) keeps RFC 2369's
  // header alone, which a mail client opens in a browser (the route's GET shows the page).
  EXPECT_EQ(list_unsubscribe_headers("http://127.0.0.1:8080/x/et-klik"),
            (std::vector<std::string>{"List-Unsubscribe: <http://127.0.0.1:8080/x/et-klik>"}));
  // Anything that could end the header or the brackets gives no header at all.
  for (const char* bad :
       {"https://x.dk/a\r\nBcc: spy@evil.example", "https://x.dk/a\nX-Evil: 1", "https://x.dk/a\r",
        "https://x.dk/a>, <mailto:spy@evil.example", "https://x.dk/<a", "https://x.dk/a b",
        "https://x.dk/\"a", "https://x.dk/\ta", "https://x.dk/æ", "mailto:afmeld@x.dk",
        "javascript:alert(1)", "https://", "ftp://x.dk/a"})
    EXPECT_TRUE(list_unsubscribe_headers(bad).empty()) << bad;
  // The line limit of RFC 5322 (998 characters without CRLF): "List-Unsubscribe: <" is 19
  // characters and ">" 1, so a URL of 978 characters just fits and one of 979 does not.
  const std::string base = "https://x.dk/";
  const std::string fits = base + std::string(978 - base.size(), 'a');
  ASSERT_EQ(list_unsubscribe_headers(fits).size(), 2u);
  EXPECT_EQ(list_unsubscribe_headers(fits)[0].size(), 998u);
  EXPECT_TRUE(list_unsubscribe_headers(fits + "a").empty());
}

TEST(Tracking, TokensAreRandomAndHashed) {
  auto a = new_tracking_token(), b = new_tracking_token();
  EXPECT_EQ(a.token.size(), 43u);
  EXPECT_NE(a.token, b.token);
  EXPECT_EQ(
      a.token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  EXPECT_EQ(a.hash, tracking_token_hash(a.token));
  EXPECT_EQ(a.hash.size(), 64u);
  // BLAKE2b-256 of "abc" (RFC 7693 test vectors are for 512 bits; this is libsodium's 32-byte
  // output, checked against Python's hashlib.blake2b(b"abc", digest_size=32)).
  EXPECT_EQ(tracking_token_hash("abc"),
            "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  EXPECT_EQ(tracking_link("https://x.dk/", "T"), "https://x.dk/aabn/T");
  EXPECT_EQ(with_link("{{link}} og {{link}}", "L"), "L og L");
  EXPECT_EQ(with_link("ingen", "L"), "ingen");
}

TEST(Backoff, OneMinuteToTwelveHours) {
  EXPECT_EQ(retry_delay_seconds(1), 60);
  EXPECT_EQ(retry_delay_seconds(2), 300);
  EXPECT_EQ(retry_delay_seconds(3), 1800);
  EXPECT_EQ(retry_delay_seconds(4), 7200);
  EXPECT_EQ(retry_delay_seconds(5), 43200);
}

}  // namespace
}  // namespace inkasso
