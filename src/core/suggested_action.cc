#include "core/suggested_action.h"

#include <algorithm>
#include <optional>

#include "core/calculators.h"
#include "core/engine.h"
#include "core/fees.h"

namespace inkasso {

namespace {

// The day the track suggests the next step once `a` is taken: the debtor's deadline.
std::optional<Date> track_deadline(const CaseHistory& h, const Action& a, const LawTable& law) {
  CaseHistory with = h;
  with.actions.push_back(a);
  auto state = evaluate(with, a.date, law);
  if (state && state->next_action && state->next_action->date > a.date)
    return state->next_action->date;
  return std::nullopt;
}

}  // namespace

bool has_deadline(ActionType t) {
  switch (t) {
    case ActionType::reminder:
    case ActionType::collection_notice:
    case ActionType::collection_demand:
    case ActionType::settlement_offer:
    case ActionType::missing_payment_letter:
    case ActionType::agreement_default_warning:
      return true;
    default:
      return false;
  }
}

bool reminder_fee_lawful(const CaseHistory& h, Date day, const LawTable& law) {
  FeeAssessment fees = assess_fees(h, day, law);
  return fees.fee_bearing_reminders < law.fee_bearing_reminders_max &&
         (!fees.last_fee_bearing_reminder ||
          day - *fees.last_fee_bearing_reminder >= law.reminder_fee_spacing_days_min);
}

Action suggested_action(const CaseHistory& h, ActionType type, Track current_track, Date day,
                        const LawTable& law) {
  Action a;
  a.type = type;
  a.date = day;
  switch (a.type) {
    case ActionType::reminder:
    case ActionType::collection_notice:
      // As the engine's planner: the law's maximum while a fee is lawful, and compensation
      // for a business debtor's claims not yet compensated.
      a.fee = reminder_fee_lawful(h, day, law) ? law.reminder_fee_max : Money::zero();
      a.compensation = h.debtor == DebtorKind::company && claims_open_for_compensation(h, day) > 0;
      break;
    case ActionType::settlement_offer:
      a.discount_bp = law.settlement_discount_bp_default;
      a.deadline = day + law.settlement_deadline_days_default;
      break;
    case ActionType::payment_agreement: {
      AgreementTerms terms{day,           Money::zero(), suggest_first_instalment_date(day),
                           Money::zero(), std::nullopt,  false};
      auto suggested = suggest_instalment(h, terms, 0, Money::zero(), law);
      a.instalment = suggested ? *suggested : Money::zero();
      a.first_date = terms.first_date;
      break;
    }
    case ActionType::agreement_terminated:
      a.track = current_track;
      break;
    case ActionType::payment_order:
    case ActionType::enforcement_request:
      a.court_fee_added = true;
      break;
    case ActionType::pause:
      a.until = day + kPauseDaysDefault;
      break;
    case ActionType::agreement_default_warning:
      a.deadline = day + law.agreement_termination_notice_days;
      break;
    default:
      break;
  }
  if (has_deadline(a.type) && !a.deadline) {
    a.deadline = track_deadline(h, a, law).value_or(day + kDeadlineDaysFallback);
    if (a.type == ActionType::collection_notice)
      a.deadline = std::max(*a.deadline, day + law.collection_notice_days_min);
  }
  return a;
}

}  // namespace inkasso
