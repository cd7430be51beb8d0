// A Danish bank account given as payment details: a registration number (reg.nr., 4 digits) and
// an account number (kontonr., 1 to 10 digits). Used where an account may be left out: the
// installation's account for court fees (court_fees.h) and each court's own (courts.h).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace inkasso {

// Removes the spaces a form may carry ("0216 4069134726" is common) and checks the pair: both
// empty (not known) or a valid reg.nr. and kontonr. Invalid input names the field
// `<prefix>reg_no` or `<prefix>account_no`, with a Danish message; the strings are then as given.
Status normalize_optional_bank_account(std::string& reg_no, std::string& account_no,
                                       std::string_view field_prefix = "");

}  // namespace inkasso
