// The page templates (src/web/templates/*.mustache, compiled in), rendered with mstch.
//
// At start-up every template gets its [[text]] keys replaced from the text table (texts.h); a
// missing key fails `load`. Templates are logic-less: they show what the handler's view model
// holds and escape every {{value}} (triple braces only for HTML we built and escaped ourselves).
// Every template can include any other as a partial: {{> money_row}}.
//
// Speed: mstch tokenizes a template, and every partial handed to it, on each render (it keeps no
// parsed form). So each template is rendered with only the partials it names, directly or
// through other partials, worked out once at load: handing all ~40 templates to every render
// made tokenizing 80 % of a page's time.
//
// Thread-safety: immutable after load; render from any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

#include "core/result.h"
#include "web/texts.h"

namespace inkasso::web {

class Views {
 public:
  static Result<Views> load(const Texts& texts);

  // Renders the template `name` (file name without ".mustache").
  std::string render(std::string_view name, const mstch::node& data) const;
  bool has(std::string_view name) const;

 private:
  std::map<std::string, std::string> templates_;
  // Per template, the partials it needs (transitively), ready to hand to mstch.
  std::map<std::string, std::map<std::string, std::string>> partials_;
};

}  // namespace inkasso::web
