#include "core/interest.h"

namespace inkasso {

Money round_interest(InterestExact exact) {
  INKASSO_ASSERT(exact >= 0);
  // Nearly every real sum fits 64 bits (a million kroner for a year is ~1.6e16); dividing in
  // 64 bits there avoids the slow 128-bit division.
  if (exact <= INT64_MAX - kInterestDenominator)
    return Money::from_ore((static_cast<int64_t>(exact) + kInterestDenominator / 2) /
                           kInterestDenominator);
  InterestExact ore = (exact + kInterestDenominator / 2) / kInterestDenominator;
  INKASSO_ASSERT(ore <= Money::kMaxAbsOre * 1000);
  return Money::from_ore(static_cast<int64_t>(ore));
}

ClaimRate claim_rate(const LawTable& law, const InterestSettings& settings, Date due_date) {
  ClaimRate r;
  r.kind = settings.kind;
  r.fixed_bp = settings.fixed_rate_bp;
  r.surcharge_bp = due_date < law.surcharge_change_date ? law.procesrente_surcharge_before_2013_bp
                                                        : law.procesrente_surcharge_bp;
  return r;
}

Date first_interest_day(const LawTable& law, const InterestSettings& settings, Date due_date) {
  return settings.from == InterestStart::due_date ? due_date + 1
                                                  : due_date + law.interest_start_days_after_due;
}

Result<InterestExact> accrue_interest(const LawTable& law, const ClaimRate& rate, Money principal,
                                      Date from, Date to) {
  if (to <= from || rate.kind == InterestKind::none || principal.ore() <= 0) return 0;
  size_t i = law.half_year_index(from + 1);
  InterestExact sum = 0;
  Date day = from + 1;
  while (day <= to) {
    const LawTable::HalfYear& h = law.half_years[i];
    Date last_in_half = law.half_years[i + 1].start - 1;
    Date end = to < last_in_half ? to : last_in_half;
    int32_t bp;
    if (rate.kind == InterestKind::fixed) {
      bp = rate.fixed_bp;
    } else {
      if (!h.has_rate)
        return make_error("no_reference_rate", "no reference rate is known for " + day.to_iso() +
                                                   " (the table starts 2013)");
      bp = h.rate_bp + rate.surcharge_bp;
    }
    int64_t other_year_len = h.days_in_year == 365 ? 366 : 365;
    sum += static_cast<InterestExact>(principal.ore()) * bp * (end - day + 1) * other_year_len;
    day = end + 1;
    ++i;
  }
  return sum;
}

}  // namespace inkasso
