#include "core/banking_days.h"

#include <gtest/gtest.h>

#include <climits>
#include <set>

namespace inkasso {
namespace {

Date d(int y, int m, int day) {
  return Date::ymd(y, m, day);
}

TEST(EasterSunday, KnownYears) {
  EXPECT_EQ(easter_sunday(2000), d(2000, 4, 23));
  EXPECT_EQ(easter_sunday(2008), d(2008, 3, 23));
  EXPECT_EQ(easter_sunday(2011), d(2011, 4, 24));
  EXPECT_EQ(easter_sunday(2019), d(2019, 4, 21));
  EXPECT_EQ(easter_sunday(2023), d(2023, 4, 9));
  EXPECT_EQ(easter_sunday(2024), d(2024, 3, 31));  // Leap year, in March.
  EXPECT_EQ(easter_sunday(2025), d(2025, 4, 20));
  EXPECT_EQ(easter_sunday(2026), d(2026, 4, 5));
  EXPECT_EQ(easter_sunday(2027), d(2027, 3, 28));
  EXPECT_EQ(easter_sunday(1913), d(1913, 3, 23));
}

TEST(EasterSunday, ExtremesOfTheRange) {
  // Easter falls between 22 March and 25 April; these years hit the ends.
  EXPECT_EQ(easter_sunday(1943), d(1943, 4, 25));
  EXPECT_EQ(easter_sunday(2038), d(2038, 4, 25));
  EXPECT_EQ(easter_sunday(2285), d(2285, 3, 22));
  // 1818 is before Date's input range, so compare the parts rather than build it with ymd.
  Date e = easter_sunday(1818);
  EXPECT_EQ(e.year(), 1818);
  EXPECT_EQ(e.month(), 3);
  EXPECT_EQ(e.day(), 22);
}

TEST(EasterSunday, AlwaysASundayBetween22MarchAnd25April) {
  for (int y = 1900; y <= 2300; ++y) {
    Date e = easter_sunday(y);
    ASSERT_EQ(e.weekday(), 6) << y;
    ASSERT_GE(e, d(y, 3, 22)) << y;
    ASSERT_LE(e, d(y, 4, 25)) << y;
  }
}

TEST(BankingDays, Holidays2025) {
  // Easter Sunday 2025 is 20 April.
  const Date holidays[] = {
      d(2025, 1, 1),    // New Year's Day, Wednesday
      d(2025, 4, 17),   // Maundy Thursday: 20 - 3
      d(2025, 4, 18),   // Good Friday: 20 - 2
      d(2025, 4, 21),   // Easter Monday: 20 + 1
      d(2025, 5, 29),   // Ascension: 20 April + 39 = 20 + 39 - 30 = 29 May
      d(2025, 5, 30),   // the Friday after Ascension: + 40
      d(2025, 6, 5),    // Constitution Day, Thursday
      d(2025, 6, 9),    // Whit Monday: 20 April + 50 = 20 + 50 - 30 - 31 = 9 June
      d(2025, 12, 24),  // Christmas Eve, Wednesday
      d(2025, 12, 25),  // Christmas Day
      d(2025, 12, 26),  // Boxing Day
      d(2025, 12, 31),  // New Year's Eve
  };
  for (Date h : holidays) {
    EXPECT_LT(h.weekday(), 5) << h.to_iso() << " should be a weekday for this test to bite";
    EXPECT_FALSE(is_banking_day(h)) << h.to_iso();
  }
  // 2025 starts on a Wednesday and has 365 = 52 * 7 + 1 days: 52 * 5 + 1 = 261 weekdays, less
  // the 12 weekday holidays above = 249 banking days.
  int banking = 0;
  for (Date x = d(2025, 1, 1); x <= d(2025, 12, 31); x += 1) banking += is_banking_day(x);
  EXPECT_EQ(banking, 249);
}

TEST(BankingDays, Holidays2026) {
  // Easter Sunday 2026 is 5 April.
  const Date holidays[] = {
      d(2026, 1, 1),    // Thursday
      d(2026, 4, 2),    // Maundy Thursday: 5 - 3
      d(2026, 4, 3),    // Good Friday: 5 - 2
      d(2026, 4, 6),    // Easter Monday: 5 + 1
      d(2026, 5, 14),   // Ascension: 5 April + 39 = 5 + 39 - 30 = 14 May
      d(2026, 5, 15),   // the Friday after Ascension: + 40
      d(2026, 5, 25),   // Whit Monday: 5 April + 50 = 5 + 50 - 30 = 25 May
      d(2026, 6, 5),    // Friday
      d(2026, 12, 24),  // Thursday
      d(2026, 12, 25),  // Friday
      d(2026, 12, 26),  // Saturday: a holiday on a weekend
      d(2026, 12, 31),  // Thursday
  };
  for (Date h : holidays) EXPECT_FALSE(is_banking_day(h)) << h.to_iso();
  // 2026 starts on a Thursday: 261 weekdays, less the 11 holidays above that are not on a
  // weekend (26 December is a Saturday) = 250 banking days.
  int banking = 0;
  for (Date x = d(2026, 1, 1); x <= d(2026, 12, 31); x += 1) banking += is_banking_day(x);
  EXPECT_EQ(banking, 250);
}

TEST(BankingDays, OrdinaryDaysAroundHolidays) {
  EXPECT_TRUE(is_banking_day(d(2025, 1, 2)));    // Thursday after New Year
  EXPECT_TRUE(is_banking_day(d(2025, 4, 16)));   // Wednesday before Maundy Thursday
  EXPECT_TRUE(is_banking_day(d(2025, 4, 22)));   // Tuesday after Easter Monday
  EXPECT_TRUE(is_banking_day(d(2025, 6, 4)));    // Wednesday before 5 June
  EXPECT_TRUE(is_banking_day(d(2025, 12, 23)));  // Tuesday before Christmas Eve
  EXPECT_TRUE(is_banking_day(d(2025, 12, 29)));  // Monday between Christmas and New Year
  EXPECT_TRUE(is_banking_day(d(2025, 12, 30)));
  EXPECT_FALSE(is_banking_day(d(2025, 6, 7)));  // Saturday
  EXPECT_FALSE(is_banking_day(d(2025, 6, 8)));  // Sunday (Whit Sunday)
  // 5 June in a leap year: January to May is one day longer, which the day count must follow.
  EXPECT_FALSE(is_banking_day(d(2024, 6, 5)));  // Wednesday
  EXPECT_TRUE(is_banking_day(d(2024, 6, 4)));
  EXPECT_TRUE(is_banking_day(d(2024, 6, 6)));
}

TEST(BankingDays, StoreBededagAbolishedFrom2024) {
  // 2023: Easter 9 April + 26 = 35 April = 5 May, a Friday, still a holiday.
  EXPECT_FALSE(is_banking_day(d(2023, 5, 5)));
  EXPECT_TRUE(is_banking_day(d(2023, 5, 4)));
  // 2024: Easter 31 March + 26 = 26 April, a Friday, now an ordinary banking day.
  EXPECT_TRUE(is_banking_day(d(2024, 4, 26)));
  // 2025: 20 April + 26 = 46 April = 16 May, a Friday.
  EXPECT_TRUE(is_banking_day(d(2025, 5, 16)));
  // 2000: 23 April + 26 = 49 April = 19 May, a Friday.
  EXPECT_FALSE(is_banking_day(d(2000, 5, 19)));
}

TEST(BankingDays, NextAndPreviousAcrossChristmasAndNewYear) {
  // 24-26 December 2025 are Wednesday to Friday, then a weekend: Monday 29 is next.
  EXPECT_EQ(next_banking_day(d(2025, 12, 24)), d(2025, 12, 29));
  EXPECT_EQ(next_banking_day(d(2025, 12, 23)), d(2025, 12, 23));  // already a banking day
  // 31 December and 1 January are holidays; Friday 2 January 2026 is next.
  EXPECT_EQ(next_banking_day(d(2025, 12, 31)), d(2026, 1, 2));
  EXPECT_EQ(previous_banking_day(d(2026, 1, 1)), d(2025, 12, 30));
  EXPECT_EQ(previous_banking_day(d(2025, 12, 28)), d(2025, 12, 23));  // Sun, Sat, 26, 25, 24
  EXPECT_EQ(previous_banking_day(d(2025, 12, 30)), d(2025, 12, 30));
}

TEST(BankingDays, NextAndPreviousAcrossEaster) {
  // 2025: Maundy Thursday 17 April to Easter Monday 21 April are all closed.
  EXPECT_EQ(next_banking_day(d(2025, 4, 17)), d(2025, 4, 22));
  EXPECT_EQ(previous_banking_day(d(2025, 4, 21)), d(2025, 4, 16));
  // Whitsun 2025: Saturday 7, Sunday 8 and Monday 9 June.
  EXPECT_EQ(next_banking_day(d(2025, 6, 7)), d(2025, 6, 10));
}

TEST(BankingDays, AddBankingDays) {
  // From Tuesday 23 December 2025: +1 skips 24-28 to Monday 29; +2 is Tuesday 30; +3 skips
  // 31 December and 1 January to Friday 2 January 2026.
  EXPECT_EQ(add_banking_days(d(2025, 12, 23), 1), d(2025, 12, 29));
  EXPECT_EQ(add_banking_days(d(2025, 12, 23), 2), d(2025, 12, 30));
  EXPECT_EQ(add_banking_days(d(2025, 12, 23), 3), d(2026, 1, 2));
  EXPECT_EQ(add_banking_days(d(2026, 1, 2), -1), d(2025, 12, 30));
  EXPECT_EQ(add_banking_days(d(2026, 1, 2), -3), d(2025, 12, 23));
  // Over Easter 2025: Wednesday 16 April + 1 = Tuesday 22 April, and back.
  EXPECT_EQ(add_banking_days(d(2025, 4, 16), 1), d(2025, 4, 22));
  EXPECT_EQ(add_banking_days(d(2025, 4, 22), -1), d(2025, 4, 16));
  // A start on a closed day is not counted: Saturday 7 June 2025 + 1 and Friday 6 June + 1 are
  // both Tuesday 10 June (Monday 9 is Whit Monday).
  EXPECT_EQ(add_banking_days(d(2025, 6, 7), 1), d(2025, 6, 10));
  EXPECT_EQ(add_banking_days(d(2025, 6, 6), 1), d(2025, 6, 10));
  // Zero days leaves the date alone, even on a Saturday.
  EXPECT_EQ(add_banking_days(d(2025, 6, 7), 0), d(2025, 6, 7));
  // 2025 has 249 banking days, so from 31 December 2024 the 249th is the last one of 2025,
  // Tuesday 30 December, and stepping back as many returns to the last of 2024 (Monday 30th,
  // as 31 December is a holiday).
  EXPECT_EQ(add_banking_days(d(2024, 12, 31), 249), d(2025, 12, 30));
  EXPECT_EQ(add_banking_days(d(2025, 12, 30), -249), d(2024, 12, 30));
}

TEST(BankingDays, LastBankingDayOfMonth) {
  // May 2025: 31st is a Saturday, 30th the Friday after Ascension, 29th Ascension: Wednesday 28.
  EXPECT_EQ(last_banking_day_of_month(d(2025, 5, 1)), d(2025, 5, 28));
  // November 2025 ends on a Sunday: Friday 28.
  EXPECT_EQ(last_banking_day_of_month(d(2025, 11, 15)), d(2025, 11, 28));
  // January 2026 ends on a Saturday: Friday 30.
  EXPECT_EQ(last_banking_day_of_month(d(2026, 1, 31)), d(2026, 1, 30));
  // December 2025: 31st is a holiday, Tuesday 30.
  EXPECT_EQ(last_banking_day_of_month(d(2025, 12, 1)), d(2025, 12, 30));
  // June 2025 ends on an ordinary Monday.
  EXPECT_EQ(last_banking_day_of_month(d(2025, 6, 30)), d(2025, 6, 30));
  // February 2024 (leap year) ends on an ordinary Thursday, the 29th.
  EXPECT_EQ(last_banking_day_of_month(d(2024, 2, 1)), d(2024, 2, 29));
}

// A slow, obviously right model: the holidays of a year as a set built from ymd and Easter.
std::set<Date> holidays_of(int y) {
  Date e = easter_sunday(y);
  std::set<Date> s = {d(y, 1, 1),   e - 3,        e - 2,        e + 1,
                      e + 39,       e + 40,       e + 50,       d(y, 6, 5),
                      d(y, 12, 24), d(y, 12, 25), d(y, 12, 26), d(y, 12, 31)};
  if (y <= 2023) s.insert(e + 26);
  return s;
}

TEST(BankingDays, AgreesWithASlowModelOver1900To2200) {
  for (int y = 1900; y <= 2200; ++y) {
    const std::set<Date> holidays = holidays_of(y);
    for (Date x = d(y, 1, 1); x.year() == y; x += 1) {
      const bool expected = x.weekday() < 5 && holidays.count(x) == 0;
      ASSERT_EQ(is_banking_day(x), expected) << x.to_iso();
      // next/previous must land on the nearest banking day, and never move from one.
      Date next = next_banking_day(x), prev = previous_banking_day(x);
      ASSERT_TRUE(is_banking_day(next) && is_banking_day(prev)) << x.to_iso();
      ASSERT_EQ(next == x, expected) << x.to_iso();
      ASSERT_EQ(prev == x, expected) << x.to_iso();
      for (Date between = x; between < next; between += 1) ASSERT_FALSE(is_banking_day(between));
      for (Date between = prev + 1; between <= x; between += 1) {
        ASSERT_FALSE(is_banking_day(between));
      }
    }
  }
}

TEST(BankingDays, AddIsConsistentWithNext) {
  // Adding one banking day at a time must equal adding them all at once, across year ends.
  Date start = d(2023, 12, 20), stepped = start;
  for (int n = 1; n <= 600; ++n) {
    stepped = add_banking_days(stepped, 1);
    ASSERT_EQ(add_banking_days(start, n), stepped) << n;
    ASSERT_EQ(stepped, next_banking_day(add_banking_days(start, n - 1) + 1)) << n;
    ASSERT_EQ(add_banking_days(stepped, -n), previous_banking_day(start)) << n;
  }
}

}  // namespace
}  // namespace inkasso
