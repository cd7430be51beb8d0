// The days Danish debtors commonly get money, for batch follow-up's advice to send letters when
// a debtor can pay (seed 002: "Det er en fordel at sende skrivelser på dage, hvor skyldner
// typisk modtager penge, fx løn, børnepenge, skat eller feriepenge").
//
//  - Salary, state pension (folkepension) and SU are paid on the last banking day of the month
//    (salary for the month; Udbetaling Danmark pays pension on the last banking day before the
//    month it is for).
//  - Børne- og ungeydelse ("børnepenge") is paid quarterly on the 20th of January, April, July
//    and October; when that is no banking day, the banking day before.
// Pure: the dates come from the banking-day calendar (banking_days.h), nothing is read.
#pragma once

#include <vector>

#include "core/date.h"

namespace inkasso {

enum class PaydayKind { salary, child_benefit };

struct Payday {
  Date date;
  PaydayKind kind;
};

// The next `count` paydays on or after `from`, in date order (a day that is both is listed once
// per kind).
std::vector<Payday> next_paydays(Date from, int count);

}  // namespace inkasso
