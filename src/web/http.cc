#include "web/http.h"

#include <fmt/format.h>

namespace inkasso::web {
namespace {

const std::string kEmpty;

const std::string& first_value(const Fields& fields, std::string_view name) {
  for (const auto& [k, v] : fields)
    if (k == name) return v;
  return kEmpty;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

template <class Map>
const std::string& map_value(const Map& map, std::string_view name) {
  auto it = map.find(std::string(name));
  return it == map.end() ? kEmpty : it->second;
}

}  // namespace

const std::string& Request::query_value(std::string_view name) const {
  return first_value(query, name);
}

const std::string& Request::form_value(std::string_view name) const {
  return first_value(form, name);
}

bool Request::has_form_value(std::string_view name) const {
  for (const auto& field : form)
    if (field.first == name) return true;
  return false;
}

std::vector<std::string> Request::form_values(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [k, v] : form)
    if (k == name) values.push_back(v);
  return values;
}

const UploadedFile* Request::file(std::string_view field) const {
  for (const auto& f : files)
    if (f.field == field && !f.content.empty()) return &f;
  return nullptr;
}

const std::string& Request::header(std::string_view lower_case_name) const {
  return map_value(headers, lower_case_name);
}

const std::string& Request::cookie(std::string_view name) const {
  return map_value(cookies, name);
}

const std::string& Request::param(std::string_view name) const {
  return map_value(params, name);
}

bool Request::over_tls() const {
  return header("x-forwarded-proto") == "https";
}

Response Response::html(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::text(std::string body, int status) {
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

Response Response::redirect(std::string location) {
  Response r;
  r.status = 303;
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

Response Response::pdf(std::string body, std::string_view file_name) {
  Response r;
  r.content_type = "application/pdf";
  r.body = std::move(body);
  r.set_header("Content-Disposition", "inline; filename=\"" + ascii_file_name(file_name) +
                                          "\"; filename*=UTF-8''" + url_encode(file_name));
  return r;
}

std::string ascii_file_name(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(name[i]);
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
        ch == '.' || ch == '-') {
      out += static_cast<char>(ch);
      continue;
    }
    if (ch == 0xC3 && i + 1 < name.size()) {  // the Latin-1 letters of UTF-8
      switch (static_cast<unsigned char>(name[++i])) {
        case 0xA6:
          out += "ae";  // æ
          continue;
        case 0xB8:
          out += "oe";  // ø
          continue;
        case 0xA5:
          out += "aa";  // å
          continue;
        case 0x86:
          out += "Ae";  // Æ
          continue;
        case 0x98:
          out += "Oe";  // Ø
          continue;
        case 0x85:
          out += "Aa";  // Å
          continue;
        default:
          break;
      }
    } else if (ch >= 0x80) {
      while (i + 1 < name.size() && (static_cast<unsigned char>(name[i + 1]) & 0xC0) == 0x80) ++i;
    }
    if (!out.empty() && out.back() != '-') out += '-';
  }
  return out;
}

void Response::set_header(std::string name, std::string value) {
  for (auto& h : headers) {
    if (h.first == name) {
      h.second = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Fields parse_form(std::string_view body, size_t max_fields) {
  Fields fields;
  size_t pos = 0;
  while (pos <= body.size() && fields.size() < max_fields) {
    size_t end = body.find('&', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(pos, end - pos);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos)
        fields.emplace_back(url_decode(pair), std::string());
      else
        fields.emplace_back(url_decode(pair.substr(0, eq)), url_decode(pair.substr(eq + 1)));
    }
    pos = end + 1;
  }
  return fields;
}

std::map<std::string, std::string> parse_cookies(std::string_view header) {
  std::map<std::string, std::string> cookies;
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view pair = header.substr(pos, end - pos);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && eq > 0)
      cookies.emplace(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
    pos = end + 1;
  }
  return cookies;
}

std::string format_set_cookie(const Cookie& c) {
  std::string out = fmt::format("{}={}; Path=/; SameSite=Lax", c.name, c.value);
  if (c.max_age_seconds >= 0) out += fmt::format("; Max-Age={}", c.max_age_seconds);
  if (c.http_only) out += "; HttpOnly";
  if (c.secure) out += "; Secure";
  return out;
}

}  // namespace inkasso::web
