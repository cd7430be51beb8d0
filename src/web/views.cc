#include "web/views.h"

#include <set>
#include <vector>

#include "core/assert.h"
#include "web/embedded.h"
#include "web/http.h"

namespace inkasso::web {

namespace {

// The template without the indentation at the start of its lines and without blank lines: the
// browser ignores both, and mstch's tokenizer, which runs on every render, then has a third less
// to read. (Templates hold no <pre>; a <textarea> keeps its value on one line.)
std::string without_indentation(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos) {
      out.append(line.substr(first));
      out += '\n';
    }
    pos = end + 1;
  }
  return out;
}

// The names of the partials a template includes: {{> name}}.
std::vector<std::string> partial_names(const std::string& text) {
  std::vector<std::string> names;
  size_t pos = 0;
  while ((pos = text.find("{{>", pos)) != std::string::npos) {
    size_t end = text.find("}}", pos);
    if (end == std::string::npos) break;
    std::string name = text.substr(pos + 3, end - pos - 3);
    size_t first = name.find_first_not_of(' '), last = name.find_last_not_of(' ');
    if (first != std::string::npos) names.push_back(name.substr(first, last - first + 1));
    pos = end + 2;
  }
  return names;
}

}  // namespace

Result<Views> Views::load(const Texts& texts) {
  // mstch escapes {{values}} with this; ours also escapes the single quote.
  mstch::config::escape = [](const std::string& s) { return html_escape(s); };
  Views v;
  constexpr std::string_view kSuffix = ".mustache";
  for (const auto& f : embedded_templates()) {
    std::string_view name = f.name;
    if (name.size() <= kSuffix.size() || name.substr(name.size() - kSuffix.size()) != kSuffix)
      continue;
    auto applied = texts.apply(f.contents);
    if (!applied)
      return make_error(applied.error().code, std::string(name) + ": " + applied.error().message);
    v.templates_.emplace(std::string(name.substr(0, name.size() - kSuffix.size())),
                         without_indentation(*applied));
  }
  for (const auto& [name, text] : v.templates_) {
    std::map<std::string, std::string>& needed = v.partials_[name];
    std::vector<std::string> pending = partial_names(text);
    while (!pending.empty()) {
      std::string partial = std::move(pending.back());
      pending.pop_back();
      auto it = v.templates_.find(partial);
      if (it == v.templates_.end())
        return make_error("unknown_partial", name + ": no template named " + partial);
      if (!needed.emplace(partial, it->second).second) continue;
      for (auto& more : partial_names(it->second)) pending.push_back(std::move(more));
    }
  }
  return v;
}

std::string Views::render(std::string_view name, const mstch::node& data) const {
  auto it = templates_.find(std::string(name));
  INKASSO_ASSERT(it != templates_.end());
  return mstch::render(it->second, data, partials_.at(it->first));
}

bool Views::has(std::string_view name) const {
  return templates_.count(std::string(name)) > 0;
}

}  // namespace inkasso::web
