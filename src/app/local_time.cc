#include "app/local_time.h"

#include <date/tz.h>
#include <chrono>
#include <cstdio>

#include "app/context.h"

namespace inkasso {

namespace {

const date::time_zone& copenhagen() {
  // locate_zone reads the OS database once (thread-safe static initialisation) and throws when
  // the zone is missing.
  static const date::time_zone* zone = date::locate_zone("Europe/Copenhagen");
  return *zone;
}

// "dd-mm-åååå" and "tt:mm", as the pages write them.
std::string date_text(const Date::Parts& p) {
  char out[48];
  std::snprintf(out, sizeof out, "%02d-%02d-%04d", p.day, p.month, p.year);
  return out;
}
std::string clock_text(int hour, int minute) {
  char out[32];
  std::snprintf(out, sizeof out, "%02d:%02d", hour, minute);
  return out;
}

}  // namespace

Result<int64_t> copenhagen_to_unix(Date day, int hour, int minute) {
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return make_error(app_error::kInvalid, "Skriv klokkeslættet som tt:mm, fx 09:30.", "time");
  const Date::Parts p = day.parts();
  const date::local_seconds local = date::local_days{date::year{p.year} / p.month / p.day} +
                                    std::chrono::hours{hour} + std::chrono::minutes{minute};
  const date::local_info info = copenhagen().get_info(local);
  if (info.result == date::local_info::nonexistent)
    return make_error(app_error::kInvalid,
                      "Klokken " + clock_text(hour, minute) + " findes ikke den " + date_text(p) +
                          ", fordi uret stilles en time frem til sommertid. Vælg et andet "
                          "klokkeslæt.",
                      "time");
  // Unique, or ambiguous (the autumn hour twice): `first` is the earlier, summer time.
  const date::sys_seconds utc{local.time_since_epoch() - info.first.offset};
  return static_cast<int64_t>(utc.time_since_epoch().count());
}

LocalDateTime unix_to_copenhagen(int64_t unix_seconds) {
  const date::sys_seconds utc{std::chrono::seconds{unix_seconds}};
  const date::local_seconds local = copenhagen().to_local(utc);
  const date::local_days day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> time{local - day};
  LocalDateTime out;
  out.date =
      Date::ymd(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                static_cast<int>(static_cast<unsigned>(ymd.day())));
  out.hour = static_cast<int>(time.hours().count());
  out.minute = static_cast<int>(time.minutes().count());
  out.second = static_cast<int>(time.seconds().count());
  return out;
}

std::string format_copenhagen_time(int64_t unix_seconds) {
  const LocalDateTime t = unix_to_copenhagen(unix_seconds);
  const Date::Parts p = t.date.parts();
  return date_text(p) + " " + clock_text(t.hour, t.minute);
}

Result<int64_t> sending_time(Date day, int hour, int minute, int64_t now_unix) {
  auto at = copenhagen_to_unix(day, hour, minute);
  if (!at) return invalid("send_at", at.error().message);
  // In the autumn hour that happens twice, the first (summer-time) reading may be past while the
  // second is not: at 02:10 CET on 2026-10-25 a creditor who types 02:30 (or "now", 02:10)
  // means the coming one. The second reading is the same wall-clock time an hour later.
  if (*at < now_unix - kSendingTimeSlackSeconds) {
    const LocalDateTime later = unix_to_copenhagen(*at + 3600);
    if (later.date == day && later.hour == hour && later.minute == minute) *at += 3600;
  }
  if (*at < now_unix - kSendingTimeSlackSeconds)
    return invalid("send_at",
                   "Tidspunktet " + format_copenhagen_time(*at) +
                       " er allerede passeret. Vælg et senere tidspunkt, eller send nu.");
  if (*at > now_unix + kSendingTimeMaxAheadSeconds)
    return invalid("send_at", "Vælg et tidspunkt højst et år frem.");
  return *at;
}

}  // namespace inkasso
