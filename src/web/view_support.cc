#include "web/view_support.h"

#include <fmt/format.h>

#include <charconv>

#include "app/local_time.h"
#include "core/text.h"

namespace inkasso::web {

std::string format_kr(Money m) {
  return m.to_kr();
}

std::string format_date(Date d) {
  auto p = d.parts();
  return fmt::format("{:02}-{:02}-{:04}", p.day, p.month, p.year);
}

std::string format_date(const std::optional<Date>& d) {
  return d ? format_date(*d) : std::string();
}

std::string format_time(int64_t unix_seconds) {
  // Copenhagen time whatever the process's TZ is (a server often runs in UTC).
  return format_copenhagen_time(unix_seconds);
}

std::string format_percent_short(int32_t bp) {
  std::string s = format_rate(bp);  // "12,50"
  if (s.ends_with(",00")) return s.substr(0, s.size() - 3);
  if (s.ends_with('0')) return s.substr(0, s.size() - 1);
  return s;
}

std::string format_rate(int32_t bp) {
  int32_t abs = bp < 0 ? -bp : bp;
  return fmt::format("{}{},{:02}", bp < 0 ? "-" : "", abs / 100, abs % 100);
}

std::optional<int32_t> parse_percent(std::string_view typed) {
  std::string s = trim(typed);
  if (!s.empty() && s.back() == '%') s = trim(std::string_view(s).substr(0, s.size() - 1));
  size_t sep = s.find_first_of(",.");
  std::string whole = s.substr(0, sep);
  std::string decimals = sep == std::string::npos ? "" : s.substr(sep + 1);
  if (whole.empty() || whole.size() > 3 || decimals.size() > 2) return std::nullopt;
  for (char c : whole + decimals)
    if (c < '0' || c > '9') return std::nullopt;
  while (decimals.size() < 2) decimals += '0';
  return static_cast<int32_t>(std::stoi(whole) * 100 + std::stoi(decimals));
}

Result<Date> parse_date_input(std::string_view text) {
  std::string s = trim(text);
  auto invalid = [] {
    return make_error("invalid_input", "Skriv datoen som dd-mm-åååå, f.eks. 01-11-2026.");
  };
  if (s.empty()) return make_error("invalid_input", "Skriv en dato.");
  if (s.size() == 10 && s[4] == '-') {
    auto d = Date::parse(s);
    if (d) return d;
    return invalid();
  }
  if (s.size() != 10 || !(s[2] == '-' || s[2] == '.' || s[2] == '/') || s[5] != s[2])
    return invalid();
  auto num = [&](size_t pos, size_t len) {
    return parse_int(std::string_view(s).substr(pos, len));
  };
  auto day = num(0, 2), month = num(3, 2), year = num(6, 4);
  if (!day || !month || !year) return invalid();
  auto d =
      Date::from_ymd(static_cast<int>(*year), static_cast<int>(*month), static_cast<int>(*day));
  if (!d) return make_error("invalid_input", "Datoen findes ikke.");
  return d;
}

Result<Money> parse_money_input(std::string_view text) {
  std::string s = trim(text);
  if (s.size() > 3 && (s.ends_with(" kr.") || s.ends_with(" kr")))
    s = trim(s.substr(0, s.rfind(' ')));
  if (s.empty()) return make_error("invalid_input", "Skriv et beløb.");
  auto m = Money::parse_danish(s);
  if (!m) return make_error("invalid_input", "Skriv beløbet i kroner, f.eks. 1.500,00.");
  return m;
}

std::optional<int64_t> parse_int(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

void FormState::fill_from(const Request& req) {
  for (const auto& [name, value] : req.form)
    if (name != "csrf" && !values_.count(name)) values_[name] = value;
}

void FormState::set(const std::string& field, std::string value) {
  values_[field] = std::move(value);
}

void FormState::error(const std::string& field, std::string message) {
  if (!errors_.count(field)) errors_[field] = std::move(message);
}

void FormState::put_into(mstch::map& data) const {
  data["v"] = values_;
  data["e"] = errors_;
  data["has_errors"] = has_errors();
}

}  // namespace inkasso::web
