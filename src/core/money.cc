#include "core/money.h"

#include "core/quote.h"

#include <cstdlib>

namespace inkasso {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

Error bad_amount(std::string_view text, const char* why) {
  return make_error("invalid_amount", "invalid amount " + quote_input(text) + ": " + why);
}

// Builds an amount from already separated parts: whole-kroner digits and 0-2 decimal digits.
Result<Money> assemble(std::string_view original, bool negative, std::string_view whole,
                       std::string_view decimals) {
  if (whole.empty()) return bad_amount(original, "no digits before the decimal separator");
  if (decimals.size() > 2) return bad_amount(original, "more than two decimals");
  int64_t ore = 0;
  for (char c : whole) {
    if (!is_digit(c)) return bad_amount(original, "not a number");
    ore = ore * 10 + (c - '0');
    if (ore > Money::kMaxAbsOre / 100) return bad_amount(original, "too large");
  }
  ore *= 100;
  int64_t frac = 0;
  for (char c : decimals) {
    if (!is_digit(c)) return bad_amount(original, "not a number");
    frac = frac * 10 + (c - '0');
  }
  if (decimals.size() == 1) frac *= 10;
  ore += frac;
  if (ore > Money::kMaxAbsOre) return bad_amount(original, "too large");
  return Money::from_ore(negative ? -ore : ore);
}

std::string_view strip_sign(std::string_view& text, bool& negative) {
  negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  return text;
}

std::string group_thousands(int64_t whole, char sep) {
  std::string digits = std::to_string(whole);
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out.push_back(sep);
    out.push_back(digits[static_cast<size_t>(i)]);
  }
  return out;
}

std::string format(int64_t ore, char thousands, char decimal) {
  bool negative = ore < 0;
  uint64_t abs = negative ? static_cast<uint64_t>(-(ore + 1)) + 1 : static_cast<uint64_t>(ore);
  std::string whole = thousands ? group_thousands(static_cast<int64_t>(abs / 100), thousands)
                                : std::to_string(abs / 100);
  unsigned frac = static_cast<unsigned>(abs % 100);
  std::string out = negative ? "-" : "";
  out += whole;
  out.push_back(decimal);
  out.push_back(static_cast<char>('0' + frac / 10));
  out.push_back(static_cast<char>('0' + frac % 10));
  return out;
}

}  // namespace

Result<Money> Money::parse(std::string_view text) {
  std::string_view rest = text;
  bool negative;
  strip_sign(rest, negative);
  auto dot = rest.find('.');
  if (dot == std::string_view::npos) return assemble(text, negative, rest, {});
  std::string_view decimals = rest.substr(dot + 1);
  if (decimals.empty()) return bad_amount(text, "no digits after the decimal point");
  return assemble(text, negative, rest.substr(0, dot), decimals);
}

Result<Money> Money::parse_danish(std::string_view text) {
  std::string_view rest = text;
  // Forms often carry stray spaces and a trailing "kr." or "kr"; accept both.
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
  for (std::string_view suffix : {"kr.", "kr"}) {
    if (rest.size() >= suffix.size() && rest.substr(rest.size() - suffix.size()) == suffix) {
      rest.remove_suffix(suffix.size());
      while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
      break;
    }
  }
  bool negative;
  strip_sign(rest, negative);
  std::string_view whole_grouped = rest, decimals;
  auto comma = rest.find(',');
  if (comma != std::string_view::npos) {
    whole_grouped = rest.substr(0, comma);
    decimals = rest.substr(comma + 1);
    if (decimals.empty()) return bad_amount(text, "no digits after the decimal comma");
  }
  // Thousands separators must sit between groups of exactly three digits.
  std::string whole;
  size_t group = 0;
  bool grouped = false;
  for (size_t i = 0; i < whole_grouped.size(); ++i) {
    char c = whole_grouped[i];
    if (c == '.') {
      if (i == 0 || (grouped && group != 3) || (!grouped && group > 3))
        return bad_amount(text, "misplaced thousands separator");
      grouped = true;
      group = 0;
      continue;
    }
    whole.push_back(c);
    ++group;
  }
  if (grouped && group != 3) return bad_amount(text, "misplaced thousands separator");
  return assemble(text, negative, whole, decimals);
}

std::string Money::to_plain() const {
  return format(ore_, 0, '.');
}
std::string Money::to_danish() const {
  return format(ore_, '.', ',');
}
std::string Money::to_kr() const {
  return to_danish() + " kr.";
}

}  // namespace inkasso
