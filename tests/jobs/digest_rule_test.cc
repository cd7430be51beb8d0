// The repeat rule of the follow-up digest (jobs/digest_rule.h), as a pure function: day 1 is the
// first run that counted the current counts; unchanged counts send on day 1, 2, 5, 11 and 42.
#include "jobs/digest_rule.h"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

namespace inkasso {
namespace {

const Date kStart = Date::ymd(2026, 2, 10);

// Runs the rule every day from kStart for `days` days with the counts `counts_on(day index)`,
// every mail accepted; returns the day indexes that sent.
template <class F>
std::vector<int> simulate(int days, F counts_on, const std::vector<int>& skipped = {}) {
  std::optional<DigestState> state;
  std::vector<int> sent;
  for (int i = 0; i < days; ++i) {
    if (std::find(skipped.begin(), skipped.end(), i) != skipped.end()) continue;  // no run
    DigestDecision d = decide_digest(state, counts_on(i), kStart + i);
    if (d.send) {
      d.next.last_sent = kStart + i;
      sent.push_back(i);
    }
    state = d.next;
  }
  return sent;
}

DigestCounts follow_up(int64_t n) {
  DigestCounts c;
  c.follow_up = n;
  return c;
}

TEST(DigestRule, UnchangedCountsSendOnDays1_2_5_11_42Only) {
  // The counts are 3 from index 0 on: index 0 is day 1, so day n is index n - 1:
  // days 1, 2, 5, 11, 42 are indexes 0, 1, 4, 10, 41; nothing after that in 100 days.
  EXPECT_EQ(simulate(100, [](int) { return follow_up(3); }), (std::vector<int>{0, 1, 4, 10, 41}));
}

TEST(DigestRule, NothingToDoSendsNothing) {
  EXPECT_TRUE(simulate(60, [](int) { return DigestCounts{}; }).empty());
}

TEST(DigestRule, AChangeIsDayOneAgain) {
  // 1 case on indexes 0..6, 2 cases from index 7: day 1 of the new counts is index 7, so
  // 7, 8, 11 (day 5), 17 (day 11), 48 (day 42); before: 0, 1, 4 (days 1, 2, 5).
  EXPECT_EQ(simulate(60, [](int i) { return follow_up(i < 7 ? 1 : 2); }),
            (std::vector<int>{0, 1, 4, 7, 8, 11, 17, 48}));
}

TEST(DigestRule, AnyCounterCountsNotOnlyCasesToFollowUp) {
  // Documents to print appear on index 3: a change, so index 3 sends although the cases to
  // follow up are unchanged. Then 4 (day 2), 7 (day 5), 13 (day 11).
  auto counts = [](int i) {
    DigestCounts c = follow_up(2);
    if (i >= 3) c.documents_to_print = 1;
    return c;
  };
  EXPECT_EQ(simulate(30, counts), (std::vector<int>{0, 1, 3, 4, 7, 13}));
}

TEST(DigestRule, DroppingToZeroSendsNothingAndComingBackIsANewDayOne) {
  // 1 on 0..9, 0 on 10..14, 1 again from 15: 0, 1, 4 (days 1, 2, 5; day 11 would be index 10,
  // but there is nothing then), then 15, 16, 19, 25 (days 1, 2, 5, 11 of the new stretch).
  auto counts = [](int i) { return follow_up(i < 10 || i >= 15 ? 1 : 0); };
  EXPECT_EQ(simulate(40, counts), (std::vector<int>{0, 1, 4, 15, 16, 19, 25}));
}

TEST(DigestRule, AMissedRunIsMadeUpOnceOnTheNextRun) {
  // No run on index 4 (day 5) nor 5: the run on index 6 (day 7) sends day 5's mail; the next
  // is index 10 (day 11).
  EXPECT_EQ(simulate(20, [](int) { return follow_up(1); }, {4, 5}),
            (std::vector<int>{0, 1, 6, 10}));
}

TEST(DigestRule, AtMostOnceADay) {
  // A second run the same day (a retry) after a mail went: no second mail.
  DigestDecision first = decide_digest(std::nullopt, follow_up(1), kStart);
  ASSERT_TRUE(first.send);
  first.next.last_sent = kStart;
  DigestDecision again = decide_digest(first.next, follow_up(2), kStart);
  EXPECT_FALSE(again.send) << "changed counts, but a mail went today already";
  EXPECT_EQ(again.next.unchanged_since, kStart);
  // The next day the changed counts are day 2 of their stretch (they began the day before):
  // day 2 is a repeat day, so it sends.
  DigestDecision next_day = decide_digest(again.next, follow_up(2), kStart + 1);
  EXPECT_TRUE(next_day.send);
  EXPECT_EQ(next_day.day_number, 2);
}

TEST(DigestRule, AFailedMailIsSentOnTheNextRun) {
  // Day 1's mail was not accepted (last_sent not set): day 2 sends (as it would anyway), then
  // day 5 (index 4), as if day 1's had gone.
  std::optional<DigestState> state;
  std::vector<int> decided;
  for (int i = 0; i < 6; ++i) {
    DigestDecision d = decide_digest(state, follow_up(1), kStart + i);
    if (d.send) decided.push_back(i);
    if (d.send && i != 0) d.next.last_sent = kStart + i;  // index 0's mail failed
    state = d.next;
  }
  EXPECT_EQ(decided, (std::vector<int>{0, 1, 4}));
}

}  // namespace
}  // namespace inkasso
