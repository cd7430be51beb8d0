// What every page handler needs to turn use-case data into view models and form input into
// commands: Danish formatting of money and dates, parsing of what people type, and the state of
// a form being shown again with its errors.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"
#include "web/http.h"

namespace inkasso::web {

// "1.477,50 kr."
std::string format_kr(Money m);
// "01-11-2018", as the manual writes dates (dd-mm-åååå).
std::string format_date(Date d);
std::string format_date(const std::optional<Date>& d);  // "" for none
// A Unix time as "23-11-2026 14:05" in Danish time.
std::string format_time(int64_t unix_seconds);

// Percentages are held as basis points (1 % = 100).
// "12,5", "20": a discount, as short as it is exact (no "%").
std::string format_percent_short(int32_t basis_points);
// "8,05", "10,00": an interest rate, always with two decimals, as rates are quoted (no "%").
std::string format_rate(int32_t basis_points);
// A percentage as typed: "8", "8,05", "8.5", "8,05 %": at most three whole digits and two
// decimals; nullopt otherwise. The caller checks the range that makes sense for it.
std::optional<int32_t> parse_percent(std::string_view typed);

// A date as typed: "2026-11-23" (an <input type=date>), "23-11-2026", "23.11.2026",
// "23/11/2026". The error message is Danish.
Result<Date> parse_date_input(std::string_view text);
// An amount as typed: "1.500,00", "1500", "1500,5" (Money::parse_danish); Danish error.
Result<Money> parse_money_input(std::string_view text);
// A whole number as typed (page numbers, ids); nullopt when not one.
std::optional<int64_t> parse_int(std::string_view text);

// A form shown again after an error: the values typed (mstch "v.<field>") and the errors beside
// the fields ("e.<field>"), plus "has_errors". Templates write
//   <input name="name" value="{{v.name}}"> {{#e.name}}<p
//   class="field-error">{{e.name}}</p>{{/e.name}}
class FormState {
 public:
  // Every field of the request's form as a value (the first of repeated names).
  void fill_from(const Request& req);
  void set(const std::string& field, std::string value);
  void error(const std::string& field, std::string message);
  bool has_errors() const { return !errors_.empty(); }
  // data["v"], data["e"], data["has_errors"].
  void put_into(mstch::map& data) const;

 private:
  mstch::map values_;
  mstch::map errors_;
};

}  // namespace inkasso::web
