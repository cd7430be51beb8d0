// Quoting input back to people in messages: an error must stay one line and short whatever the
// input held, so control characters are escaped and long values cut.
#pragma once

#include <string>
#include <string_view>

namespace inkasso {

// "\"<text>\"" with control characters as \n, \t or \xNN and at most `max_chars` bytes of the
// value (then "…").
std::string quote_input(std::string_view text, size_t max_chars = 40);

}  // namespace inkasso
