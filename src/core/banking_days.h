// Danish banking days: the days on which a bank transfer is executed, and therefore the days on
// which we may set a payment date or send something "on a banking day" (legal.md, "Banking
// days").
//
// A banking day is a weekday that is not one of these holidays: 1 January, Maundy Thursday
// (Easter -3), Good Friday (-2), Easter Monday (+1), Ascension Day (+39), the Friday after
// Ascension (+40), Whit Monday (+50), 5 June, 24, 25, 26 and 31 December, and, until 2023
// inclusive, Store bededag (Easter +26), which was abolished from 2024.
//
// All functions are pure, allocate nothing and are safe to call from any thread. They are meant
// for hot loops: each works out the holidays of a year with a few integer operations, and the
// stepping functions do that once per calendar year they touch, not once per day. Dates must
// lie in the Gregorian calendar (from 1583); Date's own range (1900..9999) is well inside it.
#pragma once

#include "core/date.h"

namespace inkasso {

// Easter Sunday of `year` (Gregorian computus). Asserts year >= 1583.
Date easter_sunday(int year);

// False on Saturdays, Sundays and the holidays above.
bool is_banking_day(Date date);

// `date` itself if it is a banking day, else the first banking day after it.
Date next_banking_day(Date date);

// `date` itself if it is a banking day, else the last banking day before it.
Date previous_banking_day(Date date);

// The n-th banking day after `date` (n > 0) or before it (n < 0); `date` itself is never
// counted, so Friday + 1 is the following Monday and Saturday + 1 is also that Monday (when the
// Monday is a banking day). n == 0 returns `date` unchanged even if it is not a banking day:
// use next_banking_day or previous_banking_day to land on one.
Date add_banking_days(Date date, int n);

// The last banking day of the month that `any_day_in_month` lies in.
Date last_banking_day_of_month(Date any_day_in_month);

}  // namespace inkasso
