#include "dispatch/mail_format.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include <sodium.h>

namespace inkasso {

namespace {

bool printable_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) return false;
  return true;
}

std::string without_controls(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c);
  return out;
}

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

}  // namespace

std::string encode_header_text(std::string_view utf8) {
  std::string text = without_controls(utf8);
  // "=?" would be read as the start of an encoded word: encode such text too.
  if (printable_ascii(text) && text.find("=?") == std::string::npos) return text;
  // 45 bytes become 60 base64 characters: with "=?UTF-8?B?" and "?=" that is 72 <= 75.
  constexpr size_t kChunk = 45;
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = std::min(text.size(), at + kChunk);
    // Back up to the start of a UTF-8 character (continuation bytes are 10xxxxxx).
    while (end < text.size() && end > at + 1 &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      --end;
    if (!out.empty()) out += ' ';
    out += "=?UTF-8?B?" + base64(std::string_view(text).substr(at, end - at)) + "?=";
    at = end;
  }
  return out;
}

std::string format_mailbox(std::string_view name, std::string_view address) {
  std::string addr = "<" + without_controls(address) + ">";
  std::string clean = without_controls(name);
  if (clean.empty()) return addr;
  if (printable_ascii(clean) && clean.find("=?") == std::string::npos) {
    std::string quoted = "\"";
    for (char c : clean) {
      if (c == '"' || c == '\\') quoted.push_back('\\');
      quoted.push_back(c);
    }
    return quoted + "\" " + addr;
  }
  return encode_header_text(clean) + " " + addr;
}

std::string format_message_date(int64_t unix_seconds) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

bool valid_email_address(std::string_view a) {
  if (a.empty() || a.size() > 254) return false;
  size_t at = a.find('@');
  if (at == std::string_view::npos || at == 0 || a.find('@', at + 1) != std::string_view::npos)
    return false;
  std::string_view domain = a.substr(at + 1);
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.' || domain.find("..") != std::string_view::npos)
    return false;
  for (char c : a) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return false;
    if (std::string_view("<>()[]\\,;:\"").find(c) != std::string_view::npos) return false;
  }
  return true;
}

std::string crlf_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out.push_back('\r');
    out.push_back(text[i]);
  }
  return out;
}

std::vector<std::string> list_unsubscribe_headers(std::string_view url) {
  constexpr std::string_view kName = "List-Unsubscribe: <";
  constexpr size_t kMaxLine = 998;  // RFC 5322 2.1.1, without the CRLF
  const bool https = url.starts_with("https://");
  if (!https && !url.starts_with("http://")) return {};
  if (url.size() == (https ? 8u : 7u)) return {};  // no host
  if (kName.size() + url.size() + 1 > kMaxLine) return {};
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '<' || c == '>' || c == '"') return {};
  }
  std::vector<std::string> lines{std::string(kName) + std::string(url) + ">"};
  if (https) lines.emplace_back("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  return lines;
}

std::string text_to_html(std::string_view text) {
  std::string body;
  auto escape = [&](std::string_view s) {
    for (char c : s) {
      switch (c) {
        case '&':
          body += "&amp;";
          break;
        case '<':
          body += "&lt;";
          break;
        case '>':
          body += "&gt;";
          break;
        case '"':
          body += "&quot;";
          break;
        case '\r':
          break;
        case '\n':
          body += "<br>\n";
          break;
        default:
          body.push_back(c);
      }
    }
  };
  size_t at = 0;
  while (at < text.size()) {
    size_t http = text.find("http", at);
    if (http == std::string_view::npos) {
      escape(text.substr(at));
      break;
    }
    std::string_view rest = text.substr(http);
    if (!rest.starts_with("http://") && !rest.starts_with("https://")) {
      escape(text.substr(at, http + 4 - at));
      at = http + 4;
      continue;
    }
    escape(text.substr(at, http - at));
    size_t end = http;
    while (end < text.size() && static_cast<unsigned char>(text[end]) > 0x20 && text[end] != '<' &&
           text[end] != '>' && text[end] != '"')
      ++end;
    // A full stop or comma right after a link ends the sentence, not the link.
    while (end > http && (text[end - 1] == '.' || text[end - 1] == ',')) --end;
    std::string_view url = text.substr(http, end - http);
    body += "<a href=\"";
    escape(url);
    body += "\">";
    escape(url);
    body += "</a>";
    at = end;
  }
  // Blank lines separate paragraphs.
  std::string out = "<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n<p>";
  for (size_t i = 0; i < body.size(); ++i) {
    if (body.compare(i, 10, "<br>\n<br>\n") == 0) {
      out += "</p>\n<p>";
      i += 9;
      while (body.compare(i + 1, 5, "<br>\n") == 0) i += 5;
    } else {
      out.push_back(body[i]);
    }
  }
  out += "</p>\n</body></html>\n";
  return out;
}

}  // namespace inkasso
