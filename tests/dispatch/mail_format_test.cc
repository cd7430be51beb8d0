// The parts of a message the SMTP sender writes itself, and the tracking link.
#include <gtest/gtest.h>

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
