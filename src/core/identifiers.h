// Danish identifiers and the FI payment line (legal.md, "Payment lines and identifiers").
//
// CPR numbers are sensitive personal data: no function here puts one, or any part of one, into
// an error message, and mask_cpr is the only way one should reach a screen, a letter or a log.
// All functions are pure and safe to call from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace inkasso {

// CVR (company) number: exactly 8 digits, the first not 0, whose weighted sum with the weights
// 2,7,6,5,4,3,2,1 is divisible by 11. No spaces or other characters are accepted.
bool is_valid_cvr(std::string_view cvr);

// The birth date in a CPR number written "DDMMYYSSSS" or "DDMMYY-SSSS". The century comes from
// the 7th digit (the first of SSSS): 0-3 → 1900s; 4 and 9 → 2000s if YY <= 36, else 1900s;
// 5-8 → 2000s if YY <= 57, else 1800s, which is refused because Date starts at 1900.
// The modulus-11 check is deliberately not applied: numbers issued since 2007 may fail it.
// Errors have code "invalid_cpr" and never quote the input.
Result<Date> cpr_birth_date(std::string_view cpr);

// True when cpr_birth_date succeeds.
bool is_valid_cpr(std::string_view cpr);

// "DDMMYY-XXXX" for a CPR number of either accepted shape (the date need not be valid). Anything
// else becomes "XXXXXX-XXXX": when the input is malformed we cannot tell which part of it is
// sensitive, so none of it is shown.
std::string mask_cpr(std::string_view cpr);

// The modulus-10 (Luhn) check digit of the 14 digits of an FI payer id: weights 1,2,1,2,... from
// the left, a product of 10 or more counts as the product minus 9, and the check digit is
// (10 - sum mod 10) mod 10. `digits14` must be exactly 14 decimal digits (asserted).
int luhn_check_digit(std::string_view digits14);

// The largest reference that fits the 14 digits of an FI payer id.
inline constexpr uint64_t kFiReferenceMax = 99'999'999'999'999;

// The 15-digit payer id of an FI card type 71 payment line: the reference zero-padded to 14
// digits and its check digit. Error "invalid_reference" above kFiReferenceMax.
Result<std::string> fi_payer_id(uint64_t reference);

// True for exactly 15 digits whose last is the check digit of the first 14.
bool is_valid_fi_payer_id(std::string_view payer_id);

// The FI card type 71 payment line "+71<" + payer id + "+" + creditor number + "<", for example
// "+71<026840149965328+12345678<". Errors: "invalid_reference" as fi_payer_id, and
// "invalid_creditor_number" (field "creditor_number") unless the creditor number is exactly
// 8 digits.
Result<std::string> fi_payment_line(uint64_t reference, std::string_view creditor_number);

}  // namespace inkasso
