// The law table: every legal figure the engine uses, in one place, each naming its rule in
// ../shared/spec/legal.md. A change of law is one edit here (or, for the reference rate, one
// new row that an administrator of the installation adds at run time).
//
// Product conventions where the law leaves a choice (grace days, default deadlines) sit at the
// end, marked as such.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/date.h"
#include "core/money.h"

namespace inkasso {

// Nationalbanken's lending rate as it stood on 1 January or 1 July; it holds for that half year
// (renteloven § 5). `confirmed` is false where legal.md marks the figure unconfirmed: the
// product shows such rates to the creditor as unconfirmed.
struct ReferenceRate {
  Date from;        // always a 1 January or 1 July
  int32_t rate_bp;  // basis points, may be negative (−45 = −0.45 %)
  bool confirmed;
};

struct LawTable {
  // Renteloven § 9 b, stk. 1: at most 100 kr. a reminder, at most 3 fee-bearing reminders for
  // the same debt, at least 10 days between two fee-bearing reminders.
  Money reminder_fee_max = Money::from_kroner(100);
  int fee_bearing_reminders_max = 3;
  int reminder_fee_spacing_days_min = 10;

  // Renteloven § 9 a, stk. 3 with bek. 601/2002 § 2, stk. 2: 310 kr. once per overdue claim,
  // business debtors only.
  Money compensation_per_claim = Money::from_kroner(310);

  // Renteloven § 5: procesrente = reference rate + 8 percentage points, + 7 for claims that
  // fell due before 1 March 2013.
  int32_t procesrente_surcharge_bp = 800;
  int32_t procesrente_surcharge_before_2013_bp = 700;
  Date surcharge_change_date = Date::ymd(2013, 3, 1);
  // Product default, as the manual: interest runs from the 31st day after the due date
  // (renteloven § 3, stk. 2: 30 days after the demand); "agreed in advance": from the due date.
  int interest_start_days_after_due = 31;

  std::vector<ReferenceRate> reference_rates;

  // The calendar cut into half years (1 January, 1 July) from 1990 to 2100, each with the
  // reference rate in force (if any) and its year's length: the interest code walks these
  // instead of converting dates. Rebuilt by rebuild_half_years() after reference_rates change.
  struct HalfYear {
    Date start;
    int32_t rate_bp;
    bool has_rate;
    bool confirmed;
    int16_t days_in_year;
  };
  std::vector<HalfYear> half_years;
  void rebuild_half_years();
  // Index into half_years of the half year holding `day` (asserts 1990 <= year <= 2100).
  size_t half_year_index(Date day) const;

  // Inkassoloven § 10: the collection notice gives at least 10 days from sending before
  // further collection steps (and court steps) may follow.
  int collection_notice_days_min = 10;

  // Retsplejeloven kap. 44 a: a payment order (betalingspåkrav) for claims up to 100,000 kr.;
  // the debtor has 14 days to object.
  Money payment_order_principal_max = Money::from_kroner(100'000);
  int payment_order_objection_days = 14;

  // Retsafgiftsloven (lov 425/2021, from 2021-10-01): betalingspåkrav 750 kr. flat; fogedsag
  // 750 kr.; civil case 750 kr. up to 100,000 kr., 1,500 kr. above.
  Money court_fee_payment_order = Money::from_kroner(750);
  Money court_fee_enforcement = Money::from_kroner(750);
  Money court_fee_civil_small = Money::from_kroner(750);
  Money court_fee_civil_large = Money::from_kroner(1500);
  Money court_fee_civil_limit = Money::from_kroner(100'000);

  // Forældelsesloven: 3 years from the due date in general, 10 years with a fundament.
  int limitation_years = 3;
  int limitation_years_with_fundament = 10;

  // --- Product conventions (not law) ---
  // A missed instalment counts as missed once this many days have passed after its date
  // without payment (a bank transfer can take a couple of banking days).
  int agreement_grace_days = 3;
  // The warning of termination gives the debtor this many days before termination is proposed.
  int agreement_termination_notice_days = 10;
  // Settlement offers: 20 % off by default (the manual), payable within 14 days.
  int32_t settlement_discount_bp_default = 2000;
  int settlement_deadline_days_default = 14;
  // Payment agreements are suggested so the debt is paid within 12 months (the manual).
  int agreement_months_suggested = 12;

  // The rate in force on `day`: the row with the latest `from` not after `day`. Days before
  // the first row have no rate (std::nullopt). Days after the last row's half year keep the
  // last rate, which is then reported as unconfirmed (an administrator must add the new one).
  struct RateLookup {
    int32_t rate_bp;
    bool confirmed;
  };
  std::optional<RateLookup> reference_rate_on(Date day) const;
  // The first day the last known row stops being authoritative (its half year's end + 1).
  Date reference_rates_known_until() const;
};

// The built-in table as of legal.md.
const LawTable& default_law_table();

}  // namespace inkasso
