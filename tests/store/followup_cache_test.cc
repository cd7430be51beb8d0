// The follow-up group cache (migrations/0016, core/follow_up_group.h) against evaluating every
// candidate: for random histories (src/testing/random_case.h: all tracks, payments, agreements,
// settlements, pauses, closings, events up to the end of 2026) written on one day, the due steps
// step 1 counts from the cache plus the evaluated rest are exactly those an evaluation of every
// candidate finds, on days before, on and after the day written.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "core/engine.h"
#include "core/follow_up_group.h"
#include "testing/random_case.h"
#include "store/case_store.h"
#include "tests/app/fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;
using Step = std::tuple<int64_t, std::string, std::string>;  // case id, group key, step date

class FollowUpCache : public BackendTest {};

std::set<Step> by_evaluation(soci::session& sql, int64_t account, Date as_of,
                             FollowUpCandidates which) {
  std::set<Step> out;
  for (const StoredCase& c : load_follow_up_candidates(sql, account, as_of, which)) {
    auto state = evaluate(c.history, as_of);
    if (!state || !state->follow_up_due) continue;
    auto group = follow_up_group(c.history, *state);
    if (group) out.emplace(c.id, group->key, state->next_action->date.to_iso());
  }
  return out;
}

TEST_P(FollowUpCache, CachedGroupsAndTheEvaluatedRestAreExactlyTheDueSteps) {
  const int64_t account = testing::insert_company_account(db(), "Kreditor A/S");
  const int64_t company = testing::insert_debtor(db(), account, "Firma ApS");
  const int64_t person = testing::insert_debtor(db(), account, "Person", "person");
  soci::session sql(db().pool());
  const Date written = Date::ymd(2026, 11, 24);
  const ChangeContext ctx{0, int64_t{written.days()} * 86'400, written};
  testing::RandomCaseShape shape;
  shape.exact_counts = false;
  shape.years = 2;
  int inserted = 0, cached = 0;
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    NewCaseRecord record;
    record.account_id = account;
    record.settings = testing::random_case(seed, shape);
    record.debtor_id = record.settings.debtor == DebtorKind::company ? company : person;
    for (const Claim& c : record.settings.claims) record.events.emplace_back(c);
    for (const Payment& p : record.settings.payments)
      record.events.emplace_back(RecordedPayment{p.date, p.amount, std::nullopt});
    for (const Action& a : record.settings.actions) record.events.emplace_back(a);
    if (insert_case(sql, record, ctx)) ++inserted;
  }
  ASSERT_GT(inserted, 300);

  for (Date as_of : {Date::ymd(2025, 9, 1), Date::ymd(2026, 6, 15), written, written + 1,
                     Date::ymd(2027, 3, 1)}) {
    const std::set<Step> expected = by_evaluation(sql, account, as_of, FollowUpCandidates::all);
    std::set<Step> got =
        by_evaluation(sql, account, as_of, FollowUpCandidates::group_not_cached);
    for (const CachedDueStep& s : load_cached_due_steps(sql, account, as_of)) {
      EXPECT_TRUE(got.emplace(s.case_id, s.group_key, s.step_date.to_iso()).second)
          << "case " << s.case_id << " both cached and evaluated";
      ++cached;
    }
    EXPECT_EQ(got, expected) << "as of " << as_of.to_iso();
  }
  // Most due steps come from the cache (else the test would not test it).
  EXPECT_GT(cached, 100);
}

INKASSO_INSTANTIATE_BACKENDS(FollowUpCache);

}  // namespace
}  // namespace inkasso
