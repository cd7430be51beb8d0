// Seeded property tests: invariants of the engine over many random histories
// (src/testing/random_case.h).
//
// Every failure names its seed. To reproduce one:
//   INKASSO_RANDOM_SEED=<seed> ./build/core_tests --gtest_filter='Invariants.*'
// INKASSO_RANDOM_CASES=<n> runs n seeds instead of the default (20,000; fewer under sanitizers).
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/calculators.h"
#include "core/engine.h"
#include "core/fees.h"
#include "core/law_table.h"
#include "core/rules.h"
#include "testing/random_case.h"

#if defined(__SANITIZE_ADDRESS__)
#define INKASSO_UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define INKASSO_UNDER_SANITIZER 1
#endif
#endif

namespace inkasso {
namespace {

namespace gen = inkasso::testing;

#ifdef INKASSO_UNDER_SANITIZER
constexpr uint64_t kDefaultCases = 8'000;
#else
constexpr uint64_t kDefaultCases = 20'000;
#endif
constexpr uint64_t kBaseSeed = 0x1A7E'5EED'0000'0000ULL;

// The seeds to run: INKASSO_RANDOM_SEED alone, or kBaseSeed + 0 .. count-1.
std::vector<uint64_t> seeds() {
  if (const char* one = std::getenv("INKASSO_RANDOM_SEED")) return {std::strtoull(one, nullptr, 0)};
  uint64_t count = kDefaultCases;
  if (const char* n = std::getenv("INKASSO_RANDOM_CASES")) count = std::strtoull(n, nullptr, 0);
  std::vector<uint64_t> out;
  out.reserve(count);
  for (uint64_t i = 0; i < count; ++i) out.push_back(kBaseSeed + i);
  return out;
}

// The property tests' shapes: counts and span vary with the seed; the benchmark's shape too.
gen::RandomCaseShape shape_for(uint64_t seed) {
  if (seed % 4 == 0) return gen::bench_shape();
  gen::RandomCaseShape s;
  s.exact_counts = false;
  s.claims = 4;
  s.payments = 4;
  s.actions = 12;
  s.years = 1 + static_cast<int>(seed % 5);
  return s;
}

CaseHistory make(uint64_t seed) {
  return gen::random_case(seed, shape_for(seed));
}

std::string repro(uint64_t seed, const CaseHistory& h) {
  return "seed=" + std::to_string(seed) + " (INKASSO_RANDOM_SEED=" + std::to_string(seed) + ")\n" +
         gen::describe(h);
}

// Stops a property after this many failures so a broken invariant does not flood the log.
constexpr int kMaxFailuresReported = 5;
#define PROPERTY_FAIL(failures, msg)                                \
  do {                                                              \
    if (++(failures) <= kMaxFailuresReported) ADD_FAILURE() << msg; \
  } while (0)

// --- Comparing states field by field ------------------------------------------------------

std::string str(const std::string& s) {
  return s;
}
std::string str(std::string_view s) {
  return std::string(s);
}
std::string str(Money m) {
  return m.to_plain();
}
std::string str(Date d) {
  return d.to_iso();
}
std::string str(bool b) {
  return b ? "true" : "false";
}
std::string str(int32_t v) {
  return std::to_string(v);
}
std::string str(Flow f) {
  return std::string(to_string(f));
}
std::string str(Track t) {
  return std::string(to_string(t));
}
template <class T>
std::string str(const std::optional<T>& v) {
  return v ? str(*v) : "null";
}

class Differ {
 public:
  template <class T>
  void field(const char* name, const T& a, const T& b) {
    if (!(a == b)) out_ += std::string("  ") + name + ": " + str(a) + " vs " + str(b) + "\n";
  }
  std::string result() const { return out_; }

 private:
  std::string out_;
};

// Empty when every field of the two states is equal; otherwise the differing fields.
std::string diff(const CaseState& a, const CaseState& b) {
  Differ d;
  d.field("as_of", a.as_of, b.as_of);
  d.field("flow", a.flow, b.flow);
  d.field("track", a.track, b.track);
  d.field("principal", a.principal, b.principal);
  d.field("fees", a.fees, b.fees);
  d.field("interest", a.interest, b.interest);
  d.field("paid", a.paid, b.paid);
  d.field("allocated.interest", a.allocated.interest, b.allocated.interest);
  d.field("allocated.fees", a.allocated.fees, b.allocated.fees);
  d.field("allocated.principal", a.allocated.principal, b.allocated.principal);
  d.field("outstanding.principal", a.outstanding.principal, b.outstanding.principal);
  d.field("outstanding.fees", a.outstanding.fees, b.outstanding.fees);
  d.field("outstanding.interest", a.outstanding.interest, b.outstanding.interest);
  d.field("overpaid", a.overpaid, b.overpaid);
  d.field("written_off", a.written_off, b.written_off);
  d.field("next_action", a.next_action.has_value(), b.next_action.has_value());
  if (a.next_action && b.next_action) {
    d.field("next_action.type", std::string(to_string(a.next_action->type)),
            std::string(to_string(b.next_action->type)));
    d.field("next_action.date", a.next_action->date, b.next_action->date);
  }
  d.field("follow_up_due", a.follow_up_due, b.follow_up_due);
  d.field("adjustments.size", static_cast<int32_t>(a.adjustments.size()),
          static_cast<int32_t>(b.adjustments.size()));
  for (size_t i = 0; i < std::min(a.adjustments.size(), b.adjustments.size()); ++i) {
    const Adjustment& x = a.adjustments[i];
    const Adjustment& y = b.adjustments[i];
    d.field("adjustment.action_index", static_cast<int32_t>(x.action_index),
            static_cast<int32_t>(y.action_index));
    d.field("adjustment.field", x.field, y.field);
    d.field("adjustment.claimed", x.claimed, y.claimed);
    d.field("adjustment.allowed", x.allowed, y.allowed);
    d.field("adjustment.rule", x.rule, y.rule);
    d.field("adjustment.message", adjustment_message(x), adjustment_message(y));
  }
  d.field("interest_from", a.interest_from, b.interest_from);
  d.field("paused_until", a.paused_until, b.paused_until);
  d.field("agreement", a.agreement.has_value(), b.agreement.has_value());
  if (a.agreement && b.agreement) {
    const AgreementStatus& x = *a.agreement;
    const AgreementStatus& y = *b.agreement;
    d.field("agreement.agreed_on", x.agreed_on, y.agreed_on);
    d.field("agreement.instalment", x.instalment, y.instalment);
    d.field("agreement.interest_free", x.interest_free, y.interest_free);
    d.field("agreement.defaulted", x.defaulted, y.defaulted);
    d.field("agreement.missed_date", x.missed_date, y.missed_date);
    d.field("agreement.next_instalment", x.next_instalment, y.next_instalment);
    d.field("agreement.paid_since_agreement", x.paid_since_agreement, y.paid_since_agreement);
    d.field("agreement.due_so_far", x.due_so_far, y.due_so_far);
  }
  d.field("settlement", a.settlement.has_value(), b.settlement.has_value());
  if (a.settlement && b.settlement) {
    const SettlementStatus& x = *a.settlement;
    const SettlementStatus& y = *b.settlement;
    d.field("settlement.offered_on", x.offered_on, y.offered_on);
    d.field("settlement.deadline", x.deadline, y.deadline);
    d.field("settlement.discount_bp", x.discount_bp, y.discount_bp);
    d.field("settlement.total_at_offer", x.total_at_offer, y.total_at_offer);
    d.field("settlement.offered_amount", x.offered_amount, y.offered_amount);
    d.field("settlement.paid_towards", x.paid_towards, y.paid_towards);
    d.field("settlement.accepted", x.accepted, y.accepted);
    d.field("settlement.fulfilled", x.fulfilled, y.fulfilled);
    d.field("settlement.lapsed", x.lapsed, y.lapsed);
  }
  return d.result();
}

// --- Dates and helpers ---------------------------------------------------------------------

Date first_invoice(const CaseHistory& h) {
  Date d = h.claims.front().invoice_date;
  for (const Claim& c : h.claims) d = std::min(d, c.invoice_date);
  return d;
}

Date first_due(const CaseHistory& h) {
  Date d = h.claims.front().due_date;
  for (const Claim& c : h.claims) d = std::min(d, c.due_date);
  return d;
}

Date last_event(const CaseHistory& h) {
  Date d = first_invoice(h);
  for (const Claim& c : h.claims) d = std::max(d, c.due_date);
  for (const CreditNote& n : h.credit_notes) d = std::max(d, n.date);
  for (const Payment& p : h.payments) d = std::max(d, p.date);
  for (const Action& a : h.actions) d = std::max(d, a.date);
  return d;
}

// A few evaluation dates spread over the history and past it, derived from the seed.
std::vector<Date> probe_dates(uint64_t seed, const CaseHistory& h) {
  const Date from = first_invoice(h);
  const Date to = last_event(h);
  const int32_t span = std::max<int32_t>(1, to - from);
  std::vector<Date> out = {from, to, to + 400};
  uint64_t x = seed * 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < 3; ++i) {
    x ^= x >> 29;
    x *= 0xBF58476D1CE4E5B9ULL;
    out.push_back(from + static_cast<int32_t>(x % static_cast<uint64_t>(span + 1)));
  }
  for (const Action& a : h.actions) {
    out.push_back(a.date);
    break;
  }
  if (!h.actions.empty()) out.push_back(h.actions.back().date);
  for (const Payment& p : h.payments) {
    out.push_back(p.date);
    out.push_back(p.date - 1);
  }
  return out;
}

bool is_reminder(ActionType t) {
  return t == ActionType::reminder || t == ActionType::collection_notice;
}

// The history with only the events dated on or before d.
CaseHistory truncated(const CaseHistory& h, Date d) {
  CaseHistory t = h;
  t.claims.clear();
  t.credit_notes.clear();
  t.payments.clear();
  t.actions.clear();
  for (const Claim& c : h.claims)
    if (c.invoice_date <= d) t.claims.push_back(c);
  for (const CreditNote& n : h.credit_notes)
    if (n.date <= d) t.credit_notes.push_back(n);
  for (const Payment& p : h.payments)
    if (p.date <= d) t.payments.push_back(p);
  for (const Action& a : h.actions)
    if (a.date <= d) t.actions.push_back(a);
  return t;
}

// --- The generator ------------------------------------------------------------------------

TEST(RandomCase, EveryHistoryIsValidInDateOrderAndWithinTheSpan) {
  const Date lo = Date::ymd(2019, 1, 1);
  const Date hi = Date::ymd(2026, 12, 31);
  int failures = 0;
  for (uint64_t seed : seeds()) {
    const CaseHistory h = make(seed);
    if (auto st = validate_history(h); !st)
      PROPERTY_FAIL(failures, "invalid history: " << st.error().message << "\n" << repro(seed, h));
    bool ok = true;
    auto in_span = [&](Date d) { ok = ok && d >= lo && d <= hi; };
    for (const Claim& c : h.claims) {
      in_span(c.invoice_date);
      in_span(c.due_date);
    }
    std::map<std::string, Money> credited;
    for (const CreditNote& n : h.credit_notes) {
      in_span(n.date);
      credited[n.ref] += n.amount;
    }
    for (const Claim& c : h.claims) ok = ok && credited[c.ref] <= c.amount;
    for (const Payment& p : h.payments) in_span(p.date);
    for (size_t i = 0; i < h.actions.size(); ++i) {
      const Action& a = h.actions[i];
      in_span(a.date);
      for (const auto& d : {a.deadline, a.first_date, a.down_date, a.until})
        if (d) in_span(*d);
      if (i > 0) ok = ok && h.actions[i - 1].date <= a.date;
    }
    if (!ok)
      PROPERTY_FAIL(failures, "out of span, out of order or over-credited\n" << repro(seed, h));
  }
}

TEST(RandomCase, BenchShapeHasExactCounts) {
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const CaseHistory h = gen::random_case(seed, gen::bench_shape());
    ASSERT_EQ(h.claims.size(), 3u) << seed;
    ASSERT_EQ(h.payments.size(), 2u) << seed;
    ASSERT_EQ(h.actions.size(), 6u) << seed;
    ASSERT_TRUE(validate_history(h).ok()) << seed;
  }
}

// The generator exercises every cap the engine applies to imported histories.
TEST(RandomCase, ExercisesEveryAdjustmentRule) {
  std::map<std::string, int> seen;
  for (uint64_t seed = 0; seed < 3'000; ++seed) {
    const CaseHistory h = make(kBaseSeed + seed);
    for (const Adjustment& a : assess_fees(h, std::nullopt, default_law_table()).adjustments)
      ++seen[std::string(a.rule)];
  }
  for (const char* rule : {rule::kReminderFeeMax, rule::kReminderFeeCount,
                           rule::kReminderFeeSpacing, rule::kCompensationPrivate})
    EXPECT_GT(seen[rule], 0) << rule;
}

TEST(RandomCase, SameSeedSameHistory) {
  for (uint64_t seed = 0; seed < 1'000; ++seed) {
    const CaseHistory a = make(kBaseSeed + seed);
    const CaseHistory b = make(kBaseSeed + seed);
    ASSERT_EQ(gen::describe(a), gen::describe(b)) << "seed=" << kBaseSeed + seed;
  }
  // Different seeds give different histories (the seed is actually used).
  EXPECT_NE(gen::describe(make(kBaseSeed)), gen::describe(make(kBaseSeed + 1)));
}

// --- Balances --------------------------------------------------------------------------------

// The balance identities, derived from engine.cc's Ledger. Let `excess` be the part of credit
// notes that found no unpaid principal on its claim (Ledger adds it to the credit, like a
// payment) and `wo_settlement` what a fulfilled settlement wrote off (interest, fees and
// principal outstanding that day are zeroed and added to written_off). Then
//   outstanding.principal = principal + excess − allocated.principal − wo_settlement_principal
//   outstanding.fees      = fees − allocated.fees − wo_settlement_fees
//   outstanding.interest  = interest − allocated.interest − wo_settlement_interest
//   overpaid              = paid + excess − (allocated.interest + .fees + .principal)
// so, eliminating excess:
//   outstanding.total − overpaid = principal + fees + interest − paid − wo_settlement      (1)
// where wo_settlement = written_off − (flow == closed ? outstanding.total : 0) (closing writes
// off what is outstanding but leaves `outstanding` showing it). And the allocation:
//   allocated.interest + allocated.fees + allocated.principal + overpaid = paid + excess   (2)
// with excess == 0 when no credit note is dated after the first payment (every credit note
// then meets its claim's principal untouched, and validate_history caps named notes at the
// claim); otherwise 0 <= excess <= the credit notes' sum.
TEST(Invariants, AllocationSumsToPaymentsAndBalancesAddUp) {
  const LawTable& law = default_law_table();
  int failures = 0;
  for (uint64_t seed : seeds()) {
    const CaseHistory h = make(seed);
    for (Date d : probe_dates(seed, h)) {
      auto r = evaluate(h, d);
      if (!r) {
        PROPERTY_FAIL(failures, "evaluate failed on " << d.to_iso() << ": " << r.error().message
                                                      << "\n"
                                                      << repro(seed, h));
        continue;
      }
      const CaseState& s = *r;
      std::string why;
      auto check = [&](bool cond, const std::string& what) {
        if (!cond) why += "  " + what + "\n";
      };

      Money claims, notes, paid;
      std::optional<Date> first_payment;
      for (const Claim& c : h.claims)
        if (c.invoice_date <= d) claims += c.amount;
      for (const Payment& p : h.payments) {
        if (p.date > d) continue;
        paid += p.amount;
        if (!first_payment || p.date < *first_payment) first_payment = p.date;
      }
      bool late_note = false;
      for (const CreditNote& n : h.credit_notes) {
        if (n.date > d) continue;
        notes += n.amount;
        if (first_payment && n.date > *first_payment) late_note = true;
      }
      Money fees_assessed;
      for (const Fee& f : assess_fees(h, d, law).fees) fees_assessed += f.amount;

      check(s.principal == claims - notes, "principal == claims − credit notes");
      check(s.paid == paid, "paid == payments to as_of");
      check(s.fees == fees_assessed, "fees == assess_fees(as_of)");
      for (Money m : {s.interest, s.allocated.interest, s.allocated.fees, s.allocated.principal,
                      s.outstanding.principal, s.outstanding.fees, s.outstanding.interest,
                      s.overpaid, s.written_off})
        check(!m.is_negative(), "no amount is negative");
      check(s.allocated.interest <= s.interest, "allocated.interest <= interest");
      check(s.allocated.fees <= s.fees, "allocated.fees <= fees");
      check(s.allocated.principal <= claims, "allocated.principal <= claims");

      const Money allocated = s.allocated.interest + s.allocated.fees + s.allocated.principal;
      if (late_note) {
        check(allocated + s.overpaid >= paid && allocated + s.overpaid <= paid + notes,
              "paid <= allocated + overpaid <= paid + credit notes (2)");
      } else {
        check(allocated + s.overpaid == paid, "allocated + overpaid == paid (2)");
      }
      const bool closed = s.flow == Flow::closed;
      const Money wo_settlement = s.written_off - (closed ? s.outstanding.total() : Money::zero());
      check(!wo_settlement.is_negative(), "written off by a settlement >= 0");
      check(s.outstanding.total() - s.overpaid ==
                s.principal + s.fees + s.interest - paid - wo_settlement,
            "outstanding.total − overpaid == principal + fees + interest − paid − "
            "wo_settlement (1)");
      const bool fulfilled = s.settlement && s.settlement->fulfilled;
      if (!fulfilled && !closed) check(s.written_off.is_zero(), "nothing written off");

      if (s.flow == Flow::paid || s.flow == Flow::closed)
        check(!s.next_action, "no next step on a paid or closed case");
      if (s.flow == Flow::paid) check(s.outstanding.total().is_zero(), "paid: nothing owed");
      check(s.follow_up_due == (s.next_action && s.next_action->date <= d),
            "follow_up_due == next step on or before as_of");

      if (!why.empty())
        PROPERTY_FAIL(failures, "on " << d.to_iso() << ":\n"
                                      << why << "allocated " << str(s.allocated.interest) << "/"
                                      << str(s.allocated.fees) << "/" << str(s.allocated.principal)
                                      << " overpaid " << str(s.overpaid) << " paid " << str(s.paid)
                                      << " outstanding " << str(s.outstanding.principal) << "/"
                                      << str(s.outstanding.fees) << "/"
                                      << str(s.outstanding.interest) << " written_off "
                                      << str(s.written_off) << " flow " << str(s.flow) << "\n"
                                      << repro(seed, h));
    }
  }
}

// --- Fees ----------------------------------------------------------------------------------

// Never a fee over the cap: whatever an (imported) history claims, what assess_fees allows is
// at most 100 kr. a reminder, at most 3 fee-bearing reminders, at least 10 days apart, none
// before the first due date; compensation never on a person and at most once per claim.
TEST(Invariants, NeverAFeeOverTheCap) {
  const LawTable& law = default_law_table();
  int failures = 0;
  for (uint64_t seed : seeds()) {
    const CaseHistory h = make(seed);
    std::string why;
    auto check = [&](bool cond, const std::string& what) {
      if (!cond) why += "  " + what + "\n";
    };

    // Reminder fees alone: the history without compensation flags.
    CaseHistory fees_only = h;
    for (Action& a : fees_only.actions) a.compensation = false;
    FeeAssessment fa = assess_fees(fees_only, std::nullopt, law);
    int count = 0;
    std::optional<Date> last;
    for (const Fee& f : fa.fees) {
      const Action& a = h.actions[f.action_index];
      if (!is_reminder(a.type)) continue;
      ++count;
      check(f.amount.is_positive() && f.amount <= law.reminder_fee_max, "reminder fee <= 100 kr.");
      check(f.amount <= a.fee, "allowed fee <= claimed fee");
      check(first_due(h) < f.date, "no fee on or before the first due date");
      if (last) check(f.date - *last >= law.reminder_fee_spacing_days_min, "10 days apart");
      last = f.date;
    }
    check(count <= law.fee_bearing_reminders_max, "at most 3 fee-bearing reminders");
    check(fa.fee_bearing_reminders == count, "fee_bearing_reminders counts them");
    // Every claimed fee that was not allowed in full is listed as an adjustment.
    for (size_t i = 0; i < h.actions.size(); ++i) {
      const Action& a = h.actions[i];
      if (!is_reminder(a.type) || !a.fee.is_positive()) continue;
      Money allowed;
      for (const Fee& f : fa.fees)
        if (f.action_index == i) allowed += f.amount;
      bool listed = false;
      for (const Adjustment& adj : fa.adjustments)
        listed = listed || (adj.action_index == i && adj.field == "fee" && adj.claimed == a.fee &&
                            adj.allowed == allowed);
      if (allowed != a.fee) check(listed, "a reduced fee is listed as an adjustment");
      if (a.fee > law.reminder_fee_max) check(listed, "a fee over 100 kr. is adjusted");
    }

    // Compensation alone: the history without reminder fees.
    CaseHistory comp_only = h;
    for (Action& a : comp_only.actions) a.fee = Money::zero();
    FeeAssessment ca = assess_fees(comp_only, std::nullopt, law);
    Money compensation;
    for (const Fee& f : ca.fees)
      if (is_reminder(h.actions[f.action_index].type)) compensation += f.amount;
    if (h.debtor == DebtorKind::person) {
      check(compensation.is_zero(), "compensation never on a person");
    } else {
      const Money per_claim_max =
          Money::from_ore(law.compensation_per_claim.ore() * static_cast<int64_t>(h.claims.size()));
      check(compensation <= per_claim_max, "compensation at most 310 kr. per claim");
      check(compensation.ore() % law.compensation_per_claim.ore() == 0,
            "compensation in whole 310 kr.");
    }

    // The full assessment is the two together (plus court fees).
    FeeAssessment full = assess_fees(h, std::nullopt, law);
    for (const Fee& f : full.fees) {
      const Action& a = h.actions[f.action_index];
      if (h.debtor == DebtorKind::person && is_reminder(a.type))
        check(f.amount <= law.reminder_fee_max, "person: nothing but the reminder fee");
    }

    if (!why.empty()) PROPERTY_FAIL(failures, why << repro(seed, h));
  }
}

// A new action the law forbids is refused with the rule's id.
TEST(Invariants, UnlawfulNewActionsAreRefused) {
  int failures = 0;
  for (uint64_t seed : seeds()) {
    const CaseHistory h = make(seed);
    Date d = std::max(h.actions.empty() ? first_due(h) : h.actions.back().date, first_due(h)) + 1;
    auto state = evaluate(h, d);
    if (!state) continue;  // reported by the balance test
    if (state->flow == Flow::closed || state->flow == Flow::paid) continue;

    Action over;
    over.type = ActionType::reminder;
    over.date = d;
    over.fee = Money::from_kroner(100) + Money::from_ore(1 + static_cast<int64_t>(seed % 5000));
    auto st = check_new_action(h, over);
    if (st.ok() || st.error().code != rule::kReminderFeeMax)
      PROPERTY_FAIL(failures, "fee over 100 kr. not refused as reminder_fee_max: "
                                  << (st.ok() ? "accepted" : st.error().code) << "\n"
                                  << repro(seed, h));

    if (h.debtor == DebtorKind::person) {
      Action comp;
      comp.type = ActionType::reminder;
      comp.date = d;
      comp.compensation = true;
      auto cs = check_new_action(h, comp);
      if (cs.ok() || cs.error().code != rule::kCompensationPrivate)
        PROPERTY_FAIL(failures, "compensation on a person not refused: "
                                    << (cs.ok() ? "accepted" : cs.error().code) << "\n"
                                    << repro(seed, h));
    }

    FeeAssessment fa = assess_fees(h, d, default_law_table());
    Action fee;
    fee.type = ActionType::reminder;
    fee.date = d;
    fee.fee = Money::from_kroner(100);
    auto fs = check_new_action(h, fee);
    const bool too_many = fa.fee_bearing_reminders >= 3;
    const bool too_close = fa.last_fee_bearing_reminder && d - *fa.last_fee_bearing_reminder < 10;
    if (too_many && (fs.ok() || fs.error().code != rule::kReminderFeeCount))
      PROPERTY_FAIL(failures, "4th fee-bearing reminder not refused\n" << repro(seed, h));
    if (!too_many && too_close && (fs.ok() || fs.error().code != rule::kReminderFeeSpacing))
      PROPERTY_FAIL(failures, "reminder within 10 days not refused\n" << repro(seed, h));
    if (!too_many && !too_close && !fs.ok())
      PROPERTY_FAIL(failures, "a lawful 100 kr. reminder was refused: "
                                  << fs.error().code << ": " << fs.error().message << "\n"
                                  << repro(seed, h));
  }
}

// --- Interest ------------------------------------------------------------------------------

// Interest is never negative and, with no payments, never falls as as_of moves later.
TEST(Invariants, InterestNonNegativeAndMonotoneWithoutPayments) {
  int failures = 0;
  for (uint64_t seed : seeds()) {
    CaseHistory h = make(seed);
    h.payments.clear();
    const Date from = first_invoice(h) - 1;
    const Date to = last_event(h) + 500;
    const int32_t step = std::max<int32_t>(1, (to - from) / 7);
    std::optional<CaseState> prev;
    for (Date d = from; d <= to; d += step + static_cast<int32_t>(seed % 3)) {
      auto r = evaluate(h, d);
      if (!r) {
        PROPERTY_FAIL(failures, "evaluate failed: " << r.error().message << "\n" << repro(seed, h));
        break;
      }
      if (r->interest.is_negative() || r->outstanding.interest.is_negative())
        PROPERTY_FAIL(failures, "negative interest on " << d.to_iso() << "\n" << repro(seed, h));
      if (prev && r->interest < prev->interest)
        PROPERTY_FAIL(failures, "interest fell from "
                                    << str(prev->interest) << " on " << prev->as_of.to_iso()
                                    << " to " << str(r->interest) << " on " << d.to_iso() << "\n"
                                    << repro(seed, h));
      prev = *r;
    }
  }
}

// --- Rewind and time -----------------------------------------------------------------------

// Candidate next actions on a history, as the product would create them on `d`.
std::vector<Action> candidates(const CaseHistory& h, Date d, uint64_t seed) {
  std::vector<Action> out;
  if (auto s = evaluate(h, d); s && s->next_action) {
    Action a;
    a.type = s->next_action->type;
    a.date = std::max(d, s->next_action->date);
    switch (a.type) {
      case ActionType::reminder:
      case ActionType::collection_notice: {
        FeeAssessment fa = assess_fees(h, a.date, default_law_table());
        bool ok = fa.fee_bearing_reminders < 3 &&
                  (!fa.last_fee_bearing_reminder || a.date - *fa.last_fee_bearing_reminder >= 10);
        a.fee = ok ? Money::from_kroner(seed % 2 ? 100 : 65) : Money::zero();
        a.compensation =
            h.debtor == DebtorKind::company && claims_open_for_compensation(h, a.date) > 0;
        break;
      }
      case ActionType::settlement_offer:
        a.discount_bp = 2000;
        a.deadline = a.date + 14;
        break;
      case ActionType::agreement_terminated:
        a.track = s->track;
        break;
      case ActionType::payment_order:
      case ActionType::enforcement_request:
        a.court_fee_added = true;
        break;
      default:
        break;
    }
    out.push_back(a);
  }
  Action letter;
  letter.type = ActionType::letter;
  letter.date = d;
  out.push_back(letter);
  Action pause;
  pause.type = ActionType::pause;
  pause.date = d;
  pause.until = d + 14;
  out.push_back(pause);
  Action agreement;
  agreement.type = ActionType::payment_agreement;
  agreement.date = d;
  agreement.instalment = Money::from_kroner(500);
  agreement.first_date = d + 10;
  agreement.interest_free = seed % 3 == 0;
  out.push_back(agreement);
  Action offer;
  offer.type = ActionType::settlement_offer;
  offer.date = d;
  offer.discount_bp = 2000;
  offer.deadline = d + 14;
  out.push_back(offer);
  return out;
}

// Rewind restores the state before the action: for a lawful action A accepted by
// check_new_action(H, A), deleting it again gives H's states; before A's date H + A evaluates
// as H; and an accepted action is never capped by the engine.
TEST(Invariants, RewindRestoresTheStateBeforeTheAction) {
  int failures = 0;
  int accepted = 0;
  for (uint64_t seed : seeds()) {
    const CaseHistory h = make(seed);
    const Date base = h.actions.empty() ? first_due(h) : h.actions.back().date;
    const Date d = base + static_cast<int32_t>(seed % 25);
    for (const Action& a : candidates(h, d, seed)) {
      if (!check_new_action(h, a).ok()) continue;
      ++accepted;
      CaseHistory with = h;
      with.actions.push_back(a);
      const std::string what = std::string(to_string(a.type)) + " on " + a.date.to_iso();

      auto after = evaluate(with, a.date);
      if (!after) {
        PROPERTY_FAIL(failures, "accepted " << what << " but the history no longer evaluates: "
                                            << after.error().message << "\n"
                                            << repro(seed, h));
        continue;
      }
      for (const Adjustment& adj : after->adjustments)
        if (adj.action_index == h.actions.size())
          PROPERTY_FAIL(failures, "accepted " << what << " but the engine caps its " << adj.field
                                              << " (" << adj.rule << ")\n"
                                              << repro(seed, h));

      CaseHistory rewound = with;
      rewound.actions.pop_back();
      for (Date e : {first_invoice(h), a.date - 1, a.date, a.date + 30, a.date + 400}) {
        auto x = evaluate(h, e);
        auto y = evaluate(rewound, e);
        if (x.ok() != y.ok()) {
          PROPERTY_FAIL(failures, "rewind changes success on " << e.to_iso() << "\n"
                                                               << repro(seed, h));
          continue;
        }
        if (!x) continue;
        if (std::string dd = diff(*x, *y); !dd.empty())
          PROPERTY_FAIL(failures, "rewind of " << what << " differs on " << e.to_iso() << ":\n"
                                               << dd << repro(seed, h));
        if (e < a.date) {
          auto z = evaluate(with, e);
          if (!z) continue;
          if (std::string dz = diff(*x, *z); !dz.empty())
            PROPERTY_FAIL(failures, "H + " << what << " differs from H on " << e.to_iso()
                                           << ", before the action:\n"
                                           << dz << repro(seed, h));
        }
      }
    }
  }
  EXPECT_GT(accepted, 0);
}

// Evaluating on an earlier date ignores later events: evaluate(H, d) equals evaluating the
// history cut to the events dated on or before d.
TEST(Invariants, EarlierDateIgnoresLaterEvents) {
  int failures = 0;
  for (uint64_t seed : seeds()) {
    const CaseHistory h = make(seed);
    for (Date d : probe_dates(seed, h)) {
      const CaseHistory t = truncated(h, d);
      auto full = evaluate(h, d);
      if (t.claims.empty()) {
        // Nothing invoiced yet: a case with no claims is invalid; the full history shows nothing
        // owed.
        if (full && (!full->principal.is_zero() || !full->fees.is_zero()))
          PROPERTY_FAIL(failures, "amounts before any invoice on " << d.to_iso() << "\n"
                                                                   << repro(seed, h));
        continue;
      }
      auto cut = evaluate(t, d);
      if (full.ok() != cut.ok()) {
        PROPERTY_FAIL(failures, "truncation changes success on "
                                    << d.to_iso() << ": "
                                    << (full ? cut.error().message : full.error().message) << "\n"
                                    << repro(seed, h));
        continue;
      }
      if (!full) continue;
      if (std::string dd = diff(*full, *cut); !dd.empty())
        PROPERTY_FAIL(failures, "evaluate(H, " << d.to_iso() << ") != evaluate(H cut at "
                                               << d.to_iso() << "):\n"
                                               << dd << repro(seed, h));
    }
  }
}

// --- Determinism ---------------------------------------------------------------------------

TEST(Invariants, DeterministicForTheSameSeed) {
  int failures = 0;
  const auto all = seeds();
  for (size_t i = 0; i < all.size(); i += 4) {
    const uint64_t seed = all[i];
    const CaseHistory a = make(seed);
    const CaseHistory b = make(seed);
    for (Date d : probe_dates(seed, a)) {
      auto x = evaluate(a, d);
      auto y = evaluate(b, d);
      auto z = evaluate(a, d);
      if (!x || !y || !z) continue;
      std::string dd = diff(*x, *y) + diff(*x, *z);
      if (!dd.empty())
        PROPERTY_FAIL(failures, "not deterministic on " << d.to_iso() << ":\n"
                                                        << dd << repro(seed, a));
    }
    if (i % 40 == 0) {
      const Date d = a.actions.empty() ? first_due(a) : a.actions.back().date;
      auto p = plan_remaining_steps(a, d);
      auto q = plan_remaining_steps(b, d);
      if (p.ok() != q.ok() || (p && p->size() != q->size()))
        PROPERTY_FAIL(failures, "plan not deterministic\n" << repro(seed, a));
    }
  }
}

}  // namespace
}  // namespace inkasso
