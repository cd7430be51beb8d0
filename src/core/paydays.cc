#include "core/paydays.h"

#include <algorithm>

#include "core/banking_days.h"

namespace inkasso {

std::vector<Payday> next_paydays(Date from, int count) {
  std::vector<Payday> out;
  if (count <= 0) return out;
  // Enough months ahead for `count` dates: at least one salary day a month.
  Date month = Date::ymd(from.year(), from.month(), 1);
  for (int i = 0; static_cast<int>(out.size()) < count + 2 && i < count + 2; ++i) {
    Date first = month.add_months(i);
    Date salary = last_banking_day_of_month(first);
    if (salary >= from) out.push_back(Payday{salary, PaydayKind::salary});
    if (first.month() % 3 == 1) {  // January, April, July, October
      Date twentieth = Date::ymd(first.year(), first.month(), 20);
      Date paid = previous_banking_day(twentieth);
      if (paid >= from) out.push_back(Payday{paid, PaydayKind::child_benefit});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Payday& a, const Payday& b) { return a.date < b.date; });
  if (static_cast<int>(out.size()) > count) out.resize(static_cast<size_t>(count));
  return out;
}

}  // namespace inkasso
