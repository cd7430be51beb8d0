// The pieces of an Internet message that the SMTP sender writes itself (RFC 5322, RFC 2047).
// Pure functions, no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace inkasso {

// A header value safe to send: as it is when it is printable ASCII, otherwise RFC 2047 encoded
// words ("=?UTF-8?B?...?="), each at most 75 characters and never splitting a UTF-8 character.
// Line breaks and other control characters become spaces first (no header injection).
std::string encode_header_text(std::string_view utf8);

// A mailbox for From/Reply-To: `"Name" <address>` (the name encoded when not ASCII), or just
// `<address>` when the name is empty.
std::string format_mailbox(std::string_view name, std::string_view address);

// "Tue, 03 Jun 2025 12:00:00 +0000" for a Unix time (UTC), independent of the locale.
std::string format_message_date(int64_t unix_seconds);

// Whether `address` is a plain ASCII e-mail address we can put in RCPT TO and a header:
// local@domain.tld, at most 254 characters, no spaces, quotes, brackets or control characters.
bool valid_email_address(std::string_view address);

// The text with bare LF turned into CRLF (what SMTP and the quoted-printable encoder expect).
std::string crlf_lines(std::string_view text);

// The list headers for a one-click unsubscribe URL (RFC 2369 and RFC 8058), as whole header
// lines without CRLF:
//   List-Unsubscribe: <https://inkasso.example/opfoelgningsmail/afmeld/7-.../et-klik>
//   List-Unsubscribe-Post: List-Unsubscribe=One-Click
// RFC 8058 allows one-click only for an HTTPS URL: an http:// URL (a test installation) gets
// the first header alone, where a mail client may open the URL in a browser. None at all for ""
// or for a URL that could break out of the header or its angle brackets: anything but printable
// ASCII without space, '<', '>' and '"' (so no CR/LF: no header injection), or a header line
// over RFC 5322's 998 characters. Nothing is encoded or folded: the URL is used as it is or not.
std::vector<std::string> list_unsubscribe_headers(std::string_view url);

// A small HTML version of a plain text: escaped, paragraphs from blank lines, line breaks kept,
// and every http(s):// URL made a link.
std::string text_to_html(std::string_view text);

}  // namespace inkasso
