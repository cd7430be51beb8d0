// How letters write dates, rates and percentages: "23. november 2026" in running text,
// "23-11-2026" in tables, "10,00 %" for an annual rate. Amounts use Money::to_kr()
// ("1.477,50 kr.") everywhere.
#pragma once

#include <cstdint>
#include <string>

#include "core/date.h"

namespace inkasso {

std::string long_date(Date d);   // "23. november 2026"
std::string short_date(Date d);  // "23-11-2026"
// An annual rate in basis points: 1000 → "10,00 %", -45 → "-0,45 %" (a no-break space before %).
std::string rate_text(int32_t bp);
// A discount in basis points without needless decimals: 2000 → "20", 1250 → "12,5".
std::string percent_number(int32_t bp);

}  // namespace inkasso
