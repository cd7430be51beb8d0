#include "core/quote.h"

#include <cstdio>

namespace inkasso {

std::string quote_input(std::string_view text, size_t max_chars) {
  std::string out = "\"";
  bool cut = text.size() > max_chars;
  if (cut) {
    text = text.substr(0, max_chars);
    // Do not split a UTF-8 sequence: drop trailing continuation bytes and their lead byte.
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80)
      text.remove_suffix(1);
    if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.remove_suffix(1);
  }
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (u < 0x20 || u == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", u);
      out += buf;
    } else {
      out.push_back(c);
    }
  }
  if (cut) out += "…";
  out += "\"";
  return out;
}

}  // namespace inkasso
