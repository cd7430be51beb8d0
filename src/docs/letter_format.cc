#include "docs/letter_format.h"

#include <array>
#include <cstdio>
#include <string_view>

namespace inkasso {

std::string long_date(Date d) {
  static constexpr std::array<std::string_view, 12> kMonths{
      "januar", "februar", "marts",     "april",   "maj",      "juni",
      "juli",   "august",  "september", "oktober", "november", "december"};
  auto p = d.parts();
  return std::to_string(p.day) + ". " + std::string(kMonths[static_cast<size_t>(p.month - 1)]) +
         " " + std::to_string(p.year);
}

std::string short_date(Date d) {
  auto p = d.parts();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", p.day, p.month, p.year);
  return buf;
}

std::string rate_text(int32_t bp) {
  int32_t a = bp < 0 ? -bp : bp;
  char buf[32];
  // A no-break space before the sign keeps "9,75 %" on one line.
  std::snprintf(buf, sizeof buf, "%s%d,%02d\u00A0%%", bp < 0 ? "-" : "", a / 100, a % 100);
  return buf;
}

std::string percent_number(int32_t bp) {
  int32_t a = bp < 0 ? -bp : bp;
  std::string out = bp < 0 ? "-" : "";
  out += std::to_string(a / 100);
  int32_t frac = a % 100;
  if (frac != 0) {
    out += ',';
    out += static_cast<char>('0' + frac / 10);
    if (frac % 10) out += static_cast<char>('0' + frac % 10);
  }
  return out;
}

}  // namespace inkasso
