#include "app/followup.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "app/cases.h"
#include "tests/app/fixtures.h"
#include "tests/app/two_creditors.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

Money kr(int64_t kroner) {
  return Money::from_kroner(kroner);
}
Date d(int y, int m, int day) {
  return Date::ymd(y, m, day);
}

// The standard track (core/tracks.cc): reminder 1 three days after the due date, reminder 2
// twelve days after reminder 1. On 2026-11-24 the fixture's cases stand so:
//   B  due 2026-10-01, reminder 1 sent 2026-10-05   → reminder 2 due 10-05 + 12 = 2026-10-17
//   A  due 2026-11-01                               → reminder 1 due 11-01 + 3  = 2026-11-04
//   G  due 2026-11-10, debtor without e-mail        → reminder 1 due 11-10 + 3  = 2026-11-13
//   C  due 2026-11-01, taken out of batch follow-up → not listed
//   P  due 2026-11-01, paused until 2026-12-10      → not listed (its step moves to 12-10)
//   F  due 2026-11-22                               → reminder 1 due 2026-11-25: not yet
// So step 1 shows standard:reminder:1 (2: A, G) and standard:reminder:2 (1: B), and the work
// order is B, A, G (oldest step first).
class FollowUp : public testing::TwoCreditorsTest {
 protected:
  void SetUp() override {
    TwoCreditorsTest::SetUp();
    if (IsSkipped()) return;

    const int64_t with_mail = debtor("Jensen Byg ApS", "bogholderi@jensenbyg.dk");
    const int64_t without_mail = debtor("Hansen VVS", "");
    b_ = make_case(with_mail, d(2026, 10, 1), true);
    a_ = make_case(with_mail, d(2026, 11, 1));
    g_ = make_case(without_mail, d(2026, 11, 10));
    c_ = make_case(with_mail, d(2026, 11, 1));
    ASSERT_TRUE(set_batch_follow_up(db(), handler_, account_, c_, version(c_), false).ok());
    p_ = make_case(with_mail, d(2026, 11, 1));
    ASSERT_TRUE(pause_case(db(), clock_, handler_, account_, p_, version(p_), d(2026, 12, 10)).ok());
    f_ = make_case(with_mail, d(2026, 11, 22));
  }

  int64_t debtor(const std::string& name, const std::string& email) {
    int64_t id = testing::insert_debtor(db(), account_, name);
    soci::session sql(db().pool());
    long long i = id;
    sql << "UPDATE debtors SET email = :e, street = 'Nørregade 1', postal_code = '8000', "
           "city = 'Aarhus C' WHERE id = :i",
        soci::use(email), soci::use(i);
    return id;
  }

  int64_t make_case(int64_t debtor_id, Date due, bool reminded = false) {
    NewCase in;
    in.debtor_id = debtor_id;
    in.claims.push_back(Claim{"Faktura " + due.to_iso(), due - 14, due, kr(1500)});
    if (reminded) in.reminders.push_back(SentReminder{d(2026, 10, 5), kr(100), false, false});
    auto c = create_case(db(), clock_, box_, handler_, account_, in);
    EXPECT_TRUE(c.ok()) << c.error().message;
    return c.ok() ? c->number : 0;
  }

  CaseView view(int64_t number) {
    auto v = get_case(db(), clock_, handler_, account_, number);
    EXPECT_TRUE(v.ok());
    return *v;
  }
  int64_t version(int64_t number) { return view(number).stored.version; }
  size_t actions(int64_t number) { return view(number).stored.history.actions.size(); }

  int count(const std::string& sql_text) {
    soci::session sql(db().pool());
    long long n = 0;
    sql << sql_text, soci::into(n);
    return static_cast<int>(n);
  }

  FollowUpOrder order(std::vector<std::string> choices, std::string key = "key-1") {
    FollowUpOrder o;
    o.choices = std::move(choices);
    o.run_key = std::move(key);
    return o;
  }

  Result<int> work(int64_t run, int max_items = 100) {
    return work_follow_up_run(db(), clock_, box_, inst_, handler_, account_, run, max_items);
  }

  // 2026-11-24 09:00 UTC.
  FixedClock clock_{int64_t{d(2026, 11, 24).days()} * 86'400 + 9 * 3'600, d(2026, 11, 24)};
  Installation inst_{"https://inkasso.example"};
  int64_t a_ = 0, b_ = 0, c_ = 0, f_ = 0, g_ = 0, p_ = 0;
};

TEST_P(FollowUp, PreviewGroupsTheDueStepsByTrackAndReminderNumber) {
  auto p = follow_up_preview(db(), guest_, account_, clock_.today());
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_EQ(p->groups.size(), 2u);
  EXPECT_EQ(p->groups[0].key, "standard:reminder:1");
  EXPECT_EQ(p->groups[0].count, 2);  // A and G
  EXPECT_EQ(p->groups[0].oldest, d(2026, 11, 4));
  EXPECT_EQ(p->groups[1].key, "standard:reminder:2");
  EXPECT_EQ(p->groups[1].count, 1);  // B
  EXPECT_EQ(p->groups[1].reminder_number, 2);
  EXPECT_EQ(p->total, 3);

  // A day later F's reminder 1 is due too (2026-11-25).
  auto later = follow_up_preview(db(), guest_, account_, d(2026, 11, 25));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->groups[0].count, 3);
}

TEST_P(FollowUp, StepTwoListsTheChosenCasesOldestFirstUpToTheLimit) {
  auto all = follow_up_cases(db(), guest_, account_, clock_.today(), {"reminder"}, 100);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].number, b_);
  EXPECT_EQ((*all)[1].number, a_);
  EXPECT_EQ((*all)[2].number, g_);
  EXPECT_EQ((*all)[2].debtor_name, "Hansen VVS");
  EXPECT_EQ((*all)[0].principal, kr(1500));

  auto first = follow_up_cases(db(), guest_, account_, clock_.today(), {"standard:reminder:1"}, 1);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].number, a_);  // 2026-11-04 before G's 2026-11-13
}

TEST_P(FollowUp, RunCreatesEachStepWithItsFeeDocumentAndSendingOnce) {
  const int64_t send_at = clock_.now_unix() + 3'600;
  FollowUpOrder o = order({"reminder"});
  o.default_send_at = send_at;
  auto run = start_follow_up_run(db(), clock_, handler_, account_, clock_.today(), o);
  ASSERT_TRUE(run.ok()) << run.error().message;
  auto worked = work(*run);
  ASSERT_TRUE(worked.ok()) << worked.error().message;
  EXPECT_EQ(*worked, 3);

  auto r = get_follow_up_run(db(), guest_, account_, *run);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->finished);
  EXPECT_EQ(r->done, 3);
  EXPECT_TRUE(r->problems.empty());

  // A: reminder 1 dated today with the law's 100 kr. fee, and 310 kr. compensation for the
  // business debtor's one overdue invoice (rentelovens § 9 b): fees 100 + 310 = 410 kr.
  CaseView a = view(a_);
  ASSERT_EQ(a.stored.history.actions.size(), 1u);
  EXPECT_EQ(a.stored.history.actions[0].type, ActionType::reminder);
  EXPECT_EQ(a.stored.history.actions[0].date, d(2026, 11, 24));
  EXPECT_EQ(a.stored.history.actions[0].fee, kr(100));
  EXPECT_TRUE(a.stored.history.actions[0].compensation);
  EXPECT_EQ(a.state.fees, kr(410));
  // B: its second reminder (the first came with the case).
  EXPECT_EQ(actions(b_), 2u);
  // Nothing else was touched.
  EXPECT_EQ(actions(c_), 0u);
  EXPECT_EQ(actions(f_), 0u);

  // One document each; A and B by e-mail (their debtor has an address), G to the print list
  // (email_or_print), all at the chosen time.
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatches WHERE channel = 'email'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatches WHERE channel = 'print_self'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatches WHERE send_at = " + std::to_string(send_at)), 3);
  // Each done item names its action's event, and through it the document (migration 0018).
  EXPECT_EQ(count("SELECT COUNT(*) FROM followup_run_items i JOIN case_events e ON e.case_id = "
                  "i.case_id AND e.seq = i.event_seq AND e.kind = 'action' JOIN documents d ON "
                  "d.case_id = i.case_id AND d.event_seq = i.event_seq WHERE i.status = 'done'"),
            3);

  // A double submit (same run key) finds the same run; working it again does nothing.
  auto again = start_follow_up_run(db(), clock_, handler_, account_, clock_.today(), o);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *run);
  EXPECT_EQ(*work(*again), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 3);
  EXPECT_EQ(actions(a_), 1u);

  // The steps are done: step 1 has nothing left of these groups.
  auto p = follow_up_preview(db(), guest_, account_, clock_.today());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->total, 0);
}

TEST_P(FollowUp, ADebtorWhoCannotBeReachedIsLeftOutWithTheReason) {
  FollowUpOrder o = order({"standard:reminder:1"});
  o.channel = BatchChannel::email;
  auto run = start_follow_up_run(db(), clock_, handler_, account_, clock_.today(), o);
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(work(*run).ok());
  auto r = get_follow_up_run(db(), guest_, account_, *run);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 2);
  EXPECT_EQ(r->done, 1);  // A
  EXPECT_EQ(r->left_out, 1);
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].case_number, g_);
  EXPECT_EQ(r->problems[0].status, "left_out");
  EXPECT_EQ(r->problems[0].reason, "Skyldner har ingen e-mailadresse.");
  EXPECT_EQ(actions(g_), 0u);
}

TEST_P(FollowUp, ACaseChangedSinceTheStartIsRefusedWithTheReasonNotSkipped) {
  auto run = start_follow_up_run(db(), clock_, handler_, account_, clock_.today(),
                                 order({"standard:reminder:1"}));
  ASSERT_TRUE(run.ok());
  // Someone sends A's reminder by hand before the run gets to it.
  Action manual;
  manual.type = ActionType::reminder;
  manual.date = clock_.today();
  manual.deadline = clock_.today() + 12;
  ASSERT_TRUE(add_action(db(), clock_, handler_, account_, a_, version(a_), manual).ok());

  ASSERT_TRUE(work(*run).ok());
  auto r = get_follow_up_run(db(), guest_, account_, *run);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->done, 1);  // G
  EXPECT_EQ(r->refused, 1);
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].case_number, a_);
  EXPECT_NE(r->problems[0].reason.find("Rykker nr. 1"), std::string::npos) << r->problems[0].reason;
  EXPECT_EQ(actions(a_), 1u);  // only the manual one
}

TEST_P(FollowUp, AnInterruptedRunIsResumedWithoutDuplicatesOrGaps) {
  auto run = start_follow_up_run(db(), clock_, handler_, account_, clock_.today(),
                                 order({"reminder"}));
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(*work(*run, 1), 1);  // B, then the process "stops"
  EXPECT_EQ(actions(b_), 2u);
  EXPECT_EQ(actions(a_), 0u);
  // After the restart the background worker finishes what was begun, as its creator.
  EXPECT_EQ(resume_follow_up_runs(db(), clock_, box_, inst_, 100), 2);
  EXPECT_EQ(resume_follow_up_runs(db(), clock_, box_, inst_, 100), 0);
  EXPECT_EQ(actions(b_), 2u);
  EXPECT_EQ(actions(a_), 1u);
  EXPECT_EQ(actions(g_), 1u);
  auto r = get_follow_up_run(db(), guest_, account_, *run);
  EXPECT_TRUE(r->finished);
  EXPECT_EQ(r->done, 3);
}

TEST_P(FollowUp, TwoWorkersOnTheSameRunActOnEachCaseOnce) {
  // 20 more cases due for reminder 1, so the workers overlap.
  const int64_t with_mail = debtor("Mortensen Tag ApS", "post@mortensentag.dk");
  std::vector<int64_t> more;
  for (int i = 0; i < 20; ++i) more.push_back(make_case(with_mail, d(2026, 11, 2)));
  auto run = start_follow_up_run(db(), clock_, handler_, account_, clock_.today(),
                                 order({"reminder"}));
  ASSERT_TRUE(run.ok());
  auto one = [&] {
    for (int i = 0; i < 50; ++i) {
      auto n = work(*run, 3);
      if (!n.ok() || *n == 0) return;
    }
  };
  std::thread t1(one), t2(one);
  t1.join();
  t2.join();
  auto r = get_follow_up_run(db(), guest_, account_, *run);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 23);
  EXPECT_EQ(r->done + r->refused, 23);
  EXPECT_EQ(r->pending, 0);
  for (int64_t n : more) EXPECT_EQ(actions(n), 1u) << "case " << n;
  EXPECT_EQ(actions(a_), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), r->done);
}

TEST_P(FollowUp, OnlyTheAccountsCaseHandlersRunAndNobodyElseSeesTheRun) {
  EXPECT_EQ(start_follow_up_run(db(), clock_, guest_, account_, clock_.today(), order({"reminder"}))
                .error()
                .code,
            app_error::kForbidden);
  EXPECT_EQ(follow_up_preview(db(), outsider_, account_, clock_.today()).error().code,
            app_error::kNotFound);
  auto run = start_follow_up_run(db(), clock_, handler_, account_, clock_.today(),
                                 order({"reminder"}));
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(get_follow_up_run(db(), outsider_, other_account_, *run).error().code,
            app_error::kNotFound);
  EXPECT_EQ(start_follow_up_run(db(), clock_, handler_, account_, clock_.today(), order({}, "k2"))
                .error()
                .field,
            "types");
  EXPECT_EQ(count("SELECT COUNT(*) FROM followup_runs"), 1);
}

INKASSO_INSTANTIATE_BACKENDS(FollowUp);

}  // namespace
}  // namespace inkasso
