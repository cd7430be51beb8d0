#include "core/date.h"

#include <gtest/gtest.h>

namespace inkasso {
namespace {

Date d(int y, int m, int day) {
  return Date::ymd(y, m, day);
}

TEST(Date, ParseValid) {
  auto r = Date::parse("2024-02-29");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->year(), 2024);
  EXPECT_EQ(r->month(), 2);
  EXPECT_EQ(r->day(), 29);
  EXPECT_EQ(*Date::parse("1900-01-01"), d(1900, 1, 1));
  EXPECT_EQ(*Date::parse("9999-12-31"), d(9999, 12, 31));
}

TEST(Date, ParseIsStrict) {
  for (std::string_view text :
       {"",           "2024-2-29",   "2024-02-9",   "24-02-29",         "2024/02/29",
        "20240229",   "2024-02-29 ", " 2024-02-29", "2024-02-29T00:00", "29.02.2024",
        "2024-0a-01", "+024-01-01",  "-024-01-01",  "2024-01--1",       "2024 01 01",
        "2023-02-29", "2024-02-30",  "2024-04-31",  "2024-13-01",       "2024-00-10",
        "2024-01-00", "2024-01-32",  "1899-12-31",  "0000-01-01",       "1900-02-29"}) {
    auto r = Date::parse(text);
    EXPECT_FALSE(r.ok()) << "\"" << text << "\" parsed as " << (r.ok() ? r->to_iso() : "");
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, "invalid_date") << text;
    }
  }
}

TEST(Date, FromYmdRange) {
  EXPECT_TRUE(Date::from_ymd(1900, 1, 1).ok());
  EXPECT_TRUE(Date::from_ymd(9999, 12, 31).ok());
  EXPECT_FALSE(Date::from_ymd(1899, 12, 31).ok());
  EXPECT_FALSE(Date::from_ymd(10000, 1, 1).ok());
  EXPECT_FALSE(Date::from_ymd(2024, 0, 1).ok());
  EXPECT_FALSE(Date::from_ymd(2024, 13, 1).ok());
  EXPECT_FALSE(Date::from_ymd(2024, 1, 0).ok());
  EXPECT_FALSE(Date::from_ymd(2024, 1, -1).ok());
}

TEST(Date, LeapYears) {
  EXPECT_FALSE(is_leap_year(1900));  // divisible by 100 but not by 400
  EXPECT_TRUE(is_leap_year(2000));   // divisible by 400
  EXPECT_TRUE(is_leap_year(2024));   // divisible by 4, not by 100
  EXPECT_FALSE(is_leap_year(2023));
  EXPECT_FALSE(is_leap_year(2100));
  EXPECT_TRUE(is_leap_year(2400));
  EXPECT_EQ(days_in_year(1900), 365);
  EXPECT_EQ(days_in_year(2000), 366);
  EXPECT_EQ(days_in_year(2024), 366);
  EXPECT_EQ(days_in_month(1900, 2), 28);
  EXPECT_EQ(days_in_month(2000, 2), 29);
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2023, 2), 28);
  EXPECT_EQ(days_in_month(2024, 4), 30);
  EXPECT_EQ(days_in_month(2024, 12), 31);
  EXPECT_FALSE(Date::from_ymd(1900, 2, 29).ok());
  EXPECT_TRUE(Date::from_ymd(2000, 2, 29).ok());
  EXPECT_TRUE(Date::from_ymd(2024, 2, 29).ok());
  // Whole years: 2024-03-01 - 2023-03-01 spans 29 Feb 2024 = 366; 1900 has no 29 Feb = 365.
  EXPECT_EQ(d(2024, 3, 1) - d(2023, 3, 1), 366);
  EXPECT_EQ(d(1901, 1, 1) - d(1900, 1, 1), 365);
  EXPECT_EQ(d(2001, 1, 1) - d(2000, 1, 1), 366);
}

TEST(Date, AddMonthsClampsToTheMonthEnd) {
  EXPECT_EQ(d(2024, 1, 31).add_months(1), d(2024, 2, 29));  // leap year
  EXPECT_EQ(d(2023, 1, 31).add_months(1), d(2023, 2, 28));
  EXPECT_EQ(d(2024, 3, 31).add_months(-1), d(2024, 2, 29));
  EXPECT_EQ(d(2024, 5, 31).add_months(1), d(2024, 6, 30));
  EXPECT_EQ(d(2024, 1, 31).add_months(13), d(2025, 2, 28));  // Feb 2025, not a leap year
  EXPECT_EQ(d(2025, 3, 31).add_months(-13), d(2024, 2, 29));
  EXPECT_EQ(d(2024, 12, 15).add_months(1), d(2025, 1, 15));
  EXPECT_EQ(d(2025, 1, 15).add_months(-1), d(2024, 12, 15));
  EXPECT_EQ(d(2024, 6, 15).add_months(0), d(2024, 6, 15));
  EXPECT_EQ(d(2024, 6, 15).add_months(-18), d(2022, 12, 15));
  // Clamping does not accumulate: each call starts from its own date.
  EXPECT_EQ(d(2024, 1, 31).add_months(2), d(2024, 3, 31));
  EXPECT_EQ(d(2024, 1, 31).add_months(1).add_months(1), d(2024, 3, 29));
  EXPECT_EQ(d(2024, 2, 29).add_years(1), d(2025, 2, 28));
  EXPECT_EQ(d(2024, 2, 29).add_years(4), d(2028, 2, 29));
  EXPECT_EQ(d(2024, 2, 29).add_years(-100), d(1924, 2, 29));
  EXPECT_EQ(d(2000, 2, 29).add_years(-100), d(1900, 2, 28));  // 1900 is not a leap year
}

TEST(Date, Weekday) {
  // 0 = Monday ... 6 = Sunday.
  EXPECT_EQ(d(1970, 1, 1).weekday(), 3);    // Thursday, day 0
  EXPECT_EQ(d(1969, 12, 31).weekday(), 2);  // Wednesday, day -1
  EXPECT_EQ(d(1900, 1, 1).weekday(), 0);    // Monday, a negative day count
  EXPECT_EQ(d(2000, 1, 1).weekday(), 5);    // Saturday
  EXPECT_EQ(d(2024, 2, 29).weekday(), 3);   // Thursday
  EXPECT_EQ(d(2025, 6, 1).weekday(), 6);    // Sunday
  EXPECT_EQ(d(2025, 12, 24).weekday(), 2);  // Wednesday
  EXPECT_EQ(d(2026, 1, 1).weekday(), 3);    // Thursday
}

TEST(Date, Formatting) {
  EXPECT_EQ(d(2025, 6, 1).to_iso(), "2025-06-01");
  EXPECT_EQ(d(2025, 6, 1).to_danish(), "01.06.2025");
  EXPECT_EQ(d(1900, 1, 1).to_iso(), "1900-01-01");
  EXPECT_EQ(d(9999, 12, 31).to_iso(), "9999-12-31");
  EXPECT_EQ(d(9999, 12, 31).to_danish(), "31.12.9999");
  EXPECT_EQ(Date().to_iso(), "1970-01-01");
}

TEST(Date, DayArithmetic) {
  EXPECT_EQ(d(2000, 1, 1).days(), 10957);        // 30 years * 365 + 7 leap days (1972..1996)
  EXPECT_EQ(d(1900, 1, 1).days(), -25567);       // 70 years * 365 + 17 leap days (1904..1968)
  EXPECT_EQ(d(2024, 3, 1) - d(2024, 2, 28), 2);  // over 29 February
  EXPECT_EQ(d(2023, 3, 1) - d(2023, 2, 28), 1);
  EXPECT_EQ(d(2025, 1, 1) - d(2024, 1, 1), 366);
  EXPECT_EQ(d(2024, 1, 1) - d(2025, 1, 1), -366);
  EXPECT_EQ(d(2024, 12, 31) + 1, d(2025, 1, 1));
  EXPECT_EQ(d(2025, 1, 1) - 1, d(2024, 12, 31));
  EXPECT_EQ(d(2024, 2, 28) + 2, d(2024, 3, 1));
  Date x = d(2024, 2, 28);
  x += 1;
  EXPECT_EQ(x, d(2024, 2, 29));
  EXPECT_LT(d(2024, 2, 28), d(2024, 2, 29));
  EXPECT_EQ(d(2024, 2, 10).first_of_month(), d(2024, 2, 1));
  EXPECT_EQ(d(2024, 2, 10).last_of_month(), d(2024, 2, 29));
  EXPECT_EQ(d(1900, 2, 10).last_of_month(), d(1900, 2, 28));
  EXPECT_EQ(d(2025, 12, 31).last_of_month(), d(2025, 12, 31));
}

TEST(Date, EveryDayRoundTrips) {
  // Consecutive days from 1900 to 2100 must have consecutive day numbers, and their parts and
  // ISO text must lead back to them.
  Date prev = d(1900, 1, 1);
  for (Date x = prev + 1; x <= d(2100, 12, 31); x += 1) {
    ASSERT_EQ(x - prev, 1);
    ASSERT_EQ(d(x.year(), x.month(), x.day()), x) << x.to_iso();
    auto parsed = Date::parse(x.to_iso());
    ASSERT_TRUE(parsed.ok()) << x.to_iso();
    ASSERT_EQ(*parsed, x);
    ASSERT_EQ(x.weekday(), (prev.weekday() + 1) % 7);
    prev = x;
  }
}

TEST(DateDeathTest, YmdAssertsOnAnImpossibleDate) {
  EXPECT_DEATH(Date::ymd(2023, 2, 29), "assertion failed");
}

}  // namespace
}  // namespace inkasso
