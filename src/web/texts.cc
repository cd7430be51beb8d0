#include "web/texts.h"

#include <fmt/format.h>

#include "core/assert.h"
#include "core/text.h"
#include "web/embedded.h"
#include "web/http.h"

namespace inkasso::web {
namespace {

bool valid_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) return false;
  return true;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Result<Texts> Texts::load(std::string_view language) {
  // The table of a language is every file "<language>.<part>.txt", one part per area of the
  // product (so that areas can be worked on side by side); a key may appear in one part only.
  std::string prefix = std::string(language) + ".";
  std::string all;
  bool found = false;
  for (const auto& f : embedded_texts()) {
    if (f.name.substr(0, prefix.size()) != prefix) continue;
    found = true;
    all.append(f.contents);
    all += '\n';
  }
  if (!found) return make_error("not_found", "no text table for language " + std::string(language));
  return parse(all);
}

Result<Texts> Texts::parse(std::string_view contents) {
  Texts t;
  size_t pos = 0, line_no = 0;
  while (pos < contents.size()) {
    size_t end = contents.find('\n', pos);
    if (end == std::string_view::npos) end = contents.size();
    std::string line = trim(contents.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos)
      return make_error("invalid_texts", fmt::format("line {}: expected `key = text`", line_no));
    std::string key = trim(std::string_view(line).substr(0, eq));
    std::string value = trim(std::string_view(line).substr(eq + 1));
    if (!valid_key(key))
      return make_error("invalid_texts", fmt::format("line {}: invalid key", line_no));
    if (!t.texts_.emplace(key, value).second)
      return make_error("invalid_texts", fmt::format("line {}: {} twice", line_no, key));
  }
  return t;
}

const std::string& Texts::get(std::string_view key) const {
  auto it = texts_.find(key);
  INKASSO_ASSERT(it != texts_.end());
  return it->second;
}

bool Texts::has(std::string_view key) const {
  return texts_.find(key) != texts_.end();
}

Result<std::string> Texts::apply(std::string_view in) const {
  std::string out;
  out.reserve(in.size());
  size_t pos = 0;
  while (true) {
    size_t open = in.find("[[", pos);
    if (open == std::string_view::npos) break;
    size_t close = in.find("]]", open + 2);
    if (close == std::string_view::npos) break;
    std::string_view key = in.substr(open + 2, close - open - 2);
    if (!valid_key(key)) {  // not ours: keep it as it is
      out.append(in.substr(pos, open + 2 - pos));
      pos = open + 2;
      continue;
    }
    auto it = texts_.find(key);
    if (it == texts_.end())
      return make_error("unknown_text", "unknown text key [[" + std::string(key) + "]]");
    out.append(in.substr(pos, open - pos));
    out += ends_with(key, "_html") ? it->second : html_escape(it->second);
    pos = close + 2;
  }
  out.append(in.substr(pos));
  return out;
}

}  // namespace inkasso::web
