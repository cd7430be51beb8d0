// Money: an amount of Danish kroner held as a whole number of øre. Never a double.
//
// Arithmetic is checked: an overflow is a programmer error (inputs are bounded by
// Money::kMaxAbsOre when parsed), so it aborts rather than wraps. Parsing returns a Result;
// formatting for people (`1.477,50 kr.`) lives here too so every edge formats alike.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace inkasso {

class Money {
 public:
  // The largest amount accepted from input: 10 billion kroner. Sums of a case's amounts stay
  // far below int64's range, so checked arithmetic never trips on real data.
  static constexpr int64_t kMaxAbsOre = 1'000'000'000'000;

  constexpr Money() = default;
  static constexpr Money from_ore(int64_t ore) { return Money(ore); }
  static constexpr Money from_kroner(int64_t kroner) {
    INKASSO_ASSERT(kroner <= INT64_MAX / 100 && kroner >= INT64_MIN / 100);
    return Money(kroner * 100);
  }
  static constexpr Money zero() { return Money(0); }

  constexpr int64_t ore() const { return ore_; }
  constexpr bool is_zero() const { return ore_ == 0; }
  constexpr bool is_negative() const { return ore_ < 0; }
  constexpr bool is_positive() const { return ore_ > 0; }

  // Inline: these sit on the engine's hot path.
  Money operator+(Money o) const {
    int64_t r;
    INKASSO_ASSERT(!__builtin_add_overflow(ore_, o.ore_, &r));
    return Money(r);
  }
  Money operator-(Money o) const {
    int64_t r;
    INKASSO_ASSERT(!__builtin_sub_overflow(ore_, o.ore_, &r));
    return Money(r);
  }
  Money operator-() const {
    INKASSO_ASSERT(ore_ != INT64_MIN);
    return Money(-ore_);
  }
  Money& operator+=(Money o) { return *this = *this + o; }
  Money& operator-=(Money o) { return *this = *this - o; }
  constexpr auto operator<=>(const Money&) const = default;

  // "1500.00": digits, an optional '.' and at most two decimals, an optional leading '-'.
  // The format of the JSON files and the API.
  static Result<Money> parse(std::string_view text);
  // "1.500,00", "1500,00", "1500", "1.500": Danish notation as typed into a form; '.' groups
  // thousands and ',' separates at most two decimals.
  static Result<Money> parse_danish(std::string_view text);

  std::string to_plain() const;   // "1500.00", "-12.50"
  std::string to_danish() const;  // "1.500,00"
  std::string to_kr() const;      // "1.500,00 kr."

 private:
  constexpr explicit Money(int64_t ore) : ore_(ore) {}
  int64_t ore_ = 0;
};

inline Money min(Money a, Money b) {
  return a < b ? a : b;
}
inline Money max(Money a, Money b) {
  return a < b ? b : a;
}

}  // namespace inkasso
