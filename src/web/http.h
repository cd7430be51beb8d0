// Our own small HTTP types. The server library (cpp-httplib, server.cc) is translated into these
// at the edge, so every page handler, the router and the tests depend on nothing else and the
// library can be swapped (../shared/spec/stack.md).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.h"

namespace inkasso::web {

// Name/value pairs in the order they came (a form may repeat a name: one row per claim).
using Fields = std::vector<std::pair<std::string, std::string>>;

// A file part of a multipart/form-data body (an upload field with a file name).
struct UploadedFile {
  std::string field;         // the form field's name
  std::string file_name;     // as the browser sent it; never trusted as a path
  std::string content_type;  // as the browser claimed it; check the content itself
  std::string content;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path without the query string, e.g. "/sager/12"
  Fields query;        // the query string, decoded
  Fields form;         // an application/x-www-form-urlencoded body, decoded, or the plain
                       // fields of a multipart/form-data body
  std::vector<UploadedFile> files;  // the file parts of a multipart/form-data body
  std::string body;                 // the raw body (a JSON callback reads it; forms use `form`)
  std::map<std::string, std::string> headers;  // names lower-cased
  std::map<std::string, std::string> cookies;
  std::map<std::string, std::string> params;  // path parameters the router matched ("{number}")
  std::string remote_addr;

  // The first value of a name, or "" when absent.
  const std::string& query_value(std::string_view name) const;
  const std::string& form_value(std::string_view name) const;
  bool has_form_value(std::string_view name) const;
  // Every value of a repeated name, in order.
  std::vector<std::string> form_values(std::string_view name) const;
  // The uploaded file of a field, or nullptr when none was sent (an empty file input counts as
  // none).
  const UploadedFile* file(std::string_view field) const;
  const std::string& header(std::string_view lower_case_name) const;
  const std::string& cookie(std::string_view name) const;
  const std::string& param(std::string_view name) const;
  // Whether the client came over TLS (nginx in front sets X-Forwarded-Proto).
  bool over_tls() const;
};

struct Cookie {
  std::string name;
  std::string value;
  int64_t max_age_seconds = -1;  // -1: a session cookie; 0: delete
  bool http_only = true;
  bool secure = false;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<Cookie> cookies;

  static Response html(std::string body, int status = 200);
  static Response text(std::string body, int status = 200);
  // 303 See Other: the answer to a successful form POST (the browser then GETs `location`).
  static Response redirect(std::string location);
  // A PDF shown in the browser (inline) and saved under `file_name` (UTF-8, RFC 6266
  // filename*, with an ASCII fallback for old browsers).
  static Response pdf(std::string body, std::string_view file_name);
  void set_header(std::string name, std::string value);
};

// Percent-decoding with '+' as space (form encoding). Invalid escapes are kept as typed.
std::string url_decode(std::string_view text);
std::string url_encode(std::string_view text);
// "a=1&b=2" into pairs, decoded. At most `max_fields` pairs are kept (a limit on everything).
Fields parse_form(std::string_view body, size_t max_fields = 2000);
std::map<std::string, std::string> parse_cookies(std::string_view header);
std::string format_set_cookie(const Cookie& cookie);
// "Rykker nr. 2 23-11-2026.pdf" in ASCII for a header: æ ø å spelt ae oe aa, anything else
// outside letters, digits, '.' and '-' a '-'.
std::string ascii_file_name(std::string_view name);
// Escapes & < > " ' for HTML text and attribute values.
using inkasso::html_escape;  // core/text.h

}  // namespace inkasso::web
