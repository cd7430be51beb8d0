// validate_history (engine.h): the history's own consistency, checked before any evaluation so
// that the engine's arithmetic can assume sane input. Messages name the field and are meant for
// whoever produced the input (an import, the API, a support person with a case file).
#include <string>

#include "core/engine.h"

namespace inkasso {

namespace {

std::string at(const char* list, size_t i, const char* field) {
  return std::string(list) + "[" + std::to_string(i) + "]." + field;
}

Error invalid(std::string field, std::string message) {
  return make_error("invalid_case", field + ": " + message, field);
}

Status validate_action(const CaseHistory& h, const Action& a, size_t i) {
  auto f = [&](const char* field) { return at("actions", i, field); };
  switch (a.type) {
    case ActionType::reminder:
    case ActionType::collection_notice:
      if (a.fee.is_negative()) return invalid(f("fee"), "must not be negative");
      break;
    case ActionType::settlement_offer:
      if (a.discount_bp <= 0 || a.discount_bp >= 10'000)
        return invalid(f("discount_percent"), "must be more than 0 and less than 100");
      if (a.deadline && *a.deadline < a.date)
        return invalid(f("deadline"), "must not be before the offer's date");
      break;
    case ActionType::payment_agreement:
      if (!a.instalment.is_positive()) return invalid(f("instalment"), "must be positive");
      if (!a.first_date) return invalid(f("first_date"), "is required");
      if (*a.first_date < a.date)
        return invalid(f("first_date"), "must not be before the agreement's date");
      if (a.down_payment.is_negative()) return invalid(f("down_payment"), "must not be negative");
      if (a.down_payment.is_positive() && !a.down_date)
        return invalid(f("down_date"), "is required with a down payment");
      if (a.down_date && *a.down_date < a.date)
        return invalid(f("down_date"), "must not be before the agreement's date");
      break;
    case ActionType::pause:
      if (!a.until) return invalid(f("until"), "is required");
      if (*a.until <= a.date) return invalid(f("until"), "must be after the pause's date");
      break;
    default:
      break;
  }
  (void)h;
  return {};
}

}  // namespace

Status validate_history(const CaseHistory& h, const LawTable& law) {
  if (h.claims.empty()) return invalid("claims", "a case needs at least one claim");
  for (size_t i = 0; i < h.claims.size(); ++i) {
    const Claim& c = h.claims[i];
    if (!c.amount.is_positive()) return invalid(at("claims", i, "amount"), "must be positive");
    if (c.due_date < c.invoice_date)
      return invalid(at("claims", i, "due_date"), "is before the invoice date");
  }
  if (h.interest.kind == InterestKind::fixed) {
    if (h.debtor != DebtorKind::company)
      return invalid("interest.kind",
                     "an agreed fixed rate is only for business debtors; use procesrente");
    if (h.interest.fixed_rate_bp <= 0 || h.interest.fixed_rate_bp > 10'000)
      return invalid("interest.annual_rate", "must be more than 0 and at most 100");
  }
  // Credit notes: per claim, never more than the claim itself. Claims and credit notes are
  // few, so summing the earlier notes again beats allocating a table on this hot path.
  for (size_t i = 0; i < h.credit_notes.size(); ++i) {
    const CreditNote& n = h.credit_notes[i];
    if (!n.amount.is_positive())
      return invalid(at("credit_notes", i, "amount"), "must be positive");
    size_t target = credit_note_target(h, n);
    if (target == h.claims.size())
      return invalid(at("credit_notes", i, "ref"), "names no claim of the case");
    if (n.date < h.claims[target].invoice_date)
      return invalid(at("credit_notes", i, "date"), "is before the claim's invoice date");
    Money credited = n.amount;
    for (size_t j = 0; j < i; ++j)
      if (credit_note_target(h, h.credit_notes[j]) == target) credited += h.credit_notes[j].amount;
    if (credited > h.claims[target].amount)
      return invalid(at("credit_notes", i, "amount"), "credits more than the claim");
  }
  for (size_t i = 0; i < h.payments.size(); ++i)
    if (!h.payments[i].amount.is_positive())
      return invalid(at("payments", i, "amount"), "must be positive");
  for (size_t i = 0; i < h.actions.size(); ++i) {
    if (i > 0 && h.actions[i].date < h.actions[i - 1].date)
      return invalid(at("actions", i, "date"), "is before the previous action's date");
    if (auto st = validate_action(h, h.actions[i], i); !st) return st;
  }
  (void)law;
  return {};
}

}  // namespace inkasso
