#include "app/bank_account.h"

#include <algorithm>

#include "app/context.h"

namespace inkasso {

namespace {

std::string without_spaces(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ') out += c;
  return out;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Status normalize_optional_bank_account(std::string& reg_no, std::string& account_no,
                                       std::string_view field_prefix) {
  const std::string reg = without_spaces(reg_no);
  const std::string account = without_spaces(account_no);
  if (reg.empty() && account.empty()) {
    reg_no.clear();
    account_no.clear();
    return {};
  }
  const std::string prefix(field_prefix);
  // Half an account: say what is missing, not that the empty field has too many digits.
  if (reg.empty())
    return invalid(prefix + "reg_no",
                   "Skriv også registreringsnummeret (4 cifre), eller lad begge felter stå tomme.");
  if (account.empty())
    return invalid(prefix + "account_no",
                   "Skriv også kontonummeret, eller lad begge felter stå tomme.");
  if (!all_digits(reg) || reg.size() != 4)
    return invalid(prefix + "reg_no", "Registreringsnummeret skal være 4 cifre.");
  if (!all_digits(account) || account.size() > 10)
    return invalid(prefix + "account_no", "Kontonummeret skal være højst 10 cifre.");
  reg_no = reg;
  account_no = account;
  return {};
}

}  // namespace inkasso
