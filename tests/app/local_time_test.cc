// Danish wall-clock time (app/local_time.h) against UTC moments worked out by hand: the day's
// number since 1970 times 86,400 plus the UTC time of day, independent of any time zone code.
#include "app/local_time.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "app/context.h"

namespace inkasso {
namespace {

// Unix seconds of `day` at h:m:00 UTC.
int64_t utc(Date day, int h, int m = 0) {
  return int64_t{day.days()} * 86'400 + h * 3'600 + m * 60;
}

TEST(LocalTime, SummerTimeIsTwoHoursAheadOfUtc) {
  // 2026-07-01 10:00 CEST (UTC+2) = 08:00 UTC. Day 20,635 since 1970-01-01:
  // 20,635 × 86,400 + 8 × 3,600 = 1,782,864,000 + 28,800 = 1,782,892,800.
  auto at = copenhagen_to_unix(Date::ymd(2026, 7, 1), 10, 0);
  ASSERT_TRUE(at.ok()) << at.error().message;
  EXPECT_EQ(*at, 1'782'892'800);
  EXPECT_EQ(*at, utc(Date::ymd(2026, 7, 1), 8));
}

TEST(LocalTime, WinterTimeIsOneHourAheadOfUtc) {
  // 2026-12-01 10:00 CET (UTC+1) = 09:00 UTC = 1,796,115,600.
  auto at = copenhagen_to_unix(Date::ymd(2026, 12, 1), 10, 0);
  ASSERT_TRUE(at.ok());
  EXPECT_EQ(*at, 1'796'115'600);
  EXPECT_EQ(*at, utc(Date::ymd(2026, 12, 1), 9));
}

TEST(LocalTime, TheSpringGapIsRefusedNotMoved) {
  // 2026-03-29: at 02:00 CET the clocks jump to 03:00 CEST; 02:30 never happens that night.
  const Date day = Date::ymd(2026, 3, 29);
  auto gap = copenhagen_to_unix(day, 2, 30);
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(gap.error().field, "time");
  EXPECT_NE(gap.error().message.find("02:30 findes ikke den 29-03-2026"), std::string::npos)
      << gap.error().message;
  EXPECT_FALSE(copenhagen_to_unix(day, 2, 0).ok()) << "02:00 is the gap's first minute";
  // Either side of it: 01:59 CET = 00:59 UTC and 03:00 CEST = 01:00 UTC, one real minute apart.
  EXPECT_EQ(*copenhagen_to_unix(day, 1, 59), utc(day, 0, 59));
  EXPECT_EQ(*copenhagen_to_unix(day, 3, 0), utc(day, 1, 0));
}

TEST(LocalTime, TheAutumnHourThatHappensTwiceTakesTheFirst) {
  // 2026-10-25: at 03:00 CEST the clocks go back to 02:00 CET, so 02:30 happens at 00:30 UTC
  // (CEST) and again at 01:30 UTC (CET). The first is taken: 00:30 UTC = 1,792,888,200.
  auto at = copenhagen_to_unix(Date::ymd(2026, 10, 25), 2, 30);
  ASSERT_TRUE(at.ok());
  EXPECT_EQ(*at, 1'792'888'200);
  EXPECT_EQ(*at, utc(Date::ymd(2026, 10, 25), 0, 30));
}

TEST(LocalTime, HoursAndMinutesOutOfRangeAreRefused) {
  EXPECT_FALSE(copenhagen_to_unix(Date::ymd(2026, 7, 1), 24, 0).ok());
  EXPECT_FALSE(copenhagen_to_unix(Date::ymd(2026, 7, 1), 10, 60).ok());
  EXPECT_FALSE(copenhagen_to_unix(Date::ymd(2026, 7, 1), -1, 0).ok());
}

TEST(LocalTime, BackFromUnixSecondsWhateverTheProcesssTimeZone) {
  // The process's TZ must not matter (the server may run in UTC).
  const char* before = std::getenv("TZ");
  const std::string saved = before ? before : "";
  setenv("TZ", "America/New_York", 1);
  // 08:00 UTC on 2026-07-01 is 10:00 in Copenhagen; 23:30 UTC on 2026-12-31 is 00:30 on New
  // Year's Day there (CET, +1): the date moves too.
  LocalDateTime summer = unix_to_copenhagen(utc(Date::ymd(2026, 7, 1), 8));
  EXPECT_EQ(summer.date, Date::ymd(2026, 7, 1));
  EXPECT_EQ(summer.hour, 10);
  EXPECT_EQ(summer.minute, 0);
  LocalDateTime new_year = unix_to_copenhagen(utc(Date::ymd(2026, 12, 31), 23, 30));
  EXPECT_EQ(new_year.date, Date::ymd(2027, 1, 1));
  EXPECT_EQ(new_year.hour, 0);
  EXPECT_EQ(new_year.minute, 30);
  EXPECT_EQ(format_copenhagen_time(utc(Date::ymd(2026, 12, 1), 9, 5)), "01-12-2026 10:05");
  EXPECT_EQ(format_copenhagen_time(utc(Date::ymd(2026, 7, 1), 8) + 59), "01-07-2026 10:00");
  if (before)
    setenv("TZ", saved.c_str(), 1);
  else
    unsetenv("TZ");
}

TEST(LocalTime, TheSystemClocksTodayIsTheDanishDateWhateverTheProcesssTimeZone) {
  // UTC+14 and UTC-12: at any moment the date in one of them differs from Copenhagen's (UTC+1):
  // UTC+14 from 10:00 to 23:00 UTC, UTC-12 from 23:00 to 12:00 UTC. So reading the process's
  // zone fails here whenever the test runs.
  const char* before = std::getenv("TZ");
  const std::string saved = before ? before : "";
  const SystemClock clock;
  for (const char* zone : {"Etc/GMT-14", "Etc/GMT+12"}) {
    setenv("TZ", zone, 1);
    tzset();  // as a process started with it would have
    const Date expected = unix_to_copenhagen(clock.now_unix()).date;
    const Date today = clock.today();
    // Unless Copenhagen's midnight passed between the two calls.
    EXPECT_TRUE(today == expected || today == unix_to_copenhagen(clock.now_unix()).date) << zone;
  }
  if (before)
    setenv("TZ", saved.c_str(), 1);
  else
    unsetenv("TZ");
  tzset();
}

TEST(LocalTime, EveryMinuteOfAYearRoundTrips) {
  // Each local minute of 2026 that exists converts to UTC and back to itself; exactly 60 of them
  // (the spring gap, 02:00-02:59 on 29-03) do not exist.
  int missing = 0;
  for (Date d = Date::ymd(2026, 1, 1); d <= Date::ymd(2026, 12, 31); d = d + 1)
    for (int h = 0; h < 24; ++h)
      for (int m = 0; m < 60; m += 1) {
        auto at = copenhagen_to_unix(d, h, m);
        if (!at) {
          ++missing;
          continue;
        }
        LocalDateTime back = unix_to_copenhagen(*at);
        ASSERT_EQ(back.date, d);
        ASSERT_EQ(back.hour, h);
        ASSERT_EQ(back.minute, m);
      }
  EXPECT_EQ(missing, 60);
}

TEST(LocalTime, ASendingTimeIsNotPastNorMoreThanAYearAhead) {
  // Now: 2026-11-23 10:00 UTC = 11:00 in Copenhagen (CET).
  const int64_t now = utc(Date::ymd(2026, 11, 23), 10);
  const Date today = Date::ymd(2026, 11, 23);
  // 10:56 Copenhagen = 09:56 UTC, 4 minutes ago: within the slack (the form was open a while).
  EXPECT_EQ(*sending_time(today, 10, 56, now), now - 4 * 60);
  // 10:54 = 6 minutes ago: refused.
  auto past = sending_time(today, 10, 54, now);
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().field, "send_at");
  EXPECT_NE(past.error().message.find("23-11-2026 10:54 er allerede passeret"), std::string::npos)
      << past.error().message;
  // 366 days ahead at the same minute is the limit; a minute later is refused.
  const Date limit = today + 366;
  EXPECT_EQ(*sending_time(limit, 11, 0, now), now + 366 * 86'400);
  auto far = sending_time(limit, 11, 1, now);
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.error().field, "send_at");
  // The spring gap of 2027 (28-03, the last Sunday of March) is refused on the same field.
  auto gap = sending_time(Date::ymd(2027, 3, 28), 2, 15, now);
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(gap.error().field, "send_at");
  // 2027-07-01 10:00 CEST = 08:00 UTC.
  EXPECT_EQ(*sending_time(Date::ymd(2027, 7, 1), 10, 0, now), utc(Date::ymd(2027, 7, 1), 8));
}

TEST(LocalTime, InTheAutumnHourTwiceASendingTimeIsTheOneStillToCome) {
  // 2026-10-25: 02:00-03:00 happens first in summer time (00:00-01:00 UTC), then in winter time
  // (01:00-02:00 UTC). The browser test failed at 02:00:30 CET, second pass: "send at 02:00"
  // was read as 00:00 UTC, an hour past, and refused.
  const Date day = Date::ymd(2026, 10, 25);
  // Now 01:10 UTC = 02:10 CET, the second pass. 02:30 is the coming 02:30 CET = 01:30 UTC, and
  // "now" (02:10) is now.
  const int64_t second_pass = utc(day, 1, 10);
  EXPECT_EQ(*sending_time(day, 2, 30, second_pass), utc(day, 1, 30));
  EXPECT_EQ(*sending_time(day, 2, 10, second_pass), second_pass);
  // 02:00 CET (01:00 UTC) is 10 minutes past on both readings: refused.
  auto past = sending_time(day, 2, 0, second_pass);
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().field, "send_at");
  // 01:50 happened once (23:50 UTC the day before): past, not moved to 02:50.
  EXPECT_FALSE(sending_time(day, 1, 50, second_pass).ok());
  // Now 00:10 UTC = 02:10 CEST, the first pass: 02:30 is the summer one still, 00:30 UTC.
  EXPECT_EQ(*sending_time(day, 2, 30, utc(day, 0, 10)), utc(day, 0, 30));
}

}  // namespace
}  // namespace inkasso
