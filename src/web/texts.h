// The table of the user interface's texts, one per language (src/web/texts/<language>.*.txt,
// one file per area of the product, compiled in and read as one table). Every Danish word the pages
// show comes from here, so another language is one more file. The use cases' error messages
// (src/app, src/core/rules) are Danish already and are shown as they come.
//
// File format: `key = text` per line; `#` starts a comment line; keys are [a-z0-9_.]. A key
// ending in `_html` holds markup and is inserted as it is; every other text is HTML-escaped.
//
// In templates a text is written `[[key]]`; Views replaces it once at start-up, so texts cost
// nothing per request. A template naming a key the table lacks stops the server at start-up
// (and fails the test that loads every template).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace inkasso::web {

class Texts {
 public:
  // The embedded table of `language` ("da").
  static Result<Texts> load(std::string_view language);
  // Parses a table; an error names the line.
  static Result<Texts> parse(std::string_view contents);

  // The text of `key`; a missing key is a programmer error (asserts), so code names only
  // keys that exist (the text table test checks them).
  const std::string& get(std::string_view key) const;
  bool has(std::string_view key) const;
  // `template_text` with every [[key]] replaced (escaped unless the key ends in _html); an
  // unknown key is an error naming it.
  Result<std::string> apply(std::string_view template_text) const;
  const std::map<std::string, std::string, std::less<>>& all() const { return texts_; }

 private:
  std::map<std::string, std::string, std::less<>> texts_;
};

}  // namespace inkasso::web
