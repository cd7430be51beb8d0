// The case engine: from a case's history and a date ("as of"), everything a creditor needs to
// know that day: what the debtor owes (principal, fees, interest), how payments were
// allocated, which step comes next and when, and what the law made it cap.
//
// Pure and deterministic: no I/O, no clock. Events dated after `as_of` are ignored, so
// evaluating an older date shows the case as it stood then.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/case_model.h"
#include "core/fees.h"
#include "core/law_table.h"
#include "core/result.h"

namespace inkasso {

enum class Flow { track, payment_agreement, settlement, court, closed, paid };
std::string_view to_string(Flow f);

struct NextAction {
  ActionType type;
  Date date;
};

struct Allocation {
  Money interest;
  Money fees;
  Money principal;
};

struct Outstanding {
  Money principal;
  Money fees;
  Money interest;
  Money total() const { return principal + fees + interest; }
};

// The open payment agreement, when the case has one.
struct AgreementStatus {
  Date agreed_on;
  Money instalment;
  bool interest_free = false;
  bool defaulted = false;
  std::optional<Date> missed_date;      // the first instalment (or down payment) not covered
  std::optional<Date> next_instalment;  // the next date a payment falls due
  Money paid_since_agreement;
  Money due_so_far;  // what should have been paid by as_of (after grace)
};

// The latest settlement offer, when the case has one.
struct SettlementStatus {
  Date offered_on;
  Date deadline;
  int32_t discount_bp = 0;
  Money total_at_offer;
  Money offered_amount;
  Money paid_towards;  // payments after the offer, up to its deadline
  bool accepted = false;
  bool fulfilled = false;
  bool lapsed = false;  // the deadline passed without the offered amount paid
};

struct CaseState {
  Date as_of;
  Flow flow = Flow::track;
  Track track = Track::standard;  // the track in force (after any track change)
  Money principal;                // claims less credit notes
  Money fees;                     // every fee and cost lawfully claimed (after adjustments)
  Money interest;                 // all interest accrued to as_of
  Money paid;                     // all payments to as_of
  Allocation allocated;
  Outstanding outstanding;
  Money overpaid;     // paid beyond everything owed: to refund
  Money written_off;  // given up: a fulfilled settlement's discount, or at closing
  std::optional<NextAction> next_action;
  bool follow_up_due = false;
  std::vector<Adjustment> adjustments;
  std::optional<Date> interest_from;  // the first day any claim bears interest
  std::optional<Date> paused_until;   // an active pause
  std::optional<AgreementStatus> agreement;
  std::optional<SettlementStatus> settlement;
};

// Checks the history's own consistency (amounts positive, credit notes naming a claim, actions
// in date order, the fields each action type needs) without evaluating it.
Status validate_history(const CaseHistory& history, const LawTable& law = default_law_table());

// Evaluates the case on `as_of`. Fails only on an invalid history (see validate_history) or a
// date the law table has no interest rate for.
Result<CaseState> evaluate(const CaseHistory& history, Date as_of,
                           const LawTable& law = default_law_table());

}  // namespace inkasso
