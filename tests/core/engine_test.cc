// Unit tests of the engine's rules, one rule each, with the arithmetic in a comment. The
// end-to-end worked cases are the scenario files (tests/scenarios).
#include "core/engine.h"

#include <gtest/gtest.h>

#include "core/fees.h"
#include "core/interest.h"
#include "core/rules.h"
#include "core/tracks.h"

namespace inkasso {
namespace {

Date d(const char* iso) {
  return *Date::parse(iso);
}
Money kr(const char* plain) {
  return *Money::parse(plain);
}

CaseHistory one_claim(const char* due, const char* amount, DebtorKind debtor = DebtorKind::person) {
  CaseHistory h;
  h.debtor = debtor;
  h.claims.push_back({"F-1", d(due), d(due), kr(amount)});
  return h;
}

Action reminder(const char* date, const char* fee = "100.00", bool compensation = false) {
  Action a;
  a.type = ActionType::reminder;
  a.date = d(date);
  a.fee = kr(fee);
  a.compensation = compensation;
  return a;
}

Action of_type(ActionType t, const char* date) {
  Action a;
  a.type = t;
  a.date = d(date);
  return a;
}

const LawTable& law = default_law_table();

TEST(Interest, RoundsHalfUpOnce) {
  // Exactly half an øre rounds up; just under half rounds down.
  EXPECT_EQ(round_interest(kInterestDenominator / 2).ore(), 1);
  EXPECT_EQ(round_interest(kInterestDenominator / 2 - 1).ore(), 0);
  EXPECT_EQ(round_interest(0).ore(), 0);
}

TEST(Interest, OneDayAtTheWorkedExampleRate) {
  // 140000 øre x 1075 bp x 1 day / (10000 x 365) = 41.23 øre -> 41.
  ClaimRate rate = claim_rate(law, {}, d("2025-01-15"));
  auto exact = accrue_interest(law, rate, kr("1400.00"), d("2025-03-01"), d("2025-03-02"));
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(round_interest(*exact).ore(), 41);
}

TEST(Interest, PeriodsAddUpExactly) {
  // Splitting a period at any day gives the same exact sum: rounding happens only at events.
  ClaimRate rate = claim_rate(law, {}, d("2024-01-01"));
  auto whole = accrue_interest(law, rate, kr("12345.67"), d("2024-05-10"), d("2025-02-03"));
  auto a = accrue_interest(law, rate, kr("12345.67"), d("2024-05-10"), d("2024-09-30"));
  auto b = accrue_interest(law, rate, kr("12345.67"), d("2024-09-30"), d("2025-02-03"));
  ASSERT_TRUE(whole.ok() && a.ok() && b.ok());
  EXPECT_TRUE(*whole == *a + *b);
}

TEST(Interest, NothingForEmptyOrReversedPeriods) {
  ClaimRate rate = claim_rate(law, {}, d("2025-01-01"));
  EXPECT_TRUE(*accrue_interest(law, rate, kr("100.00"), d("2025-03-01"), d("2025-03-01")) == 0);
  EXPECT_TRUE(*accrue_interest(law, rate, kr("100.00"), d("2025-03-02"), d("2025-03-01")) == 0);
}

TEST(Interest, SurchargeIsSevenForClaimsDueBefore1March2013) {
  EXPECT_EQ(claim_rate(law, {}, d("2013-02-28")).surcharge_bp, 700);
  EXPECT_EQ(claim_rate(law, {}, d("2013-03-01")).surcharge_bp, 800);
}

TEST(Interest, FirstDayDefaultIsTheThirtyFirstAfterDue) {
  // 2025-01-15 + 31 = 2025-02-15; agreed due date: the day after.
  EXPECT_EQ(first_interest_day(law, {}, d("2025-01-15")), d("2025-02-15"));
  InterestSettings agreed;
  agreed.from = InterestStart::due_date;
  EXPECT_EQ(first_interest_day(law, agreed, d("2025-01-15")), d("2025-01-16"));
}

TEST(LawTable, ReferenceRateByHalfYear) {
  EXPECT_EQ(law.reference_rate_on(d("2025-06-30"))->rate_bp, 275);
  EXPECT_EQ(law.reference_rate_on(d("2025-07-01"))->rate_bp, 175);
  EXPECT_EQ(law.reference_rate_on(d("2022-03-01"))->rate_bp, -45);
  EXPECT_FALSE(law.reference_rate_on(d("2012-12-31")).has_value());
  // After the table's last half year (2026 H2) the last rate is carried, never confirmed.
  auto later = law.reference_rate_on(d("2027-02-01"));
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->rate_bp, 200);
  EXPECT_FALSE(later->confirmed);
}

TEST(Fees, CompensationOnlyForBusinessDebtors) {
  CaseHistory company = one_claim("2025-01-15", "1000.00", DebtorKind::company);
  company.actions.push_back(reminder("2025-01-18", "100.00", true));
  // 100 reminder fee + 310 compensation.
  EXPECT_EQ(assess_fees(company, std::nullopt, law).fees.size(), 2u);
  CaseHistory person = company;
  person.debtor = DebtorKind::person;
  FeeAssessment fa = assess_fees(person, std::nullopt, law);
  ASSERT_EQ(fa.fees.size(), 1u);
  EXPECT_EQ(fa.fees[0].amount, kr("100.00"));
  ASSERT_EQ(fa.adjustments.size(), 1u);
  EXPECT_EQ(fa.adjustments[0].rule, rule::kCompensationPrivate);
}

TEST(Fees, ReminderOnTheDueDateBearsNoFee) {
  // The first reminder may be sent from the day after the due date.
  CaseHistory h = one_claim("2025-01-15", "1000.00");
  h.actions.push_back(reminder("2025-01-15"));
  FeeAssessment fa = assess_fees(h, std::nullopt, law);
  EXPECT_TRUE(fa.fees.empty());
  ASSERT_EQ(fa.adjustments.size(), 1u);
  EXPECT_EQ(fa.adjustments[0].rule, rule::kReminderBeforeDue);
}

TEST(Fees, SpacingCountsFromTheLastFeeBearingReminder) {
  // 01-18 fee; 01-25 no fee (7 days); 01-28 is 10 days after 01-18, so fee-bearing again.
  CaseHistory h = one_claim("2025-01-15", "1000.00");
  h.actions = {reminder("2025-01-18"), reminder("2025-01-25", "0.00"), reminder("2025-01-28")};
  FeeAssessment fa = assess_fees(h, std::nullopt, law);
  EXPECT_EQ(fa.fee_bearing_reminders, 2);
  EXPECT_TRUE(fa.adjustments.empty());
}

TEST(Fees, CourtFeeOnlyWhenAdded) {
  CaseHistory h = one_claim("2025-01-15", "1000.00");
  Action order = of_type(ActionType::payment_order, "2025-03-01");
  h.actions.push_back(order);
  EXPECT_TRUE(assess_fees(h, std::nullopt, law).fees.empty());
  h.actions.back().court_fee_added = true;
  auto fees = assess_fees(h, std::nullopt, law).fees;
  ASSERT_EQ(fees.size(), 1u);
  EXPECT_EQ(fees[0].amount, kr("750.00"));  // retsafgiftsloven: betalingspåkrav 750 kr.
}

TEST(Allocation, PaymentOnAFeesDayPaysThatFee) {
  // A payment on day p settles fees incurred on or before p: 100.00 paid, 100.00 fee that day.
  CaseHistory h = one_claim("2025-01-15", "1000.00");
  h.interest.kind = InterestKind::none;
  h.actions.push_back(reminder("2025-01-18"));
  h.payments.push_back({d("2025-01-18"), kr("100.00")});
  auto s = evaluate(h, d("2025-01-20"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->allocated.fees, kr("100.00"));
  EXPECT_EQ(s->outstanding.principal, kr("1000.00"));
}

TEST(Allocation, PaymentTakesEffectAtTheEndOfItsDay) {
  // Interest for the payment's own day accrues on the principal before the payment:
  // interest from 02-15; payment of the whole principal on 02-15 still owes 1 day:
  // 100000 x 1075 x 1 / 3650000 = 29.45 øre -> 0.29.
  CaseHistory h = one_claim("2025-01-15", "1000.00");
  h.payments.push_back({d("2025-02-15"), kr("1000.00")});
  auto s = evaluate(h, d("2025-03-31"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->interest, kr("0.29"));
  // The payment took the 0.29 interest first, leaving 0.29 principal that bears interest on.
  EXPECT_EQ(s->allocated.interest, kr("0.29"));
  EXPECT_EQ(s->outstanding.principal, kr("0.29"));
}

TEST(Allocation, CreditNoteBeforePaymentOnTheSameDay) {
  // Same day: the credit note reduces the claim first, so the payment overpays by 100.00.
  CaseHistory h = one_claim("2025-01-15", "1000.00");
  h.interest.kind = InterestKind::none;
  h.credit_notes.push_back({"F-1", d("2025-01-20"), kr("100.00")});
  h.payments.push_back({d("2025-01-20"), kr("1000.00")});
  auto s = evaluate(h, d("2025-01-21"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->overpaid, kr("100.00"));
  EXPECT_EQ(s->flow, Flow::paid);
}

TEST(Evaluate, IgnoresEventsAfterAsOf) {
  CaseHistory h = one_claim("2025-01-15", "1000.00");
  h.payments.push_back({d("2025-05-01"), kr("500.00")});
  h.actions.push_back(reminder("2025-04-01"));
  auto s = evaluate(h, d("2025-03-01"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->paid, Money::zero());
  EXPECT_EQ(s->fees, Money::zero());
  // Reminder 1 was due 01-15 + 3 = 01-18.
  EXPECT_EQ(s->next_action->date, d("2025-01-18"));
}

TEST(Validation, NamesTheField) {
  CaseHistory h = one_claim("2025-01-15", "1000.00");
  h.actions = {reminder("2025-02-01"), reminder("2025-01-20")};
  Status st = validate_history(h);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().field, "actions[1].date");
  h.actions.clear();
  h.credit_notes.push_back({"F-9", d("2025-01-20"), kr("1.00")});
  EXPECT_EQ(validate_history(h).error().field, "credit_notes[0].ref");
  h.credit_notes = {{"F-1", d("2025-01-20"), kr("1000.01")}};
  EXPECT_EQ(validate_history(h).error().field, "credit_notes[0].amount");
  h.credit_notes.clear();
  h.interest.kind = InterestKind::fixed;
  h.interest.fixed_rate_bp = 1000;
  EXPECT_EQ(validate_history(h).error().field, "interest.kind");  // person: no fixed rate
}

TEST(Tracks, TheTableOfDomainMd) {
  // Standard: 3, 12, 12, 12, 10, 30; fast has no settlement offer; gentle has the
  // missing-payment letter.
  auto standard = track_steps(Track::standard);
  ASSERT_EQ(standard.size(), 6u);
  EXPECT_EQ(standard[0].days_after_previous, 3);
  EXPECT_EQ(standard[5].days_after_previous, 30);
  EXPECT_FALSE(track_has_step(Track::fast, Step::settlement_offer));
  EXPECT_TRUE(track_has_step(Track::gentle, Step::missing_payment_letter));
  EXPECT_FALSE(track_has_step(Track::standard, Step::missing_payment_letter));
  EXPECT_EQ(action_for_step(Step::court, true), ActionType::enforcement_request);
  EXPECT_EQ(action_for_step(Step::court, false), ActionType::payment_order);
}

TEST(Rules, RefusalsCarryADanishSentence) {
  CaseHistory h = one_claim("2025-01-15", "1000.00");
  h.actions = {reminder("2025-01-18")};
  Status st = check_new_action(h, reminder("2025-01-20"));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, rule::kReminderFeeSpacing);
  // Names the last date and the first allowed date: 18.01 + 10 = 28.01.
  EXPECT_NE(st.error().message.find("18.01.2025"), std::string::npos);
  EXPECT_NE(st.error().message.find("28.01.2025"), std::string::npos);
}

TEST(Rules, PauseIsAlwaysAllowedAndNotAStep) {
  CaseHistory h = one_claim("2025-01-15", "1000.00");
  Action pause = of_type(ActionType::pause, "2025-01-20");
  pause.until = d("2025-02-10");
  EXPECT_TRUE(check_new_action(h, pause).ok());
  pause.until = d("2025-01-20");
  EXPECT_FALSE(check_new_action(h, pause).ok());  // until must be after the pause's date
}

}  // namespace
}  // namespace inkasso
