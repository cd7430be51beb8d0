// Danish wall-clock time: what a creditor types ("send on 01-07-2026 at 10:00") and what the
// pages show, converted to and from the Unix seconds the database keeps. The zone is
// Europe/Copenhagen from the system's tzdata (date/tz with the OS database), whatever the
// process's TZ is: summer time (CEST, UTC+2) from the last Sunday of March 02:00 to the last
// Sunday of October 03:00, otherwise CET (UTC+1).
//
// src/core never reads a time zone; this is the one place that does. Thread-safe. A missing
// tzdata (no /usr/share/zoneinfo/Europe/Copenhagen) is an installation fault and throws.
#pragma once

#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/result.h"

namespace inkasso {

struct LocalDateTime {
  Date date;
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  int second = 0;  // 0..59
};

// The moment `date` at hour:minute is in Copenhagen, as Unix seconds.
//  - A time in the spring gap does not exist (2026-03-29 02:30: the clocks go from 02:00 to
//    03:00): refused, not moved, so that nothing is sent at a time the creditor did not choose.
//  - A time in the autumn overlap happens twice (2026-10-25 02:30): the first, summer time.
// Errors (code invalid_input, field "time", Danish): hour or minute out of range, the gap.
Result<int64_t> copenhagen_to_unix(Date date, int hour, int minute);

// The date and time in Copenhagen at `unix_seconds`.
LocalDateTime unix_to_copenhagen(int64_t unix_seconds);

// "01-07-2026 10:00", Copenhagen time, as the pages write times.
std::string format_copenhagen_time(int64_t unix_seconds);

// How far a sending time may lie in the past (the form was open a while) or the future.
inline constexpr int64_t kSendingTimeSlackSeconds = 5 * 60;
inline constexpr int64_t kSendingTimeMaxAheadSeconds = 366 * 24 * 3600;

// A later sending time chosen by the creditor: `date` at hour:minute in Copenhagen, refused when
// it does not exist (copenhagen_to_unix), lies more than kSendingTimeSlackSeconds before
// `now_unix` or more than kSendingTimeMaxAheadSeconds after it. In the autumn hour that happens
// twice, the summer-time reading when it is still to come, else the winter-time one. Errors:
// invalid_input with field "send_at" and a Danish message. Issue 6 (batch follow-up) uses it as
// the action form does.
Result<int64_t> sending_time(Date date, int hour, int minute, int64_t now_unix);

}  // namespace inkasso
