// When the daily follow-up digest ("opfølgningsmail", seed 002) goes to a user for an account:
// a pure function of what the job saw before and what it counts today. No I/O, no clock.
//
// The manual: the mail is daily, at most once a day, only when there is something to do, and
// "såfremt der ikke kommer andre sager" it is repeated only on day 1, 2, 5, 11 and 42.
//
// Precisely:
//  - The counts are the five numbers of the mail (TodoCounters). They "change" when any of them
//    differs from what the job counted on its previous run for this user and account.
//  - Day 1 is the day the counts became what they are now: the first run that counted them.
//    Day n is day 1 + (n - 1) calendar days (Copenhagen dates).
//  - A mail goes on day n when the counts are not all zero, no mail went earlier the same
//    calendar day, and a repeat day k in {1, 2, 5, 11, 42} has been reached since the last mail
//    with these counts: last mail on day n_last (0 when none went with these counts),
//    n_last < k <= n. Without missed runs that is exactly days 1, 2, 5, 11 and 42; a run that
//    was missed (all servers down on day 5) is made up on the next run (day 6), once.
//  - After day 42 nothing goes until the counts change. A change always sends at once (it is
//    day 1 of the new counts), a change to all zeros sends nothing.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "core/date.h"

namespace inkasso {

struct DigestCounts {
  int64_t follow_up = 0;             // cases to follow up
  int64_t documents_to_print = 0;    // "send yourself" documents waiting
  int64_t court_fees = 0;            // court fees to transfer
  int64_t defaulted_agreements = 0;  // payment agreements defaulted
  int64_t agreement_requests = 0;    // debtors asking for an agreement
  bool empty() const {
    return follow_up == 0 && documents_to_print == 0 && court_fees == 0 &&
           defaulted_agreements == 0 && agreement_requests == 0;
  }
  bool operator==(const DigestCounts&) const = default;
};

// What the job keeps per (user, account) between runs.
struct DigestState {
  DigestCounts counts;            // as counted on the last run
  Date unchanged_since;           // day 1 of these counts
  std::optional<Date> last_sent;  // the day of the last mail that was accepted, if any
};

inline constexpr std::array<int, 5> kDigestRepeatDays{1, 2, 5, 11, 42};

struct DigestDecision {
  bool send = false;
  int day_number = 0;  // n: today is day n of these counts (1 on the day they changed)
  DigestState next;    // the state to keep; last_sent is left as it was (set it when accepted)
};

// `previous` is nullopt the first time the job sees this user and account. `today` must not be
// before previous->unchanged_since (asserted: the job's days only go forward).
DigestDecision decide_digest(const std::optional<DigestState>& previous, const DigestCounts& counts,
                             Date today);

}  // namespace inkasso
