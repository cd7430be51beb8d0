#include "app/cases.h"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "core/rules.h"
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

Claim claim(std::string ref, Date invoice, Date due, Money amount) {
  return Claim{std::move(ref), invoice, due, amount};
}

Action action(ActionType type, Date date, Money fee = Money(), bool compensation = false) {
  Action a;
  a.type = type;
  a.date = date;
  a.fee = fee;
  a.compensation = compensation;
  return a;
}

class Cases : public testing::TwoCreditorsTest {
 protected:
  void SetUp() override {
    TwoCreditorsTest::SetUp();
    if (IsSkipped()) return;
    debtor_ = testing::insert_debtor(db(), account_, "Jensen Byg ApS");
    other_debtor_ = testing::insert_debtor(db(), other_account_, "Hansen VVS");
  }

  // A case with one claim of 1500 kr. due `due`.
  int64_t create(Date due = d(2025, 1, 15), int64_t debtor = 0) {
    NewCase in;
    in.debtor_id = debtor ? debtor : debtor_;
    in.claims.push_back(claim("Faktura 1234", due - 14, due, kr(1500)));
    auto c = create_case(db(), clock_, box_, handler_, account_, in);
    EXPECT_TRUE(c.ok()) << c.error().code << ": " << c.error().message;
    return c.ok() ? c->number : 0;
  }

  StoredCase load(int64_t number, int64_t account = 0) {
    auto v = get_case(db(), clock_, handler_, account ? account : account_, number);
    EXPECT_TRUE(v.ok()) << v.error().message;
    return v.ok() ? v->stored : StoredCase{};
  }

  int64_t version(int64_t number) { return load(number).version; }

  int count(const std::string& sql_text) {
    soci::session sql(db().pool());
    long long n = 0;
    sql << sql_text, soci::into(n);
    return static_cast<int>(n);
  }

  void at(Date day) { clock_.set(1'748'736'000 + (day - d(2025, 6, 1)) * 86'400, day); }

  // The worked example of examples/case.json, built through the use cases.
  int64_t worked_example() {
    at(d(2025, 1, 18));
    NewCase in;
    in.debtor_id = debtor_;
    in.claims.push_back(claim("Faktura 1234", d(2025, 1, 1), d(2025, 1, 15), kr(1500)));
    auto created = create_case(db(), clock_, box_, handler_, account_, in);
    EXPECT_TRUE(created.ok());
    const int64_t n = created->number;
    auto step = [&](Result<int64_t> r) {
      EXPECT_TRUE(r.ok()) << r.error().code << ": " << r.error().message;
    };
    step(add_action(db(), clock_, handler_, account_, n, version(n),
                    action(ActionType::reminder, d(2025, 1, 18), kr(100), true)));
    at(d(2025, 1, 20));
    step(add_credit_note(db(), clock_, handler_, account_, n, version(n),
                         CreditNote{"Faktura 1234", d(2025, 1, 20), kr(100)}));
    at(d(2025, 1, 30));
    step(add_action(db(), clock_, handler_, account_, n, version(n),
                    action(ActionType::reminder, d(2025, 1, 30), kr(100))));
    at(d(2025, 2, 11));
    step(add_action(db(), clock_, handler_, account_, n, version(n),
                    action(ActionType::collection_notice, d(2025, 2, 11), kr(100))));
    at(d(2025, 2, 15));
    step(add_action(db(), clock_, handler_, account_, n, version(n),
                    action(ActionType::letter, d(2025, 2, 15))));
    at(d(2025, 2, 16));
    step(pause_case(db(), clock_, handler_, account_, n, version(n), d(2025, 3, 1)));
    at(d(2025, 3, 10));
    step(register_payment(db(), clock_, handler_, account_, n, version(n), d(2025, 3, 10), kr(250),
                          PaymentMethod::bank_transfer));
    at(d(2025, 6, 1));
    return n;
  }

  FixedClock clock_{1'748'736'000, d(2025, 6, 1)};
  int64_t debtor_ = 0, other_debtor_ = 0;
};

TEST_P(Cases, NumbersRunPerAccount) {
  EXPECT_EQ(create(), 1);
  EXPECT_EQ(create(), 2);
  testing::insert_membership(db(), other_account_, handler_.user_id, Role::case_handler);
  NewCase in;
  in.debtor_id = other_debtor_;
  in.claims.push_back(claim("F1", d(2025, 1, 1), d(2025, 1, 15), kr(100)));
  auto c = create_case(db(), clock_, box_, handler_, other_account_, in);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->number, 1);
  EXPECT_EQ(create(), 3);
}

TEST_P(Cases, CreateStoresTheWholeHistoryAndAPortalPassword) {
  NewCase in;
  in.debtor_id = debtor_;
  in.claims.push_back(claim("F1", d(2025, 1, 1), d(2025, 1, 15), kr(1000)));
  in.claims.push_back(claim("F2", d(2025, 2, 1), d(2025, 2, 15), kr(500)));
  in.payments.push_back(RecordedPayment{d(2025, 3, 1), kr(200), PaymentMethod::cash});
  in.reminders.push_back(SentReminder{d(2025, 1, 20), kr(100), false, true});
  in.reminders.push_back(SentReminder{d(2025, 2, 20), kr(100), true, false});
  in.track = Track::fast;
  in.batch_follow_up = false;
  auto c = create_case(db(), clock_, box_, handler_, account_, in);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_TRUE(c->adjustments.empty());

  auto v = get_case(db(), clock_, guest_, account_, c->number);
  ASSERT_TRUE(v.ok()) << v.error().message;
  const StoredCase& s = v->stored;
  EXPECT_EQ(s.debtor_id, debtor_);
  EXPECT_EQ(s.history.track, Track::fast);
  EXPECT_FALSE(s.batch_follow_up);
  EXPECT_EQ(s.history.debtor, DebtorKind::company);
  ASSERT_EQ(s.history.claims.size(), 2u);
  EXPECT_EQ(s.history.claims[1].ref, "F2");
  EXPECT_EQ(s.history.claims[1].invoice_date, d(2025, 2, 1));
  EXPECT_EQ(s.history.claims[1].amount, kr(500));
  ASSERT_EQ(s.history.payments.size(), 1u);
  EXPECT_EQ(s.payment_methods[0], PaymentMethod::cash);
  ASSERT_EQ(s.history.actions.size(), 2u);
  EXPECT_EQ(s.history.actions[0].type, ActionType::reminder);
  EXPECT_TRUE(s.history.actions[0].compensation);
  EXPECT_EQ(s.history.actions[1].type, ActionType::collection_notice);
  ASSERT_EQ(s.events.size(), 5u);
  EXPECT_EQ(s.events[0].seq, 1);
  EXPECT_EQ(s.events[4].seq, 5);
  EXPECT_EQ(s.events[4].kind, EventKind::action);
  EXPECT_EQ(s.events[4].created_by, handler_.user_id);
  EXPECT_EQ(s.events[4].created_at, clock_.now_unix());
  EXPECT_EQ(v->state.paid, kr(200));

  auto password = case_portal_password(db(), box_, handler_, account_, c->number);
  ASSERT_TRUE(password.ok()) << password.error().message;
  EXPECT_EQ(password->size(), 10u);
  EXPECT_EQ(s.portal_password_sealed_hex.find(*password), std::string::npos);
  EXPECT_EQ(case_portal_password(db(), box_, guest_, account_, c->number).error().code,
            app_error::kForbidden);
}

TEST_P(Cases, ImportedUnlawfulFeesAreCappedAndReported) {
  NewCase in;
  in.debtor_id = debtor_;
  in.claims.push_back(claim("F1", d(2025, 1, 1), d(2025, 1, 15), kr(1000)));
  in.reminders.push_back(SentReminder{d(2025, 1, 20), kr(250), false, false});
  auto c = create_case(db(), clock_, box_, handler_, account_, in);
  ASSERT_TRUE(c.ok()) << c.error().message;
  ASSERT_EQ(c->adjustments.size(), 1u);
  EXPECT_EQ(c->adjustments[0].adjustment.rule, rule::kReminderFeeMax);
  EXPECT_EQ(c->adjustments[0].adjustment.allowed, kr(100));
  EXPECT_FALSE(c->adjustments[0].message.empty());
  auto v = get_case(db(), clock_, handler_, account_, c->number);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->stored.history.actions[0].fee, kr(250));  // stored as sent, capped when read
  EXPECT_EQ(v->state.fees, kr(100));
}

TEST_P(Cases, CreateChecksItsInput) {
  NewCase in;
  in.debtor_id = debtor_;
  EXPECT_EQ(create_case(db(), clock_, box_, handler_, account_, in).error().code,
            app_error::kInvalid);
  in.claims.push_back(claim("F1", d(2025, 1, 1), d(2025, 1, 15), Money()));
  auto zero = create_case(db(), clock_, box_, handler_, account_, in);
  EXPECT_EQ(zero.error().code, app_error::kInvalid);
  EXPECT_EQ(zero.error().field, "claims[0].amount");
  in.claims[0].amount = kr(10);
  in.debtor_id = other_debtor_;
  EXPECT_EQ(create_case(db(), clock_, box_, handler_, account_, in).error().code,
            app_error::kNotFound);
  EXPECT_EQ(count("SELECT COUNT(*) FROM cases"), 0);
  // Nothing was taken from the sequence either.
  EXPECT_EQ(create(), 1);
}

TEST_P(Cases, InterestDefaultsComeFromTheAccount) {
  {
    soci::session sql(db().pool());
    long long a = account_;
    sql << "UPDATE accounts SET default_track = 'gentle', default_interest_kind = 'fixed', "
           "default_interest_from = 'due_date', default_fixed_rate_bp = 800 WHERE id = :a",
        soci::use(a);
  }
  auto company = load(create());
  EXPECT_EQ(company.history.track, Track::gentle);
  EXPECT_EQ(company.history.interest.kind, InterestKind::fixed);
  EXPECT_EQ(company.history.interest.fixed_rate_bp, 800);
  EXPECT_EQ(company.history.interest.from, InterestStart::due_date);

  int64_t person = testing::insert_debtor(db(), account_, "Ole Olsen", "person");
  auto private_case = load(create(d(2025, 1, 15), person));
  EXPECT_EQ(private_case.history.interest.kind, InterestKind::procesrente);
  EXPECT_EQ(private_case.history.interest.from, InterestStart::due_date);

  NewCase in;
  in.debtor_id = person;
  in.claims.push_back(claim("F1", d(2025, 1, 1), d(2025, 1, 15), kr(10)));
  in.interest = InterestSettings{InterestKind::fixed, InterestStart::day31, 1000};
  auto refused = create_case(db(), clock_, box_, handler_, account_, in);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "interest");
}

TEST_P(Cases, TheWorkedExampleOwes1804_12OnTheFirstOfJune) {
  const int64_t n = worked_example();
  auto v = get_case(db(), clock_, guest_, account_, n);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->state.outstanding.total().to_plain(), "1804.12");
  EXPECT_EQ(v->state.outstanding.principal.to_plain(), "1400.00");
  EXPECT_EQ(v->state.flow, Flow::track);
  ASSERT_TRUE(v->state.next_action.has_value());
  EXPECT_EQ(v->state.next_action->type, ActionType::collection_demand);
  EXPECT_EQ(v->state.next_action->date, d(2025, 3, 1));
  EXPECT_TRUE(v->state.follow_up_due);
  EXPECT_EQ(v->stored.version, 7);
  EXPECT_EQ(v->stored.events.size(), 8u);
  EXPECT_EQ(v->stored.payment_methods[0], PaymentMethod::bank_transfer);

  // The cache, as of the last change (10 March).
  auto page = search_cases(db(), guest_, account_, CaseQuery{});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  const CaseListItem& item = page->items[0];
  EXPECT_EQ(item.flow, Flow::track);
  EXPECT_EQ(item.next_action_type, ActionType::collection_demand);
  EXPECT_EQ(item.review_date, d(2025, 3, 1));
  EXPECT_EQ(item.principal, kr(1400));
  EXPECT_EQ(item.last_action_type, ActionType::pause);
  EXPECT_EQ(item.last_action_date, d(2025, 2, 16));
  EXPECT_EQ(item.debtor_name, "Jensen Byg ApS");
}

TEST_P(Cases, AFourthFeeBearingReminderIsRefusedAndNothingStored) {
  const int64_t n = worked_example();
  const StoredCase before = load(n);
  auto r = add_action(db(), clock_, handler_, account_, n, before.version,
                      action(ActionType::reminder, d(2025, 6, 1), kr(100)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, rule::kReminderFeeCount);
  EXPECT_FALSE(r.error().message.empty());
  const StoredCase after = load(n);
  EXPECT_EQ(after.version, before.version);
  EXPECT_EQ(after.events.size(), before.events.size());
  // Without a fee it is allowed.
  EXPECT_TRUE(add_action(db(), clock_, handler_, account_, n, before.version,
                         action(ActionType::reminder, d(2025, 6, 1)))
                  .ok());
}

TEST_P(Cases, DeleteLastActionRewindsAndIsAudited) {
  const int64_t n = worked_example();
  // A collection demand, then delete it: the demand is suggested again.
  auto v1 = add_action(db(), clock_, handler_, account_, n, version(n),
                       action(ActionType::collection_demand, d(2025, 6, 1)));
  ASSERT_TRUE(v1.ok()) << v1.error().message;
  auto after = get_case(db(), clock_, handler_, account_, n);
  EXPECT_EQ(after->state.next_action->type, ActionType::settlement_offer);

  auto v2 = delete_last_action(db(), clock_, handler_, account_, n, *v1);
  ASSERT_TRUE(v2.ok()) << v2.error().message;
  EXPECT_EQ(*v2, *v1 + 1);
  auto back = get_case(db(), clock_, handler_, account_, n);
  EXPECT_EQ(back->state.next_action->type, ActionType::collection_demand);
  EXPECT_EQ(back->stored.history.actions.size(), 5u);
  EXPECT_EQ(back->stored.history.actions.back().type, ActionType::pause);
  EXPECT_EQ(back->stored.payment_methods.size(), 1u);  // the payment after it stays

  soci::session sql(db().pool());
  std::string what, detail;
  long long number = 0, user = 0;
  sql << "SELECT what, case_number, user_id, detail FROM audit_log", soci::into(what),
      soci::into(number), soci::into(user), soci::into(detail);
  EXPECT_EQ(what, "delete_last_action");
  EXPECT_EQ(number, n);
  EXPECT_EQ(user, handler_.user_id);
  EXPECT_NE(detail.find("\"type\":\"collection_demand\""), std::string::npos) << detail;
  EXPECT_NE(detail.find("\"date\":\"2025-06-01\""), std::string::npos) << detail;

  // The search cache follows.
  CaseQuery q;
  q.last_action_type = ActionType::pause;
  EXPECT_EQ(search_cases(db(), guest_, account_, q)->total, 1);
}

TEST_P(Cases, AStaleVersionIsAConflictAndWritesNothing) {
  const int64_t n = create();
  const int64_t v = version(n);
  ASSERT_TRUE(add_note(db(), clock_, handler_, account_, n, v, "Ringede til kunden").ok());
  auto stale = add_note(db(), clock_, handler_, account_, n, v, "Skrevet samtidig");
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, app_error::kConflict);
  auto stale_payment =
      register_payment(db(), clock_, handler_, account_, n, v, d(2025, 5, 1), kr(10));
  EXPECT_EQ(stale_payment.error().code, app_error::kConflict);
  EXPECT_EQ(delete_case(db(), clock_, handler_, account_, n, v).error().code, app_error::kConflict);
  const StoredCase s = load(n);
  EXPECT_EQ(s.version, v + 1);
  ASSERT_EQ(s.notes.size(), 1u);
  EXPECT_EQ(s.notes[0].text, "Ringede til kunden");
  EXPECT_EQ(s.notes[0].date, clock_.today());
  EXPECT_TRUE(s.history.payments.empty());
}

TEST_P(Cases, OfConcurrentWritersWithTheSameVersionExactlyOneWins) {
  const int64_t n = create();
  const int64_t v = version(n);
  constexpr int kWriters = 4;
  std::atomic<int> won{0}, conflicts{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i)
    threads.emplace_back([&, i] {
      auto r = add_note(db(), clock_, handler_, account_, n, v, "Skribent " + std::to_string(i));
      if (r.ok())
        ++won;
      else if (r.error().code == app_error::kConflict)
        ++conflicts;
      else
        ++other;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(conflicts.load(), kWriters - 1);
  EXPECT_EQ(other.load(), 0);
  const StoredCase s = load(n);
  EXPECT_EQ(s.version, v + 1);
  EXPECT_EQ(s.notes.size(), 1u);
}

TEST_P(Cases, AFailedAppendLeavesNothingHalfWritten) {
  const int64_t n = create();
  const StoredCase base = load(n);
  soci::session sql(db().pool());
  ChangeContext ctx{handler_.user_id, clock_.now_unix(), clock_.today()};
  std::vector<CaseEvent> events{RecordedPayment{d(2025, 5, 1), kr(100), std::nullopt},
                                claim("Ugyldig", d(2025, 1, 1), d(2025, 1, 15), Money())};
  auto r = append_events(sql, base, events, ctx);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "claims[1].amount");
  const StoredCase after = load(n);
  EXPECT_EQ(after.version, base.version);
  EXPECT_EQ(after.events.size(), base.events.size());

  // A conflict in the middle of a two-event append: neither event lands.
  events[1] = Note{d(2025, 6, 1), "note"};
  ASSERT_TRUE(append_events(sql, base, std::span(events.data(), 1), ctx).ok());
  auto late = append_events(sql, base, events, ctx);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, app_error::kConflict);
  EXPECT_EQ(load(n).events.size(), base.events.size() + 1);
}

TEST_P(Cases, EveryActionFieldReadsBackAsWritten) {
  const int64_t n = create(d(2025, 1, 15));
  const StoredCase base = load(n);
  Action agreement;
  agreement.type = ActionType::payment_agreement;
  agreement.date = d(2025, 2, 1);
  agreement.instalment = kr(300);
  agreement.first_date = d(2025, 3, 1);
  agreement.down_payment = kr(150);
  agreement.down_date = d(2025, 2, 10);
  agreement.interest_free = true;
  Action odd;  // fields its type does not take, set anyway: still stored losslessly
  odd.type = ActionType::letter;
  odd.date = d(2025, 2, 2);
  odd.fee = Money::from_ore(1);
  odd.compensation = true;
  odd.discount_bp = 1500;
  odd.deadline = d(2025, 2, 20);
  odd.track = Track::fast;
  odd.court_fee_added = true;
  odd.fundament = FundamentKind::pantebrev;
  odd.until = d(2025, 3, 3);
  Action offer;
  offer.type = ActionType::settlement_offer;
  offer.date = d(2025, 2, 3);
  offer.discount_bp = 2000;
  std::vector<CaseEvent> events{agreement, odd, offer, CreditNote{"", d(2025, 2, 4), kr(5)},
                                Note{d(2025, 2, 5), "Citat \"x\" og \\ og\nny linje æøå"}};
  soci::session sql(db().pool());
  ASSERT_TRUE(append_events(sql, base, events, {handler_.user_id, 5, clock_.today()}).ok());
  const StoredCase s = load(n);
  ASSERT_EQ(s.history.actions.size(), 3u);
  auto same = [](const Action& a, const Action& b) {
    return a.type == b.type && a.date == b.date && a.fee == b.fee &&
           a.compensation == b.compensation && a.discount_bp == b.discount_bp &&
           a.deadline == b.deadline && a.instalment == b.instalment &&
           a.first_date == b.first_date && a.down_payment == b.down_payment &&
           a.down_date == b.down_date && a.interest_free == b.interest_free && a.track == b.track &&
           a.court_fee_added == b.court_fee_added && a.fundament == b.fundament &&
           a.until == b.until;
  };
  EXPECT_TRUE(same(s.history.actions[0], agreement));
  EXPECT_TRUE(same(s.history.actions[1], odd));
  EXPECT_TRUE(same(s.history.actions[2], offer));
  ASSERT_EQ(s.history.credit_notes.size(), 1u);
  EXPECT_EQ(s.history.credit_notes[0].ref, "");
  EXPECT_EQ(s.notes[0].text, "Citat \"x\" og \\ og\nny linje æøå");
  EXPECT_EQ(s.events.back().created_at, 5);

  // The audit detail is JSON with the text escaped.
  ASSERT_TRUE(delete_case(db(), clock_, handler_, account_, n, s.version).ok());
  std::string detail;
  sql << "SELECT detail FROM audit_log WHERE what = 'delete_case'", soci::into(detail);
  EXPECT_NE(detail.find(R"("text":"Citat \"x\" og \\ og\nny linje æøå")"), std::string::npos)
      << detail;
  EXPECT_NE(detail.find(R"("type":"payment_agreement")"), std::string::npos) << detail;
}

TEST_P(Cases, CloseReportsTheWriteOff) {
  const int64_t n = worked_example();
  auto closed = close_case(db(), clock_, handler_, account_, n, version(n), d(2025, 6, 1));
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(closed->written_off.to_plain(), "1804.12");
  auto v = get_case(db(), clock_, handler_, account_, n);
  EXPECT_EQ(v->state.flow, Flow::closed);
  // Nothing more on a closed case.
  auto r = add_action(db(), clock_, handler_, account_, n, closed->version,
                      action(ActionType::letter, d(2025, 6, 1)));
  EXPECT_EQ(r.error().code, rule::kCaseClosed);
  EXPECT_EQ(add_claim(db(), clock_, handler_, account_, n, closed->version,
                      claim("F9", d(2025, 6, 1), d(2025, 6, 15), kr(10)))
                .error()
                .code,
            rule::kCaseClosed);
  CaseQuery open;
  open.only_open = true;
  EXPECT_EQ(search_cases(db(), guest_, account_, open)->total, 0);
}

TEST_P(Cases, ChangeTrackAndBatchFollowUp) {
  const int64_t n = create();
  auto v = change_track(db(), clock_, handler_, account_, n, version(n), Track::fast);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(get_case(db(), clock_, handler_, account_, n)->state.track, Track::fast);
  auto off = set_batch_follow_up(db(), handler_, account_, n, *v, false);
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(*off, *v + 1);
  EXPECT_FALSE(load(n).batch_follow_up);
  EXPECT_EQ(set_batch_follow_up(db(), handler_, account_, n, *v, true).error().code,
            app_error::kConflict);
}

TEST_P(Cases, SearchByNumberDebtorCustomerNoAndNoteText) {
  const int64_t a = create();
  int64_t other = testing::insert_debtor(db(), account_, "Møller & Søn_50% A/S");
  {
    soci::session sql(db().pool());
    long long id = other;
    sql << "UPDATE debtors SET customer_no = 'K-77' WHERE id = :d", soci::use(id);
  }
  const int64_t b = create(d(2025, 1, 15), other);
  for (int i = 0; i < 9; ++i) create();  // cases 3..11
  ASSERT_TRUE(add_note(db(), clock_, handler_, account_, a, version(a),
                       "Skyldner lovede betaling via Mobilepay")
                  .ok());
  auto numbers = [&](CaseQuery q) {
    auto page = search_cases(db(), guest_, account_, q);
    EXPECT_TRUE(page.ok());
    std::vector<int64_t> out;
    for (const CaseListItem& i : page->items) out.push_back(i.number);
    return out;
  };
  CaseQuery q;
  q.text = "jensen";
  q.sort = CaseSort::number_asc;
  q.limit = 3;
  auto page = search_cases(db(), guest_, account_, q);
  EXPECT_EQ(page->total, 10);
  EXPECT_EQ(numbers(q), (std::vector<int64_t>{1, 3, 4}));
  q.offset = 9;
  EXPECT_EQ(numbers(q), (std::vector<int64_t>{11}));

  EXPECT_EQ(numbers(CaseQuery{.text = "11"}), (std::vector<int64_t>{11}));
  EXPECT_EQ(numbers(CaseQuery{.text = "K-77"}), (std::vector<int64_t>{b}));
  EXPECT_EQ(numbers(CaseQuery{.text = "søn_50%"}), (std::vector<int64_t>{b}));
  EXPECT_FALSE(numbers(CaseQuery{.text = "n_5"}).empty());
  EXPECT_TRUE(numbers(CaseQuery{.text = "50%%"}).empty());  // wildcards are literal
  EXPECT_EQ(numbers(CaseQuery{.text = "MOBILEPAY"}), (std::vector<int64_t>{a}));
  EXPECT_TRUE(numbers(CaseQuery{.text = "ingen sådan"}).empty());
  // Numbers newest first by default.
  auto all = numbers(CaseQuery{});
  ASSERT_EQ(all.size(), 11u);
  EXPECT_EQ(all.front(), 11);

  // Another account sees none of them; an outsider gets not_found.
  EXPECT_EQ(search_cases(db(), outsider_, account_, CaseQuery{}).error().code,
            app_error::kNotFound);
  EXPECT_EQ(search_cases(db(), outsider_, other_account_, CaseQuery{})->total, 0);
  EXPECT_EQ(search_cases(db(), guest_, account_, CaseQuery{.limit = 0}).error().code,
            app_error::kInvalid);
}

TEST_P(Cases, FollowUpOverviewAgreesWithTheExactList) {
  // Two track cases: reminder 1 due 2025-05-04 (due on 06-01) and 2025-06-02 (not yet).
  const int64_t early = create(d(2025, 5, 1));
  const int64_t late = create(d(2025, 5, 30));
  auto overview = follow_up_overview(db(), guest_, account_, d(2025, 6, 1));
  ASSERT_TRUE(overview.ok());
  auto exact = list_due_for_follow_up(db(), guest_, account_, d(2025, 6, 1));
  ASSERT_TRUE(exact.ok());
  std::vector<int64_t> due_overview, due_exact;
  for (const FollowUpStatus& f : *overview)
    if (f.due) due_overview.push_back(f.number);
  for (const DueCase& c : *exact) due_exact.push_back(c.number);
  EXPECT_EQ(due_overview, (std::vector<int64_t>{early}));
  EXPECT_EQ(due_exact, due_overview);
  ASSERT_EQ(overview->size(), 2u);
  EXPECT_EQ((*overview)[1].number, late);
  EXPECT_EQ((*overview)[1].review_date, d(2025, 6, 2));
  // Another account's user sees nothing of it.
  EXPECT_EQ(follow_up_overview(db(), outsider_, account_, d(2025, 6, 1)).error().code,
            app_error::kNotFound);
}

TEST_P(Cases, SearchIgnoresTheCaseOfDanishLetters) {
  // SQLite's lower() knows only ASCII: the search key stored with the debtor covers Æ, Ø, Å.
  int64_t debtor = testing::insert_debtor(db(), account_, "ØSTERÅ Tømrer ApS");
  const int64_t n = create(d(2025, 1, 15), debtor);
  for (const char* text : {"østerå", "ØSTERÅ", "TØMRER", "tømrer aps"}) {
    auto page = search_cases(db(), guest_, account_, CaseQuery{.text = text});
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->items.size(), 1u) << text;
    EXPECT_EQ(page->items[0].number, n);
  }
}

TEST_P(Cases, SearchByFollowUpDate) {
  const int64_t early = create(d(2025, 5, 1));  // reminder due 4 May
  const int64_t late = create(d(2025, 5, 30));  // reminder due 2 June
  CaseQuery q;
  q.follow_up_to = d(2025, 6, 1);
  auto page = search_cases(db(), guest_, account_, q);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].number, early);
  q.follow_up_to.reset();
  q.follow_up_from = d(2025, 6, 2);
  page = search_cases(db(), guest_, account_, q);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].number, late);
  q.follow_up_from.reset();
  q.sort = CaseSort::review_date_asc;
  page = search_cases(db(), guest_, account_, q);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].number, early);
  EXPECT_EQ(page->items[0].review_date, d(2025, 5, 4));
}

TEST_P(Cases, TheDueListReEvaluatesTheCandidates) {
  const int64_t due = create(d(2025, 5, 1));       // reminder from 4 May
  const int64_t not_yet = create(d(2025, 5, 30));  // reminder from 2 June
  const int64_t by_hand = create(d(2025, 5, 1));
  ASSERT_TRUE(set_batch_follow_up(db(), handler_, account_, by_hand, version(by_hand), false).ok());
  const int64_t closed = create(d(2025, 5, 1));
  ASSERT_TRUE(
      close_case(db(), clock_, handler_, account_, closed, version(closed), d(2025, 6, 1)).ok());
  const int64_t paused = create(d(2025, 5, 1));
  ASSERT_TRUE(
      pause_case(db(), clock_, handler_, account_, paused, version(paused), d(2025, 7, 1)).ok());
  const int64_t paid = create(d(2025, 4, 1));
  ASSERT_TRUE(register_payment(db(), clock_, handler_, account_, paid, version(paid), d(2025, 4, 1),
                               kr(1500))
                  .ok());

  auto list = list_due_for_follow_up(db(), guest_, account_, d(2025, 6, 1));
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].number, due);
  EXPECT_EQ((*list)[0].next_action.type, ActionType::reminder);
  EXPECT_EQ((*list)[0].next_action.date, d(2025, 5, 4));
  EXPECT_EQ((*list)[0].principal, kr(1500));
  EXPECT_GT((*list)[0].outstanding, kr(1500));  // interest from 31 May

  // Later, without any write: the cache's review dates bring the others in.
  auto later = list_due_for_follow_up(db(), guest_, account_, d(2025, 7, 2));
  ASSERT_TRUE(later.ok());
  std::vector<int64_t> numbers;
  for (const DueCase& c : *later) numbers.push_back(c.number);
  EXPECT_EQ(numbers, (std::vector<int64_t>{due, not_yet, paused}));
  EXPECT_EQ(list_due_for_follow_up(db(), outsider_, account_, d(2025, 6, 1)).error().code,
            app_error::kNotFound);
}

TEST_P(Cases, GuestsReadAndOthersSeeNothing) {
  const int64_t n = create();
  const int64_t v = version(n);
  EXPECT_TRUE(get_case(db(), clock_, guest_, account_, n).ok());
  EXPECT_EQ(add_note(db(), clock_, guest_, account_, n, v, "x").error().code,
            app_error::kForbidden);
  EXPECT_EQ(
      add_action(db(), clock_, guest_, account_, n, v, action(ActionType::letter, d(2025, 6, 1)))
          .error()
          .code,
      app_error::kForbidden);
  EXPECT_EQ(delete_case(db(), clock_, guest_, account_, n, v).error().code, app_error::kForbidden);
  NewCase in;
  in.debtor_id = debtor_;
  in.claims.push_back(claim("F1", d(2025, 1, 1), d(2025, 1, 15), kr(10)));
  EXPECT_EQ(create_case(db(), clock_, box_, guest_, account_, in).error().code,
            app_error::kForbidden);

  // Another account's member: not found, whichever account is named.
  EXPECT_EQ(get_case(db(), clock_, outsider_, account_, n).error().code, app_error::kNotFound);
  EXPECT_EQ(get_case(db(), clock_, outsider_, other_account_, n).error().code,
            app_error::kNotFound);
  EXPECT_EQ(add_note(db(), clock_, outsider_, other_account_, n, v, "x").error().code,
            app_error::kNotFound);
  EXPECT_EQ(get_case(db(), clock_, handler_, account_, 999).error().code, app_error::kNotFound);
  EXPECT_EQ(version(n), v);
}

TEST_P(Cases, DeletedCasesLeaveSearchAndTheirNumbersAreNotReused) {
  const int64_t one = create();
  const int64_t two = create();
  ASSERT_TRUE(add_note(db(), clock_, handler_, account_, two, version(two), "slettes").ok());
  ASSERT_TRUE(delete_case(db(), clock_, handler_, account_, two, version(two)).ok());
  EXPECT_EQ(get_case(db(), clock_, handler_, account_, two).error().code, app_error::kNotFound);
  auto page = search_cases(db(), guest_, account_, CaseQuery{});
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].number, one);
  EXPECT_EQ(count("SELECT COUNT(*) FROM case_events WHERE text = 'slettes'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE what = 'delete_case' AND "
                  "case_number = 2"),
            1);
  EXPECT_EQ(create(), 3);
}

INKASSO_INSTANTIATE_BACKENDS(Cases);

}  // namespace
}  // namespace inkasso
