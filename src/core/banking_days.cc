#include "core/banking_days.h"

#include <cstdint>

namespace inkasso {

namespace {

// Days since 1970-01-01 of 1 January of `year` (year >= 1, so the divisions need no flooring).
// 477 is the number of leap days in years 1..1969, which makes 1970 come out as day 0.
int32_t jan1_days(int year) {
  const int before = year - 1;
  return 365 * (year - 1970) + before / 4 - before / 100 + before / 400 - 477;
}

// Easter Sunday as a day of March: 22 is 22 March, 32 is 1 April, 56 is 25 April. This is the
// anonymous Gregorian algorithm (Meeus/Jones/Butcher), stopped before the split into month and
// day because a day count is what the callers want.
int easter_march_day(int year) {
  const int a = year % 19;
  const int b = year / 100, c = year % 100;
  const int d = b / 4, e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  return h + l - 7 * m + 22;
}

int32_t easter_days(int year, int32_t jan1) {
  // 1 March is day 31 + 28 (+1 in a leap year) of the year, counting 1 January as day 0.
  const int32_t march_0 = jan1 + 31 + 28 + (is_leap_year(year) ? 1 : 0) - 1;
  return march_0 + easter_march_day(year);
}

// The holidays tied to Easter as a bit set over (offset from Easter Sunday + 3), so that the
// earliest, Maundy Thursday at -3, is bit 0 and the latest, Whit Monday at +50, is bit 53.
constexpr int kEasterBias = 3;
constexpr uint64_t easter_bit(int offset) {
  return uint64_t{1} << (offset + kEasterBias);
}
constexpr uint64_t kEasterHolidays = easter_bit(-3) | easter_bit(-2) | easter_bit(1) |
                                     easter_bit(39) | easter_bit(40) | easter_bit(50);
// Store bededag, the fourth Friday after Easter, was abolished as a holiday from 2024.
constexpr uint64_t kStoreBededag = easter_bit(26);
constexpr int kLastYearWithStoreBededag = 2023;

// The holidays of one calendar year, worked out once so that a walk over many days costs a few
// comparisons per day.
class HolidayYear {
 public:
  explicit HolidayYear(int year)
      : year_(year),
        jan1_(jan1_days(year)),
        dec31_(jan1_days(year + 1) - 1),
        // 5 June: January to May have 151 days (152 in a leap year), and June 1 is day 151.
        june5_(jan1_ + 151 + (is_leap_year(year) ? 1 : 0) + 4),
        easter_(easter_days(year, jan1_)),
        easter_mask_(year <= kLastYearWithStoreBededag ? kEasterHolidays | kStoreBededag
                                                       : kEasterHolidays) {
    INKASSO_ASSERT(year >= 1583);  // The computus and jan1_days hold for the Gregorian calendar.
  }

  int year() const { return year_; }
  bool contains(Date date) const { return date.days() >= jan1_ && date.days() <= dec31_; }

  // Requires contains(date).
  bool is_holiday(Date date) const {
    const int32_t d = date.days();
    // 1 January, 5 June, 24-26 December (31 December minus 7, 6 and 5) and 31 December.
    if (d == jan1_ || d == june5_ || d == dec31_ || (d >= dec31_ - 7 && d <= dec31_ - 5)) {
      return true;
    }
    const int32_t bit = d - easter_ + kEasterBias;
    return bit >= 0 && bit < 64 && ((easter_mask_ >> bit) & 1) != 0;
  }

  bool is_banking_day(Date date) const { return date.weekday() < 5 && !is_holiday(date); }

 private:
  int year_;
  int32_t jan1_, dec31_, june5_, easter_;
  uint64_t easter_mask_;
};

// A date together with the holidays of its year, stepping one day at a time and moving to the
// neighbouring year's holidays when it crosses New Year.
class Walker {
 public:
  explicit Walker(Date date) : date_(date), year_(date.year()) {}

  Date date() const { return date_; }
  bool on_banking_day() const { return year_.is_banking_day(date_); }

  void step(int direction) {
    date_ += direction;
    if (!year_.contains(date_)) year_ = HolidayYear(year_.year() + direction);
  }

 private:
  Date date_;
  HolidayYear year_;
};

Date walk_to_banking_day(Date date, int direction) {
  Walker w(date);
  while (!w.on_banking_day()) w.step(direction);
  return w.date();
}

}  // namespace

Date easter_sunday(int year) {
  INKASSO_ASSERT(year >= 1583);
  return Date::from_days(easter_days(year, jan1_days(year)));
}

bool is_banking_day(Date date) {
  // Weekends first: they settle two days in seven without working out the year.
  if (date.weekday() >= 5) return false;
  return !HolidayYear(date.year()).is_holiday(date);
}

Date next_banking_day(Date date) {
  return walk_to_banking_day(date, +1);
}

Date previous_banking_day(Date date) {
  return walk_to_banking_day(date, -1);
}

Date add_banking_days(Date date, int n) {
  const int direction = n < 0 ? -1 : 1;
  // 64 bits so that negating INT_MIN is defined.
  int64_t remaining = n < 0 ? -int64_t{n} : int64_t{n};
  Walker w(date);
  while (remaining > 0) {
    w.step(direction);
    if (w.on_banking_day()) --remaining;
  }
  return w.date();
}

Date last_banking_day_of_month(Date any_day_in_month) {
  // No month is without banking days, so this never leaves the month.
  return previous_banking_day(any_day_in_month.last_of_month());
}

}  // namespace inkasso
