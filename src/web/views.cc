#include "web/views.h"

#include "core/assert.h"
#include "web/embedded.h"
#include "web/http.h"

namespace inkasso::web {

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
                         std::move(*applied));
  }
  return v;
}

std::string Views::render(std::string_view name, const mstch::node& data) const {
  auto it = templates_.find(std::string(name));
  INKASSO_ASSERT(it != templates_.end());
  return mstch::render(it->second, data, templates_);
}

bool Views::has(std::string_view name) const {
  return templates_.count(std::string(name)) > 0;
}

}  // namespace inkasso::web
