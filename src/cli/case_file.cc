#include "cli/case_file.h"

#include <cmath>
#include <initializer_list>

#include <nlohmann/json.hpp>

#include "core/quote.h"

namespace inkasso {

namespace {

using json = nlohmann::json;

// Larger files are not cases; deeper nesting is not ours either. Both keep a hostile input from
// costing more than a moment.
constexpr size_t kMaxFileBytes = 16 * 1024 * 1024;
constexpr int kMaxDepth = 32;

Error bad(const std::string& field, const std::string& message) {
  return make_error("invalid_input", (field.empty() ? "" : field + ": ") + message, field);
}

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

// A key as typed may hold any character, newlines included (JSON escapes them); the error names
// it on one line, with control characters shown as '?' (found by the fuzzer).
std::string printable(const std::string& key) {
  std::string out = key;
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return out;
}

std::string index(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

bool too_deep(std::string_view text) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

// Reads one JSON object field by field; every key must be known.
class ObjectReader {
 public:
  ObjectReader(const json& j, std::string path) : j_(j), path_(std::move(path)) {}

  Status expect_object() const {
    if (!j_.is_object()) return bad(path_, "must be an object");
    return {};
  }

  Status only_keys(std::initializer_list<const char*> keys) const {
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      bool known = false;
      for (const char* k : keys) known = known || it.key() == k;
      if (!known) return bad(join(path_, printable(it.key())), "unknown key");
    }
    return {};
  }

  bool has(const char* key) const { return j_.contains(key); }
  const json& at(const char* key) const { return j_.at(key); }
  std::string field(const char* key) const { return join(path_, key); }

  Result<std::string> string(const char* key, bool required = true) const {
    if (!has(key)) {
      if (required) return bad(field(key), "is required");
      return std::string();
    }
    if (!at(key).is_string()) return bad(field(key), "must be a string");
    return at(key).get<std::string>();
  }

  Result<std::optional<Date>> date(const char* key, bool required) const {
    if (!has(key)) {
      if (required) return bad(field(key), "is required");
      return std::optional<Date>();
    }
    if (!at(key).is_string()) return bad(field(key), "must be a date string YYYY-MM-DD");
    auto d = Date::parse(at(key).get_ref<const std::string&>());
    if (!d) return bad(field(key), d.error().message);
    return std::optional<Date>(*d);
  }

  Result<Money> money(const char* key, bool required) const {
    if (!has(key)) {
      if (required) return bad(field(key), "is required");
      return Money::zero();
    }
    if (!at(key).is_string()) return bad(field(key), "must be a string such as \"1500.00\"");
    auto m = Money::parse(at(key).get_ref<const std::string&>());
    if (!m) return bad(field(key), m.error().message);
    return *m;
  }

  Result<bool> boolean(const char* key) const {
    if (!has(key)) return false;
    if (!at(key).is_boolean()) return bad(field(key), "must be true or false");
    return at(key).get<bool>();
  }

  // A percentage with at most two decimals, as a number (20, 12.5) or a string ("10.00"),
  // in hundredths of a percent.
  Result<int32_t> percent_bp(const char* key) const {
    const json& v = at(key);
    if (v.is_string()) {
      auto m = Money::parse(v.get_ref<const std::string&>());
      if (!m)
        return bad(field(key),
                   "invalid percentage " + quote_input(v.get_ref<const std::string&>()));
      if (m->ore() < 0 || m->ore() > 10'000) return bad(field(key), "must be from 0 to 100");
      return static_cast<int32_t>(m->ore());
    }
    if (v.is_number()) {
      double d = v.get<double>();
      if (!std::isfinite(d) || d < 0 || d > 100) return bad(field(key), "must be from 0 to 100");
      double hundredths = d * 100;
      double rounded = std::round(hundredths);
      if (std::fabs(hundredths - rounded) > 1e-6) return bad(field(key), "at most two decimals");
      return static_cast<int32_t>(rounded);
    }
    return bad(field(key), "must be a number");
  }

  Result<std::optional<Track>> track(const char* key, bool required) const {
    auto s = string(key, required);
    if (!s) return s.error();
    if (!has(key)) return std::optional<Track>();
    auto t = track_from_string(*s);
    if (!t) return bad(field(key), "must be gentle, standard or fast");
    return std::optional<Track>(*t);
  }

 private:
  const json& j_;
  std::string path_;
};

#define TRY_ASSIGN(target, expr) \
  do {                           \
    auto _r = (expr);            \
    if (!_r) return _r.error();  \
    target = std::move(*_r);     \
  } while (0)

#define TRY(expr)               \
  do {                          \
    auto _s = (expr);           \
    if (!_s) return _s.error(); \
  } while (0)

Result<Action> read_action(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  TRY(r.expect_object());
  Action a;
  std::string type;
  TRY_ASSIGN(type, r.string("type"));
  auto t = action_type_from_string(type);
  if (!t) return bad(r.field("type"), "unknown action type " + quote_input(type));
  a.type = *t;
  std::optional<Date> date;
  TRY_ASSIGN(date, r.date("date", true));
  a.date = *date;
  switch (a.type) {
    case ActionType::reminder:
    case ActionType::collection_notice:
      TRY(r.only_keys({"type", "date", "fee", "compensation"}));
      TRY_ASSIGN(a.fee, r.money("fee", false));
      TRY_ASSIGN(a.compensation, r.boolean("compensation"));
      break;
    case ActionType::settlement_offer:
      TRY(r.only_keys({"type", "date", "discount_percent", "deadline"}));
      a.discount_bp = 2000;
      if (r.has("discount_percent")) TRY_ASSIGN(a.discount_bp, r.percent_bp("discount_percent"));
      TRY_ASSIGN(a.deadline, r.date("deadline", false));
      break;
    case ActionType::payment_agreement:
      TRY(r.only_keys({"type", "date", "instalment", "first_date", "down_payment", "down_date",
                       "interest_free"}));
      TRY_ASSIGN(a.instalment, r.money("instalment", true));
      TRY_ASSIGN(a.first_date, r.date("first_date", true));
      TRY_ASSIGN(a.down_payment, r.money("down_payment", false));
      TRY_ASSIGN(a.down_date, r.date("down_date", false));
      TRY_ASSIGN(a.interest_free, r.boolean("interest_free"));
      break;
    case ActionType::agreement_terminated:
    case ActionType::track_change: {
      TRY(r.only_keys({"type", "date", "track"}));
      std::optional<Track> track;
      TRY_ASSIGN(track, r.track("track", true));
      a.track = *track;
      break;
    }
    case ActionType::payment_order:
    case ActionType::enforcement_request:
      TRY(r.only_keys({"type", "date", "court_fee_added"}));
      TRY_ASSIGN(a.court_fee_added, r.boolean("court_fee_added"));
      break;
    case ActionType::fundament: {
      TRY(r.only_keys({"type", "date", "kind"}));
      std::string kind;
      TRY_ASSIGN(kind, r.string("kind"));
      auto k = fundament_kind_from_string(kind);
      if (!k)
        return bad(r.field("kind"),
                   "must be dom, forlig, skyldnererklaering, gaeldsbrev, pantebrev or "
                   "betalingspaakrav");
      a.fundament = *k;
      break;
    }
    case ActionType::pause:
      TRY(r.only_keys({"type", "date", "until"}));
      TRY_ASSIGN(a.until, r.date("until", true));
      break;
    case ActionType::collection_demand:
    case ActionType::settlement_accepted:
    case ActionType::missing_payment_letter:
    case ActionType::agreement_default_warning:
    case ActionType::letter:
    case ActionType::close:
      TRY(r.only_keys({"type", "date"}));
      break;
  }
  return a;
}

template <class T, class Fn>
Status read_list(const json& root, const char* key, std::vector<T>& out, Fn read_one) {
  if (!root.contains(key)) return {};
  const json& list = root.at(key);
  if (!list.is_array()) return bad(key, "must be a list");
  out.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    auto item = read_one(list[i], index(key, i));
    if (!item) return item.error();
    out.push_back(std::move(*item));
  }
  return {};
}

Result<Claim> read_claim(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  TRY(r.expect_object());
  TRY(r.only_keys({"ref", "invoice_date", "due_date", "amount"}));
  Claim c;
  TRY_ASSIGN(c.ref, r.string("ref", false));
  std::optional<Date> due, invoiced;
  TRY_ASSIGN(due, r.date("due_date", true));
  TRY_ASSIGN(invoiced, r.date("invoice_date", false));
  c.due_date = *due;
  c.invoice_date = invoiced.value_or(*due);
  TRY_ASSIGN(c.amount, r.money("amount", true));
  return c;
}

Result<CreditNote> read_credit_note(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  TRY(r.expect_object());
  TRY(r.only_keys({"ref", "date", "amount"}));
  CreditNote n;
  TRY_ASSIGN(n.ref, r.string("ref", false));
  std::optional<Date> date;
  TRY_ASSIGN(date, r.date("date", true));
  n.date = *date;
  TRY_ASSIGN(n.amount, r.money("amount", true));
  return n;
}

Result<Payment> read_payment(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  TRY(r.expect_object());
  TRY(r.only_keys({"date", "amount"}));
  Payment p;
  std::optional<Date> date;
  TRY_ASSIGN(date, r.date("date", true));
  p.date = *date;
  TRY_ASSIGN(p.amount, r.money("amount", true));
  return p;
}

Result<InterestSettings> read_interest(const json& j) {
  ObjectReader r(j, "interest");
  TRY(r.expect_object());
  InterestSettings s;
  std::string kind;
  TRY_ASSIGN(kind, r.string("kind"));
  if (kind == "none") {
    TRY(r.only_keys({"kind"}));
    s.kind = InterestKind::none;
    return s;
  }
  if (kind == "procesrente") {
    TRY(r.only_keys({"kind", "from"}));
    s.kind = InterestKind::procesrente;
  } else if (kind == "fixed") {
    TRY(r.only_keys({"kind", "annual_rate", "from"}));
    s.kind = InterestKind::fixed;
    if (!r.has("annual_rate")) return bad(r.field("annual_rate"), "is required");
    TRY_ASSIGN(s.fixed_rate_bp, r.percent_bp("annual_rate"));
  } else {
    return bad(r.field("kind"), "must be procesrente, fixed or none");
  }
  std::string from;
  TRY_ASSIGN(from, r.string("from", false));
  if (from.empty() || from == "day31")
    s.from = InterestStart::day31;
  else if (from == "due_date")
    s.from = InterestStart::due_date;
  else
    return bad(r.field("from"), "must be day31 or due_date");
  return s;
}

Result<json> parse_json(std::string_view text) {
  if (text.size() > kMaxFileBytes) return bad("", "the file is too large");
  if (too_deep(text)) return bad("", "the JSON is nested too deeply");
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return bad("", "not valid JSON");
  return j;
}

}  // namespace

Result<CaseFile> parse_case_file(std::string_view text) {
  json j;
  TRY_ASSIGN(j, parse_json(text));
  ObjectReader r(j, "");
  TRY(r.expect_object());
  TRY(r.only_keys(
      {"as_of", "debtor", "track", "interest", "claims", "credit_notes", "payments", "actions"}));
  CaseFile file;
  CaseHistory& h = file.history;
  TRY_ASSIGN(file.as_of, r.date("as_of", false));

  if (!r.has("debtor")) return bad("debtor", "is required");
  ObjectReader debtor(j.at("debtor"), "debtor");
  TRY(debtor.expect_object());
  TRY(debtor.only_keys({"kind"}));
  std::string kind;
  TRY_ASSIGN(kind, debtor.string("kind"));
  auto dk = debtor_kind_from_string(kind);
  if (!dk) return bad("debtor.kind", "must be company or person");
  h.debtor = *dk;

  std::optional<Track> track;
  TRY_ASSIGN(track, r.track("track", false));
  h.track = track.value_or(Track::standard);
  if (r.has("interest")) TRY_ASSIGN(h.interest, read_interest(j.at("interest")));

  if (!r.has("claims")) return bad("claims", "is required");
  TRY(read_list(j, "claims", h.claims, read_claim));
  TRY(read_list(j, "credit_notes", h.credit_notes, read_credit_note));
  TRY(read_list(j, "payments", h.payments, read_payment));
  TRY(read_list(j, "actions", h.actions, read_action));
  return file;
}

Result<Action> parse_action(std::string_view text) {
  json j;
  TRY_ASSIGN(j, parse_json(text));
  return read_action(j, "action");
}

}  // namespace inkasso
