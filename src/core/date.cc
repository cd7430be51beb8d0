#include "core/date.h"

#include "core/quote.h"

#include <cstdio>

namespace inkasso {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Civil {
  int y;
  unsigned m, d;
};

Civil civil_from_days(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

}  // namespace

bool is_leap_year(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int days_in_year(int y) {
  return is_leap_year(y) ? 366 : 365;
}
int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

Result<Date> Date::from_ymd(int year, int month, int day) {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "no such date: %04d-%02d-%02d", year, month, day);
    return make_error("invalid_date", buf);
  }
  return Date(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

Date Date::ymd(int year, int month, int day) {
  auto d = from_ymd(year, month, day);
  INKASSO_ASSERT(d.ok());
  return *d;
}

Result<Date> Date::parse(std::string_view s) {
  auto bad = [&] {
    return make_error("invalid_date", "invalid date " + quote_input(s) + ": expected YYYY-MM-DD");
  };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return bad();
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lens[p]; ++i) {
      char c = s[static_cast<size_t>(starts[p] + i)];
      if (c < '0' || c > '9') return bad();
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  auto d = from_ymd(parts[0], parts[1], parts[2]);
  if (!d)
    return make_error("invalid_date", "invalid date " + quote_input(s) + ": " + d.error().message);
  return d;
}

Date::Parts Date::parts() const {
  Civil c = civil_from_days(days_);
  return {c.y, static_cast<int>(c.m), static_cast<int>(c.d)};
}

int Date::year() const {
  return civil_from_days(days_).y;
}
int Date::month() const {
  return static_cast<int>(civil_from_days(days_).m);
}
int Date::day() const {
  return static_cast<int>(civil_from_days(days_).d);
}

int Date::weekday() const {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  int w = (days_ + 3) % 7;
  return w < 0 ? w + 7 : w;
}

std::string Date::to_iso() const {
  Civil c = civil_from_days(days_);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
  return buf;
}

std::string Date::to_danish() const {
  Civil c = civil_from_days(days_);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", c.d, c.m, c.y);
  return buf;
}

Date Date::add_months(int n) const {
  Civil c = civil_from_days(days_);
  int total = c.y * 12 + static_cast<int>(c.m) - 1 + n;
  int y = total / 12, m = total % 12 + 1;
  int d = static_cast<int>(c.d);
  if (d > days_in_month(y, m)) d = days_in_month(y, m);
  return Date(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

Date Date::first_of_month() const {
  Civil c = civil_from_days(days_);
  return Date(days_from_civil(c.y, c.m, 1));
}

Date Date::last_of_month() const {
  Civil c = civil_from_days(days_);
  return Date(
      days_from_civil(c.y, c.m, static_cast<unsigned>(days_in_month(c.y, static_cast<int>(c.m)))));
}

}  // namespace inkasso
