// Calculators for the creditor's offers, built on the engine so that every figure they show is
// the figure the case will have: a payment agreement's schedule (with the suggested instalment)
// and a settlement offer's quote. Plus the plan of remaining steps.
#pragma once

#include <optional>
#include <vector>

#include "core/case_model.h"
#include "core/engine.h"
#include "core/law_table.h"
#include "core/result.h"

namespace inkasso {

struct AgreementTerms {
  Date agreed_on;
  Money instalment;
  Date first_date;
  Money down_payment;
  std::optional<Date> down_date;
  bool interest_free = false;
};

struct ScheduleRow {
  int number = 0;  // 0: the down payment; 1, 2, ...: the instalments
  Date date;
  Money amount;
  Money interest;  // of the amount: what goes to interest, fees and principal
  Money fees;
  Money principal;
  Money remaining;  // still owed after this payment
};

struct AgreementSchedule {
  AgreementTerms terms;
  Money debt_at_start;  // outstanding total on the agreement's date
  std::vector<ScheduleRow> rows;
  Date last_date;
  int instalments = 0;
  Money total_paid;
  Money total_interest;  // interest accrued from the agreement's date to the last payment
  std::optional<int32_t> annual_rate_bp;  // the rate at the start (none when interest-free)
};

// The full schedule if the debtor pays exactly as agreed. Fails when the terms are invalid, the
// instalment does not even cover the interest, or the schedule would run past 50 years.
Result<AgreementSchedule> agreement_schedule(const CaseHistory& history,
                                             const AgreementTerms& terms,
                                             const LawTable& law = default_law_table());

// The smallest instalment, in whole tens of kroner and at least `minimum`, that pays the debt
// in at most `months` instalments (law.agreement_months_suggested when 0).
Result<Money> suggest_instalment(const CaseHistory& history, AgreementTerms terms, int months = 0,
                                 Money minimum = Money::zero(),
                                 const LawTable& law = default_law_table());

// The first instalment's suggested date: the 1st of the month after next when the agreement is
// made after the 15th, otherwise the 1st of next month (at least two weeks to arrange payment).
Date suggest_first_instalment_date(Date agreed_on);

struct SettlementQuote {
  Date offered_on;
  Date deadline;
  int32_t discount_bp = 0;
  Money total;           // owed on the offer's date
  Money offered_amount;  // to pay by the deadline
  Money saving;          // total − offered amount
  Date court_date;       // the date the court comparison is made for
  Money court_fee;
  Money total_if_court;  // owed on court_date with further interest, plus the court fee
};

// `discount_bp` 0 means the law table's default (20 %); no deadline: the default days; no
// court date: 30 days after the deadline.
Result<SettlementQuote> settlement_quote(const CaseHistory& history, Date offered_on,
                                         int32_t discount_bp = 0,
                                         std::optional<Date> deadline = std::nullopt,
                                         std::optional<Date> court_date = std::nullopt,
                                         const LawTable& law = default_law_table());

struct PlannedStep {
  Action action;                 // as the product would create it (fees at their lawful default)
  Money total_after;             // owed on its date once the step's fees are added
  std::optional<Error> refusal;  // the step is due but the law forbids it (the plan ends there)
};

// Every remaining suggested step with its date, assuming the debtor pays nothing: each step is
// taken on its suggested date (a step already overdue is taken on `as_of`).
Result<std::vector<PlannedStep>> plan_remaining_steps(const CaseHistory& history, Date as_of,
                                                      const LawTable& law = default_law_table());

}  // namespace inkasso
