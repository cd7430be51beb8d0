#include "core/law_table.h"

#include <algorithm>

namespace inkasso {

namespace {

LawTable make_default() {
  LawTable t;
  // legal.md, "Reference rate table (percent)"; 2015-07-01 to 2021-01-01 are all 0.05.
  // The whole table is marked unconfirmed there (one source).
  struct Row {
    int y, m;
    int32_t bp;
  };
  const Row rows[] = {
      {2013, 1, 20},  {2013, 7, 20},  {2014, 1, 20},  {2014, 7, 20},  {2015, 1, 20},
      {2015, 7, 5},   {2016, 1, 5},   {2016, 7, 5},   {2017, 1, 5},   {2017, 7, 5},
      {2018, 1, 5},   {2018, 7, 5},   {2019, 1, 5},   {2019, 7, 5},   {2020, 1, 5},
      {2020, 7, 5},   {2021, 1, 5},   {2021, 7, -35}, {2022, 1, -45}, {2022, 7, -45},
      {2023, 1, 190}, {2023, 7, 325}, {2024, 1, 375}, {2024, 7, 350}, {2025, 1, 275},
      {2025, 7, 175}, {2026, 1, 175}, {2026, 7, 200},
  };
  for (const Row& r : rows) t.reference_rates.push_back({Date::ymd(r.y, r.m, 1), r.bp, false});
  t.rebuild_half_years();
  return t;
}

}  // namespace

const LawTable& default_law_table() {
  static const LawTable table = make_default();
  return table;
}

std::optional<LawTable::RateLookup> LawTable::reference_rate_on(Date day) const {
  // Rows are few (two a year) and sorted; search from the end, where evaluations mostly land.
  for (auto it = reference_rates.rbegin(); it != reference_rates.rend(); ++it) {
    if (it->from <= day) {
      bool beyond = day >= reference_rates_known_until();
      return RateLookup{it->rate_bp, it->confirmed && !beyond};
    }
  }
  return std::nullopt;
}

void LawTable::rebuild_half_years() {
  std::sort(reference_rates.begin(), reference_rates.end(),
            [](const ReferenceRate& a, const ReferenceRate& b) { return a.from < b.from; });
  half_years.clear();
  for (int y = 1990; y <= 2100; ++y) {
    for (int m : {1, 7}) {
      Date start = Date::ymd(y, m, 1);
      auto rate = reference_rate_on(start);
      half_years.push_back({start, rate ? rate->rate_bp : 0, rate.has_value(),
                            rate ? rate->confirmed : false, static_cast<int16_t>(days_in_year(y))});
    }
  }
}

size_t LawTable::half_year_index(Date day) const {
  // Half years are 181 to 184 days long: estimate from the day count, then correct by at most
  // a step either way. No calendar conversion: this sits on the interest hot path.
  INKASSO_ASSERT(!half_years.empty() && day >= half_years.front().start);
  int32_t offset = day - half_years.front().start;
  size_t i = static_cast<size_t>(offset / 183);
  if (i >= half_years.size()) i = half_years.size() - 1;
  while (i > 0 && half_years[i].start > day) --i;
  while (i + 1 < half_years.size() && half_years[i + 1].start <= day) ++i;
  INKASSO_ASSERT(i + 1 < half_years.size());  // the last row is only an end marker
  return i;
}

Date LawTable::reference_rates_known_until() const {
  if (reference_rates.empty()) return Date();
  return reference_rates.back().from.add_months(6);
}

}  // namespace inkasso
