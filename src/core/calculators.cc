#include "core/calculators.h"

#include "core/fees.h"
#include "core/interest.h"
#include "core/rules.h"

namespace inkasso {

namespace {

Error calc_error(std::string field, std::string message) {
  return make_error("invalid_terms", field + ": " + message, field);
}

Status check_after_last_action(const CaseHistory& h, Date d, const char* field) {
  if (!h.actions.empty() && d < h.actions.back().date)
    return calc_error(field,
                      "is before the case's last action (" + h.actions.back().date.to_iso() + ")");
  return {};
}

}  // namespace

Result<AgreementSchedule> agreement_schedule(const CaseHistory& history,
                                             const AgreementTerms& terms, const LawTable& law) {
  if (auto st = check_after_last_action(history, terms.agreed_on, "date"); !st) return st.error();
  CaseHistory h = history;
  Action a;
  a.type = ActionType::payment_agreement;
  a.date = terms.agreed_on;
  a.instalment = terms.instalment;
  a.first_date = terms.first_date;
  a.down_payment = terms.down_payment;
  a.down_date = terms.down_date;
  a.interest_free = terms.interest_free;
  h.actions.push_back(a);
  if (auto st = validate_history(h, law); !st) return st.error();

  auto start = evaluate(h, terms.agreed_on, law);
  if (!start) return start.error();
  AgreementSchedule s;
  s.terms = terms;
  s.debt_at_start = start->outstanding.total();
  if (!terms.interest_free && history.interest.kind != InterestKind::none) {
    Date first_claim_due = history.claims.front().due_date;
    ClaimRate rate = claim_rate(law, history.interest, first_claim_due);
    if (rate.kind == InterestKind::fixed) {
      s.annual_rate_bp = rate.fixed_bp;
    } else if (auto ref = law.reference_rate_on(terms.agreed_on)) {
      s.annual_rate_bp = ref->rate_bp + rate.surcharge_bp;
    }
  }

  CaseState prev = *start;
  Money interest_before = start->interest;
  auto pay = [&](int number, Date date, Money amount) -> Result<bool> {
    auto before = evaluate(h, date, law);
    if (!before) return before.error();
    Money owed = before->outstanding.total();
    if (!owed.is_positive()) return false;
    Money paid = min(amount, owed);
    h.payments.push_back({date, paid});
    auto after = evaluate(h, date, law);
    if (!after) return after.error();
    ScheduleRow row;
    row.number = number;
    row.date = date;
    row.amount = paid;
    row.interest = after->allocated.interest - before->allocated.interest;
    row.fees = after->allocated.fees - before->allocated.fees;
    row.principal = after->allocated.principal - before->allocated.principal;
    row.remaining = after->outstanding.total();
    if (number > 0 && !s.rows.empty() && row.remaining >= s.rows.back().remaining &&
        row.remaining.is_positive())
      return calc_error("instalment",
                        "does not cover the interest; the debt would never be "
                        "paid");
    s.rows.push_back(row);
    s.total_paid += paid;
    s.last_date = date;
    prev = *after;
    return row.remaining.is_positive();
  };

  if (terms.down_payment.is_positive()) {
    auto more = pay(0, *terms.down_date, terms.down_payment);
    if (!more) return more.error();
  }
  constexpr int kMaxInstalments = 600;  // 50 years
  for (int k = 0; prev.outstanding.total().is_positive(); ++k) {
    if (k == kMaxInstalments)
      return calc_error("instalment", "too small: the agreement would run more than 50 years");
    auto more = pay(k + 1, terms.first_date.add_months(k), terms.instalment);
    if (!more) return more.error();
    ++s.instalments;
    if (!*more) break;
  }
  s.total_interest = prev.interest - interest_before;
  return s;
}

Result<Money> suggest_instalment(const CaseHistory& history, AgreementTerms terms, int months,
                                 Money minimum, const LawTable& law) {
  if (months <= 0) months = law.agreement_months_suggested;
  auto state = evaluate(history, terms.agreed_on, law);
  if (!state) return state.error();
  Money owed = state->outstanding.total() - terms.down_payment;
  if (!owed.is_positive()) return minimum;
  const int64_t ten_kr = 1000;
  auto round_up = [&](int64_t ore) { return (ore + ten_kr - 1) / ten_kr * ten_kr; };
  Money candidate = max(minimum, Money::from_ore(round_up(owed.ore() / months)));
  // Interest makes the plain division a little short; step up until it fits. The schedule is
  // monotone in the instalment, so the first fit is the smallest.
  for (int tries = 0; tries < 1000; ++tries) {
    terms.instalment = candidate;
    auto s = agreement_schedule(history, terms, law);
    // Terms that are wrong whatever the instalment (dates) are reported as they are.
    if (!s && s.error().field != "instalment") return s.error();
    if (s && s->instalments <= months) return candidate;
    candidate += Money::from_ore(ten_kr);
  }
  return calc_error("instalment", "no instalment found that pays the debt in time");
}

Date suggest_first_instalment_date(Date agreed_on) {
  Date next = agreed_on.first_of_month().add_months(1);
  return agreed_on.day() > 15 ? next.add_months(1) : next;
}

Result<SettlementQuote> settlement_quote(const CaseHistory& history, Date offered_on,
                                         int32_t discount_bp, std::optional<Date> deadline,
                                         std::optional<Date> court_date, const LawTable& law) {
  if (auto st = check_after_last_action(history, offered_on, "date"); !st) return st.error();
  SettlementQuote q;
  q.offered_on = offered_on;
  q.discount_bp = discount_bp > 0 ? discount_bp : law.settlement_discount_bp_default;
  q.deadline = deadline.value_or(offered_on + law.settlement_deadline_days_default);
  q.court_date = court_date.value_or(q.deadline + 30);
  if (q.deadline < offered_on) return calc_error("deadline", "is before the offer's date");
  if (q.court_date < offered_on) return calc_error("court_date", "is before the offer's date");

  CaseHistory h = history;
  Action a;
  a.type = ActionType::settlement_offer;
  a.date = offered_on;
  a.discount_bp = q.discount_bp;
  a.deadline = q.deadline;
  h.actions.push_back(a);
  auto state = evaluate(h, offered_on, law);
  if (!state) return state.error();
  INKASSO_ASSERT(state->settlement.has_value());
  q.total = state->settlement->total_at_offer;
  q.offered_amount = state->settlement->offered_amount;
  q.saving = q.total - q.offered_amount;

  auto later = evaluate(history, q.court_date, law);
  if (!later) return later.error();
  q.court_fee = law.court_fee_payment_order;
  q.total_if_court = later->outstanding.total() + q.court_fee;
  return q;
}

Result<std::vector<PlannedStep>> plan_remaining_steps(const CaseHistory& history, Date as_of,
                                                      const LawTable& law) {
  CaseHistory h = history;
  std::vector<PlannedStep> plan;
  Date now = as_of;
  // A track has at most seven steps; agreements and court add a few. The bound only guards
  // against a rule change that would make the plan loop.
  for (int i = 0; i < 40; ++i) {
    auto state = evaluate(h, now, law);
    if (!state) return state.error();
    if (!state->next_action) {
      // A running agreement has no step until an instalment is missed; assuming no payment,
      // the next one will be.
      if (state->flow == Flow::payment_agreement && state->agreement &&
          state->agreement->next_instalment) {
        now = *state->agreement->next_instalment + law.agreement_grace_days + 1;
        continue;
      }
      break;
    }
    Action a;
    a.type = state->next_action->type;
    a.date = std::max(state->next_action->date, now);
    if (!h.actions.empty() && a.date < h.actions.back().date) a.date = h.actions.back().date;
    switch (a.type) {
      case ActionType::reminder:
      case ActionType::collection_notice: {
        // The lawful default: the maximum fee where the law still allows one, and the
        // compensation for business debtors on claims not yet compensated.
        FeeAssessment fees = assess_fees(h, a.date, law);
        bool fee_ok =
            fees.fee_bearing_reminders < law.fee_bearing_reminders_max &&
            (!fees.last_fee_bearing_reminder ||
             a.date - *fees.last_fee_bearing_reminder >= law.reminder_fee_spacing_days_min);
        a.fee = fee_ok ? law.reminder_fee_max : Money::zero();
        a.compensation =
            h.debtor == DebtorKind::company && claims_open_for_compensation(h, a.date) > 0;
        break;
      }
      case ActionType::settlement_offer:
        a.discount_bp = law.settlement_discount_bp_default;
        a.deadline = a.date + law.settlement_deadline_days_default;
        break;
      case ActionType::payment_order:
      case ActionType::enforcement_request:
        a.court_fee_added = true;
        break;
      case ActionType::agreement_terminated:
        a.track = state->track;
        break;
      default:
        break;
    }
    PlannedStep step{a, Money::zero(), std::nullopt};
    if (auto st = check_new_action(h, a, law); !st) {
      step.refusal = st.error();
      step.total_after = state->outstanding.total();
      plan.push_back(step);
      break;
    }
    h.actions.push_back(a);
    auto after = evaluate(h, a.date, law);
    if (!after) return after.error();
    step.total_after = after->outstanding.total();
    plan.push_back(step);
    now = a.date;
  }
  return plan;
}

}  // namespace inkasso
