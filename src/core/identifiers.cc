#include "core/identifiers.h"

#include <array>

namespace inkasso {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
int digit(char c) {
  return c - '0';
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// The ten digits of a CPR number of either accepted shape, or false if it has neither.
bool cpr_digits(std::string_view cpr, std::array<char, 10>& out) {
  std::string_view date_part, serial;
  if (cpr.size() == 10) {
    date_part = cpr.substr(0, 6);
    serial = cpr.substr(6);
  } else if (cpr.size() == 11 && cpr[6] == '-') {
    date_part = cpr.substr(0, 6);
    serial = cpr.substr(7);
  } else {
    return false;
  }
  if (!all_digits(date_part) || !all_digits(serial)) return false;
  for (size_t i = 0; i < 6; ++i) out[i] = date_part[i];
  for (size_t i = 0; i < 4; ++i) out[6 + i] = serial[i];
  return true;
}

// The century of a CPR birth year from the 7th digit and the two-digit year, or 0 for the
// 1800s, which Date cannot hold.
int cpr_century(int seventh_digit, int yy) {
  if (seventh_digit <= 3) return 1900;
  if (seventh_digit == 4 || seventh_digit == 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 0;
}

Error bad_cpr(const char* why) {
  // The input is deliberately left out of the message: a CPR number must never be logged.
  return make_error("invalid_cpr", std::string("invalid CPR number: ") + why);
}

}  // namespace

bool is_valid_cvr(std::string_view cvr) {
  static constexpr int kWeights[8] = {2, 7, 6, 5, 4, 3, 2, 1};
  if (cvr.size() != 8 || !all_digits(cvr) || cvr[0] == '0') return false;
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) sum += kWeights[i] * digit(cvr[i]);
  return sum % 11 == 0;
}

Result<Date> cpr_birth_date(std::string_view cpr) {
  std::array<char, 10> d{};
  if (!cpr_digits(cpr, d)) return bad_cpr("expected DDMMYY-SSSS or DDMMYYSSSS");
  const int day = digit(d[0]) * 10 + digit(d[1]);
  const int month = digit(d[2]) * 10 + digit(d[3]);
  const int yy = digit(d[4]) * 10 + digit(d[5]);
  const int century = cpr_century(digit(d[6]), yy);
  if (century == 0) return bad_cpr("born in the 1800s, which is not supported");
  auto date = Date::from_ymd(century + yy, month, day);
  // Date's own message would quote the birth date, so it is replaced.
  if (!date) return bad_cpr("the first six digits are not a date");
  return date;
}

bool is_valid_cpr(std::string_view cpr) {
  return cpr_birth_date(cpr).ok();
}

std::string mask_cpr(std::string_view cpr) {
  std::array<char, 10> d{};
  if (!cpr_digits(cpr, d)) return "XXXXXX-XXXX";
  return std::string(d.data(), 6) + "-XXXX";
}

int luhn_check_digit(std::string_view digits14) {
  INKASSO_ASSERT(digits14.size() == 14 && all_digits(digits14));
  int sum = 0;
  for (size_t i = 0; i < 14; ++i) {
    // Weight 1 on the first digit, 2 on the second, and so on alternating.
    int product = digit(digits14[i]) * (i % 2 == 0 ? 1 : 2);
    sum += product >= 10 ? product - 9 : product;
  }
  return (10 - sum % 10) % 10;
}

Result<std::string> fi_payer_id(uint64_t reference) {
  if (reference > kFiReferenceMax) {
    return make_error("invalid_reference", "reference " + std::to_string(reference) +
                                               " does not fit the 14 digits of an FI payer id");
  }
  std::string id(15, '0');
  // At most 14 digits (checked above), written from the right into the zero-padded id.
  for (size_t i = 13; reference > 0; --i, reference /= 10) {
    id[i] = static_cast<char>('0' + reference % 10);
  }
  id[14] = static_cast<char>('0' + luhn_check_digit(std::string_view(id).substr(0, 14)));
  return id;
}

bool is_valid_fi_payer_id(std::string_view payer_id) {
  if (payer_id.size() != 15 || !all_digits(payer_id)) return false;
  return luhn_check_digit(payer_id.substr(0, 14)) == digit(payer_id[14]);
}

Result<std::string> fi_payment_line(uint64_t reference, std::string_view creditor_number) {
  if (creditor_number.size() != 8 || !all_digits(creditor_number)) {
    return make_error("invalid_creditor_number", "an FI creditor number is exactly 8 digits",
                      "creditor_number");
  }
  auto payer_id = fi_payer_id(reference);
  if (!payer_id) return payer_id.error();
  return "+71<" + *payer_id + "+" + std::string(creditor_number) + "<";
}

}  // namespace inkasso
