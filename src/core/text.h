// Small text helpers shared by the use cases and the store: trimming form input, counting
// characters as people do, and the lower-case search key that makes "ÆRØ" find "Ærø".
#pragma once

#include <string>
#include <string_view>

namespace inkasso {

// Without leading and trailing spaces, tabs and line breaks.
std::string trim(std::string_view s);
// Without any spaces or tabs (numbers typed in groups: "2735 5021").
std::string without_spaces(std::string_view s);
// Characters as people count them: UTF-8 code points.
size_t utf8_length(std::string_view s);
// ASCII letters lower-cased, everything else as it is.
std::string ascii_lower(std::string_view s);
// The search key of a name: ASCII and the Latin-1 capitals written as UTF-8 (Æ Ø Å Ä Ö Ü É ...)
// lower-cased. Stored beside names (debtors.name_search) and applied to search text, so that
// search is case-insensitive for Danish letters on SQLite too, whose lower() is ASCII-only.
std::string search_key(std::string_view s);

// Escapes & < > " ' for HTML text and attribute values (the pages, the digest e-mail).
std::string html_escape(std::string_view text);

}  // namespace inkasso
