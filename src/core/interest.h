// Interest exactly as legal.md's "interest computation convention":
//  - interest from date a to date b covers the days a+1 ... b;
//  - each day accrues principal × annual rate / days in that year, at the rate of the half
//    year the day falls in;
//  - sums are kept exact (øre × basis points × days, in __int128, over a common denominator
//    for 365- and 366-day years) and rounded half-up to whole øre once, at the event that
//    ends the period.
// Interest accrues on principal only: never on interest, fees or costs.
#pragma once

#include <cstdint>

#include "core/case_model.h"
#include "core/law_table.h"
#include "core/result.h"

namespace inkasso {

// The exact interest of a period, in øre × kInterestDenominator. Summing these and rounding
// once (round_interest) is the convention's "summed exactly and rounded once".
using InterestExact = __int128;
// 10,000 basis points × 365 × 366: one day at `bp` in a 365-day year contributes
// principal × bp × 366, in a 366-day year principal × bp × 365.
inline constexpr int64_t kInterestDenominator = 10'000LL * 365 * 366;

// Half-up rounding to whole øre of a non-negative exact amount.
Money round_interest(InterestExact exact);

// How one claim's interest rate is found on a given day.
struct ClaimRate {
  InterestKind kind = InterestKind::procesrente;
  int32_t fixed_bp = 0;  // kind == fixed
  int32_t surcharge_bp =
      0;  // kind == procesrente: +800 bp, or +700 for claims due before 2013-03-01
};

ClaimRate claim_rate(const LawTable& law, const InterestSettings& settings, Date due_date);

// The first day on which a claim bears interest under `settings` (see InterestStart).
Date first_interest_day(const LawTable& law, const InterestSettings& settings, Date due_date);

// Exact interest on `principal` for the days after `from` up to and including `to`
// (zero when to <= from). Fails only for procesrente days before the law table's first
// reference rate (1 January 2013).
Result<InterestExact> accrue_interest(const LawTable& law, const ClaimRate& rate, Money principal,
                                      Date from, Date to);

}  // namespace inkasso
