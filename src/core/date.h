// Date: a civil (calendar) date with no time and no zone, held as days since 1970-01-01.
// The engine works on dates only and is handed "today"; it never reads the clock.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace inkasso {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(int32_t days_since_epoch) { return Date(days_since_epoch); }
  // Valid years are 1900..9999; anything else is rejected as input.
  static Result<Date> from_ymd(int year, int month, int day);
  // Asserting variant for literals in code and tests.
  static Date ymd(int year, int month, int day);
  // Strictly "YYYY-MM-DD".
  static Result<Date> parse(std::string_view text);

  constexpr int32_t days() const { return days_; }
  struct Parts {
    int year, month, day;
  };
  Parts parts() const;  // one conversion for all three
  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31
  // 0 = Monday ... 6 = Sunday.
  int weekday() const;

  std::string to_iso() const;     // "2025-06-01"
  std::string to_danish() const;  // "01.06.2025"

  constexpr Date operator+(int32_t n) const { return Date(days_ + n); }
  constexpr Date operator-(int32_t n) const { return Date(days_ - n); }
  constexpr int32_t operator-(Date o) const { return days_ - o.days_; }
  Date& operator+=(int32_t n) {
    days_ += n;
    return *this;
  }
  constexpr auto operator<=>(const Date&) const = default;

  // The same day n months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
  Date add_months(int n) const;
  Date add_years(int n) const { return add_months(12 * n); }
  Date first_of_month() const;
  Date last_of_month() const;

 private:
  constexpr explicit Date(int32_t d) : days_(d) {}
  int32_t days_ = 0;
};

bool is_leap_year(int year);
int days_in_year(int year);
int days_in_month(int year, int month);

}  // namespace inkasso
