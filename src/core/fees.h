// Fees: which reminder fees, compensation and court fees a history lawfully claims.
//
// A creditor using the product cannot create an unlawful fee (rules.h refuses it), but a case
// imported from elsewhere may hold one. Such amounts are not rejected: they are reduced to
// what the law allows and each reduction is listed, so the debtor is never charged more than
// the law permits and the creditor sees why.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/case_model.h"
#include "core/law_table.h"

namespace inkasso {

struct Fee {
  Date date;
  Money amount;
  size_t action_index;
};

// An amount the engine reduced. Only the facts are kept; adjustment_message (rules.h) words them
// in Danish when they are shown, so that evaluating a case builds no text.
struct Adjustment {
  size_t action_index;     // into CaseHistory::actions
  std::string_view field;  // "fee" or "compensation"
  Money claimed;
  Money allowed;
  std::string_view rule;  // the rule id (rules.h)
  std::optional<Date>
      rule_date;  // the date the rule refers to (due date, last fee-bearing reminder)
};

struct FeeAssessment {
  std::vector<Fee> fees;  // in date order
  std::vector<Adjustment> adjustments;
  int fee_bearing_reminders = 0;
  std::optional<Date> last_fee_bearing_reminder;
};

// Assesses the actions dated on or before `as_of` (all of them when as_of is not given).
FeeAssessment assess_fees(const CaseHistory& history, std::optional<Date> as_of,
                          const LawTable& law);
// The same, into `out`, reusing its capacity (the engine's hot path).
void assess_fees_into(const CaseHistory& history, std::optional<Date> as_of, const LawTable& law,
                      FeeAssessment& out);

// The claims a compensation fee on `date` would cover: overdue on that date and not yet
// compensated by an earlier action in `history` (dated up to `date`).
int claims_open_for_compensation(const CaseHistory& history, Date date);

}  // namespace inkasso
