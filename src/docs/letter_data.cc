#include "docs/letter_data.h"

#include <algorithm>

#include "core/calculators.h"
#include "core/engine.h"
#include "core/fees.h"
#include "core/identifiers.h"
#include "core/interest.h"
#include "core/law_table.h"
#include "docs/templates.h"

namespace inkasso {
namespace {

bool is_reminder(ActionType t) {
  return t == ActionType::reminder || t == ActionType::collection_notice;
}

// The history as it stood when action `count - 1` was taken: its first `count` actions.
CaseHistory with_actions(const CaseHistory& history, size_t count) {
  CaseHistory h = history;
  h.actions.resize(count);
  return h;
}

// The history as known on `date`: payments and credit notes made later are left out, so that a
// letter's figures (a settlement's court comparison, an agreement's schedule) are what could be
// known when it was written, and do not change when the case goes on.
CaseHistory known_on(const CaseHistory& history, Date date) {
  CaseHistory h = history;
  std::erase_if(h.payments, [date](const Payment& p) { return p.date > date; });
  std::erase_if(h.credit_notes, [date](const CreditNote& n) { return n.date > date; });
  return h;
}

// What action `index` itself claimed: its reminder fee (after any lawful reduction), its
// compensation, and a court fee.
struct ActionFees {
  Money fee;
  Money compensation;
  Money court_fee;
};

ActionFees fees_of(const CaseHistory& history, const FeeAssessment& fees, size_t index) {
  ActionFees out;
  const Action& a = history.actions[index];
  Money total;
  for (const Fee& f : fees.fees)
    if (f.action_index == index) total += f.amount;
  if (a.type == ActionType::payment_order || a.type == ActionType::enforcement_request) {
    out.court_fee = total;
    return out;
  }
  if (!is_reminder(a.type)) return out;
  Money fee = a.fee;
  for (const Adjustment& adj : fees.adjustments)
    if (adj.action_index == index && adj.field == "fee") fee = adj.allowed;
  out.fee = min(fee, total);
  out.compensation = total - out.fee;
  return out;
}

std::string fundament_name(FundamentKind k) {
  switch (k) {
    case FundamentKind::dom:
      return "dom";
    case FundamentKind::forlig:
      return "retsforlig";
    case FundamentKind::skyldnererklaering:
      return "skyldnererklæring";
    case FundamentKind::gaeldsbrev:
      return "gældsbrev";
    case FundamentKind::pantebrev:
      return "pantebrev";
    case FundamentKind::betalingspaakrav:
      return "betalingspåkrav forsynet med anden påtegning";
  }
  return "";
}

AgreementTerms terms_of(const Action& a) {
  AgreementTerms t;
  t.agreed_on = a.date;
  t.instalment = a.instalment;
  t.first_date = a.first_date.value_or(a.date);
  t.down_payment = a.down_payment;
  t.down_date = a.down_date;
  t.interest_free = a.interest_free;
  return t;
}

Result<LetterAgreement> agreement_of(const CaseHistory& history, size_t agreement_index) {
  const Action& a = history.actions[agreement_index];
  auto schedule =
      agreement_schedule(known_on(with_actions(history, agreement_index), a.date), terms_of(a));
  if (!schedule) return schedule.error();
  LetterAgreement g;
  g.agreed_on = a.date;
  g.debt_at_start = schedule->debt_at_start;
  g.instalment = a.instalment;
  g.down_payment = a.down_payment;
  g.down_date = a.down_date;
  g.first_date = schedule->terms.first_date;
  g.last_date = schedule->last_date;
  g.instalments = schedule->instalments;
  if (!schedule->rows.empty() && schedule->rows.back().number > 0)
    g.last_instalment = schedule->rows.back().amount;
  g.interest_free = a.interest_free;
  g.annual_rate_bp = schedule->annual_rate_bp;
  g.total_interest = schedule->total_interest;
  g.total_paid = schedule->total_paid;
  return g;
}

std::optional<size_t> last_before(const CaseHistory& history, size_t index, ActionType type) {
  for (size_t j = index; j-- > 0;)
    if (history.actions[j].type == type) return j;
  return std::nullopt;
}

}  // namespace

Result<LetterData> build_letter_data(const LetterInput& input) {
  const CaseHistory& full = input.history;
  const LawTable& law = default_law_table();
  if (input.action_index >= full.actions.size())
    return make_error(
        "invalid_input",
        "Sagen har ingen handling nr. " + std::to_string(input.action_index + 1) + ".",
        "action_index");
  const Action& action = full.actions[input.action_index];
  auto keys = template_keys_for(action.type);
  if (keys.empty())
    return make_error("invalid_input",
                      "Handlingen " + std::string(to_string(action.type)) + " laver intet brev.",
                      "action_index");
  if (input.case_number < 0)
    return make_error("invalid_input", "Sagsnummeret kan ikke være negativt.", "case_number");
  if (auto st = validate_history(full, law); !st) return st.error();

  const Date date = action.date;
  const CaseHistory known = known_on(full, date);
  const CaseHistory upto = with_actions(known, input.action_index + 1);
  const CaseHistory prior = with_actions(known, input.action_index);
  auto state = evaluate(upto, date, law);
  if (!state) return state.error();

  LetterData d;
  d.kind = keys.front();
  d.letter_date = date;
  d.case_number = input.case_number;
  d.creditor = input.creditor;
  d.creditor.cpr.clear();  // a creditor's letterhead shows its CVR, never a CPR number
  d.debtor = input.debtor;
  if (!d.debtor.cpr.empty()) d.debtor.cpr = mask_cpr(d.debtor.cpr);
  d.debtor_kind = full.debtor;
  d.portal = input.portal;
  d.subject = input.subject;
  d.text = input.text;

  for (const Claim& c : full.claims) {
    d.claims.push_back({c.ref, c.invoice_date, c.due_date, c.amount});
    d.amounts.claims_total += c.amount;
  }
  for (const CreditNote& n : full.credit_notes)
    if (n.date <= date) d.amounts.credit_notes += n.amount;
  for (const Payment& p : full.payments)
    if (p.date <= date) d.payments.push_back({p.date, p.amount});
  d.amounts.principal = state->principal;
  d.amounts.interest = state->interest;
  d.amounts.fees = state->fees;
  d.amounts.paid = state->paid;
  d.amounts.allocated_interest = state->allocated.interest;
  d.amounts.allocated_fees = state->allocated.fees;
  d.amounts.allocated_principal = state->allocated.principal;
  d.amounts.outstanding_principal = state->outstanding.principal;
  d.amounts.outstanding_interest = state->outstanding.interest;
  d.amounts.outstanding_fees = state->outstanding.fees;
  d.amounts.outstanding_total = state->outstanding.total();
  d.amounts.interest_from = state->interest_from;
  if (full.interest.kind != InterestKind::none && !full.claims.empty()) {
    ClaimRate rate = claim_rate(law, full.interest, full.claims.front().due_date);
    if (rate.kind == InterestKind::fixed) {
      d.amounts.interest_rate_bp = rate.fixed_bp;
    } else if (auto ref = law.reference_rate_on(date)) {
      d.amounts.interest_rate_bp = ref->rate_bp + rate.surcharge_bp;
    }
  }
  d.court_fee_payment_order = law.court_fee_payment_order;
  if (auto j = last_before(full, input.action_index, ActionType::collection_notice)) {
    d.notice_date = full.actions[*j].date;
    d.notice_deadline = *d.notice_date + law.collection_notice_days_min;
  }

  if (!d.creditor.fi_creditor_no.empty()) {
    auto line =
        fi_payment_line(static_cast<uint64_t>(input.case_number), d.creditor.fi_creditor_no);
    if (!line)
      return make_error("invalid_input",
                        "FI-kreditornummeret skal være 8 cifre, og sagsnummeret højst 14 cifre.",
                        "fi_creditor_no");
    d.fi_line = *line;
  }

  FeeAssessment fees = assess_fees(upto, date, law);
  ActionFees own = fees_of(upto, fees, input.action_index);
  d.fee = own.fee;
  d.compensation = own.compensation;

  const int32_t standard_days = law.collection_notice_days_min;
  switch (action.type) {
    case ActionType::reminder:
    case ActionType::collection_notice: {
      int n = 0;
      for (size_t j = 0; j <= input.action_index; ++j)
        if (full.actions[j].type == ActionType::reminder) ++n;
      d.reminder_number = action.type == ActionType::reminder ? n : n + 1;
      d.pay_by = date + standard_days;
      break;
    }
    case ActionType::collection_demand:
    case ActionType::missing_payment_letter:
      d.pay_by = date + standard_days;
      break;
    case ActionType::settlement_offer: {
      auto q = settlement_quote(prior, date, action.discount_bp, action.deadline);
      if (!q) return q.error();
      d.settlement = LetterSettlement{q->deadline, q->discount_bp, q->total,     q->offered_amount,
                                      q->saving,   q->court_date,  q->court_fee, q->total_if_court};
      d.pay_by = q->deadline;
      break;
    }
    case ActionType::payment_agreement: {
      auto g = agreement_of(full, input.action_index);
      if (!g) return g.error();
      d.agreement = *g;
      d.pay_by = g->down_payment.is_positive() && g->down_date ? *g->down_date : g->first_date;
      break;
    }
    case ActionType::agreement_default_warning:
    case ActionType::agreement_terminated: {
      auto j = last_before(full, input.action_index, ActionType::payment_agreement);
      if (!j)
        return make_error("invalid_input", "Sagen har ingen betalingsaftale.", "action_index");
      auto g = agreement_of(full, *j);
      if (!g) return g.error();
      auto before = evaluate(prior, date, law);
      if (!before) return before.error();
      if (before->agreement) {
        g->missed_date = before->agreement->missed_date;
        g->due_so_far = before->agreement->due_so_far;
        g->paid_since_agreement = before->agreement->paid_since_agreement;
        g->arrears = max(Money::zero(), g->due_so_far - g->paid_since_agreement);
      }
      if (action.type == ActionType::agreement_default_warning) {
        g->termination_date = date + law.agreement_termination_notice_days;
        d.pay_by = g->termination_date;
      } else {
        d.pay_by = date + standard_days;
      }
      d.agreement = *g;
      break;
    }
    case ActionType::payment_order:
    case ActionType::enforcement_request: {
      LetterCourt c;
      if (input.court) c.court = *input.court;
      c.court_fee = action.type == ActionType::payment_order ? law.court_fee_payment_order
                                                             : law.court_fee_enforcement;
      c.court_fee_added = action.court_fee_added;
      for (size_t j = 0; j < input.action_index; ++j) {
        ActionFees f = fees_of(upto, fees, j);
        c.reminder_fees += f.fee;
        c.compensation += f.compensation;
        c.other_fees += f.court_fee;
      }
      c.claim_total = state->outstanding.total();
      if (action.type == ActionType::enforcement_request) {
        if (auto j = last_before(full, input.action_index, ActionType::fundament)) {
          c.fundament = fundament_name(full.actions[*j].fundament);
          c.fundament_date = full.actions[*j].date;
        }
      }
      d.court = c;
      break;
    }
    default:
      break;
  }
  return d;
}

}  // namespace inkasso
