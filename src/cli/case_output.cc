#include "cli/case_output.h"

#include <nlohmann/json.hpp>

#include "core/rules.h"

namespace inkasso {

namespace {

// Insertion-ordered so the output reads in the documented order.
using ojson = nlohmann::ordered_json;

std::string amount(Money m) {
  return m.to_plain();
}
ojson date_or_null(std::optional<Date> d) {
  return d ? ojson(d->to_iso()) : ojson(nullptr);
}

std::string percent(int32_t bp) {
  return Money::from_ore(bp).to_plain();  // hundredths of a percent print like øre: "20.00"
}

ojson action_json(const Action& a) {
  ojson j;
  j["type"] = to_string(a.type);
  j["date"] = a.date.to_iso();
  switch (a.type) {
    case ActionType::reminder:
    case ActionType::collection_notice:
      j["fee"] = amount(a.fee);
      if (a.compensation) j["compensation"] = true;
      break;
    case ActionType::settlement_offer:
      j["discount_percent"] = percent(a.discount_bp);
      if (a.deadline) j["deadline"] = a.deadline->to_iso();
      break;
    case ActionType::payment_order:
    case ActionType::enforcement_request:
      j["court_fee_added"] = a.court_fee_added;
      break;
    case ActionType::agreement_terminated:
    case ActionType::track_change:
      j["track"] = to_string(a.track);
      break;
    default:
      break;
  }
  return j;
}

}  // namespace

std::string state_json(const CaseState& s) {
  ojson j;
  j["as_of"] = s.as_of.to_iso();
  j["flow"] = to_string(s.flow);
  j["principal"] = amount(s.principal);
  j["fees"] = amount(s.fees);
  j["interest"] = amount(s.interest);
  j["paid"] = amount(s.paid);
  j["allocated"] = {{"interest", amount(s.allocated.interest)},
                    {"fees", amount(s.allocated.fees)},
                    {"principal", amount(s.allocated.principal)}};
  j["outstanding"] = {{"principal", amount(s.outstanding.principal)},
                      {"fees", amount(s.outstanding.fees)},
                      {"interest", amount(s.outstanding.interest)},
                      {"total", amount(s.outstanding.total())}};
  j["overpaid"] = amount(s.overpaid);
  if (s.next_action)
    j["next_action"] = {{"type", to_string(s.next_action->type)},
                        {"date", s.next_action->date.to_iso()}};
  else
    j["next_action"] = nullptr;
  j["follow_up_due"] = s.follow_up_due;
  j["adjustments"] = ojson::array();
  for (const Adjustment& a : s.adjustments)
    j["adjustments"].push_back({{"action", a.action_index},
                                {"field", a.field},
                                {"claimed", amount(a.claimed)},
                                {"allowed", amount(a.allowed)},
                                {"rule", a.rule},
                                {"message", adjustment_message(a)}});
  // Beyond the documented minimum: what the interface shows beside the figures.
  j["track"] = to_string(s.track);
  j["written_off"] = amount(s.written_off);
  j["interest_from"] = date_or_null(s.interest_from);
  j["paused_until"] = date_or_null(s.paused_until);
  if (s.agreement) {
    const AgreementStatus& a = *s.agreement;
    j["agreement"] = {{"agreed_on", a.agreed_on.to_iso()},
                      {"instalment", amount(a.instalment)},
                      {"interest_free", a.interest_free},
                      {"defaulted", a.defaulted},
                      {"missed_date", date_or_null(a.missed_date)},
                      {"next_instalment", date_or_null(a.next_instalment)},
                      {"paid_since_agreement", amount(a.paid_since_agreement)},
                      {"due_so_far", amount(a.due_so_far)}};
  }
  if (s.settlement) {
    const SettlementStatus& o = *s.settlement;
    j["settlement"] = {{"offered_on", o.offered_on.to_iso()},
                       {"deadline", o.deadline.to_iso()},
                       {"discount_percent", percent(o.discount_bp)},
                       {"total_at_offer", amount(o.total_at_offer)},
                       {"offered_amount", amount(o.offered_amount)},
                       {"paid_towards", amount(o.paid_towards)},
                       {"accepted", o.accepted},
                       {"fulfilled", o.fulfilled},
                       {"lapsed", o.lapsed}};
  }
  return j.dump(2);
}

std::string plan_json(Date as_of, const std::vector<PlannedStep>& plan) {
  ojson j;
  j["as_of"] = as_of.to_iso();
  j["steps"] = ojson::array();
  for (const PlannedStep& p : plan) {
    ojson step = action_json(p.action);
    step["total_after"] = amount(p.total_after);
    if (p.refusal) step["refused"] = {{"rule", p.refusal->code}, {"message", p.refusal->message}};
    j["steps"].push_back(step);
  }
  return j.dump(2);
}

std::string schedule_json(const AgreementSchedule& s, std::optional<Money> suggested) {
  ojson j;
  j["agreed_on"] = s.terms.agreed_on.to_iso();
  j["debt"] = amount(s.debt_at_start);
  j["instalment"] = amount(s.terms.instalment);
  if (suggested) j["suggested_instalment"] = amount(*suggested);
  j["first_date"] = s.terms.first_date.to_iso();
  j["down_payment"] = amount(s.terms.down_payment);
  j["down_date"] = date_or_null(s.terms.down_date);
  j["interest_free"] = s.terms.interest_free;
  j["annual_rate"] = s.annual_rate_bp ? ojson(percent(*s.annual_rate_bp)) : ojson(nullptr);
  j["instalments"] = s.instalments;
  j["last_date"] = s.last_date.to_iso();
  j["total_interest"] = amount(s.total_interest);
  j["total_paid"] = amount(s.total_paid);
  j["schedule"] = ojson::array();
  for (const ScheduleRow& r : s.rows)
    j["schedule"].push_back({{"number", r.number},
                             {"date", r.date.to_iso()},
                             {"amount", amount(r.amount)},
                             {"interest", amount(r.interest)},
                             {"fees", amount(r.fees)},
                             {"principal", amount(r.principal)},
                             {"remaining", amount(r.remaining)}});
  return j.dump(2);
}

std::string quote_json(const SettlementQuote& q) {
  ojson j;
  j["offered_on"] = q.offered_on.to_iso();
  j["deadline"] = q.deadline.to_iso();
  j["discount_percent"] = percent(q.discount_bp);
  j["total"] = amount(q.total);
  j["offered_amount"] = amount(q.offered_amount);
  j["saving"] = amount(q.saving);
  j["court_date"] = q.court_date.to_iso();
  j["court_fee"] = amount(q.court_fee);
  j["total_if_court"] = amount(q.total_if_court);
  return j.dump(2);
}

std::string check_json(const Status& status) {
  ojson j;
  j["allowed"] = status.ok();
  if (!status.ok()) {
    j["rule"] = status.error().code;
    j["message"] = status.error().message;
  }
  return j.dump(2);
}

}  // namespace inkasso
