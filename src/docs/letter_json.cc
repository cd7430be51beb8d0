// The frozen snapshot of a letter as JSON: every field of LetterData, money as øre integers,
// dates "YYYY-MM-DD", absent optionals as null, the logo as base64. Reading is strict (every
// key must be there with its type) because a snapshot is only ever written by letter_to_json.
#include <nlohmann/json.hpp>

#include <array>

#include "docs/letter_data.h"

namespace inkasso {
namespace {

using json = nlohmann::json;

constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64_encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(in[k])); };
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    for (int s = 18; s >= 0; s -= 6) out += kBase64[(v >> s) & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t v = byte(i) << 16;
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t v = byte(i) << 16 | byte(i + 1) << 8;
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string base64_decode(std::string_view in) {
  if (in.size() % 4 != 0) throw std::runtime_error("logo_png: not base64");
  std::array<int, 256> value{};
  value.fill(-1);
  for (size_t k = 0; k < kBase64.size(); ++k)
    value[static_cast<unsigned char>(kBase64[k])] = int(k);
  std::string out;
  out.reserve(in.size() / 4 * 3);
  for (size_t i = 0; i < in.size(); i += 4) {
    uint32_t v = 0;
    int pad = 0;
    for (size_t k = 0; k < 4; ++k) {
      char c = in[i + k];
      int d = 0;
      if (c == '=' && i + 4 == in.size() && k >= 2) {
        ++pad;
      } else {
        d = value[static_cast<unsigned char>(c)];
        if (d < 0 || pad) throw std::runtime_error("logo_png: not base64");
      }
      v = v << 6 | static_cast<uint32_t>(d);
    }
    out += static_cast<char>((v >> 16) & 0xFF);
    if (pad < 2) out += static_cast<char>((v >> 8) & 0xFF);
    if (pad < 1) out += static_cast<char>(v & 0xFF);
  }
  return out;
}

json money(Money m) {
  return m.ore();
}
json date(Date d) {
  return d.to_iso();
}
json opt_date(const std::optional<Date>& d) {
  return d ? json(d->to_iso()) : json(nullptr);
}
json opt_int(const std::optional<int32_t>& v) {
  return v ? json(*v) : json(nullptr);
}

Money get_money(const json& j, const char* key) {
  int64_t ore = j.at(key).get<int64_t>();
  if (ore > Money::kMaxAbsOre || ore < -Money::kMaxAbsOre)
    throw std::runtime_error(std::string(key) + ": out of range");
  return Money::from_ore(ore);
}
Date get_date(const json& j, const char* key) {
  auto d = Date::parse(j.at(key).get<std::string>());
  if (!d) throw std::runtime_error(std::string(key) + ": " + d.error().message);
  return *d;
}
std::optional<Date> get_opt_date(const json& j, const char* key) {
  if (j.at(key).is_null()) return std::nullopt;
  return get_date(j, key);
}
std::optional<int32_t> get_opt_int(const json& j, const char* key) {
  if (j.at(key).is_null()) return std::nullopt;
  return j.at(key).get<int32_t>();
}
std::string get_str(const json& j, const char* key) {
  return j.at(key).get<std::string>();
}

json party(const LetterParty& p) {
  return {{"name", p.name},     {"attention", p.attention},
          {"street", p.street}, {"postal_code", p.postal_code},
          {"city", p.city},     {"cvr", p.cvr},
          {"cpr", p.cpr},       {"phone", p.phone},
          {"email", p.email}};
}
void read_party(const json& j, LetterParty& p) {
  p.name = get_str(j, "name");
  p.attention = get_str(j, "attention");
  p.street = get_str(j, "street");
  p.postal_code = get_str(j, "postal_code");
  p.city = get_str(j, "city");
  p.cvr = get_str(j, "cvr");
  p.cpr = get_str(j, "cpr");
  p.phone = get_str(j, "phone");
  p.email = get_str(j, "email");
}

json court_info(const CourtInfo& c) {
  return {{"name", c.name},
          {"street", c.street},
          {"postal_code", c.postal_code},
          {"city", c.city},
          {"email", c.email}};
}

LetterData read(const json& j) {
  if (j.at("format").get<int>() != 1) throw std::runtime_error("format: unknown version");
  LetterData d;
  d.kind = get_str(j, "kind");
  d.letter_date = get_date(j, "letter_date");
  d.case_number = j.at("case_number").get<int64_t>();
  const json& c = j.at("creditor");
  read_party(c, d.creditor);
  d.creditor.bank_name = get_str(c, "bank_name");
  d.creditor.reg_no = get_str(c, "reg_no");
  d.creditor.account_no = get_str(c, "account_no");
  d.creditor.fi_creditor_no = get_str(c, "fi_creditor_no");
  d.creditor.website = get_str(c, "website");
  d.creditor.logo_png = base64_decode(get_str(c, "logo_png"));
  read_party(j.at("debtor"), d.debtor);
  auto kind = debtor_kind_from_string(get_str(j, "debtor_kind"));
  if (!kind) throw std::runtime_error("debtor_kind: unknown");
  d.debtor_kind = *kind;
  for (const auto& cl : j.at("claims"))
    d.claims.push_back({get_str(cl, "ref"), get_date(cl, "invoice_date"), get_date(cl, "due_date"),
                        get_money(cl, "amount")});
  for (const auto& p : j.at("payments"))
    d.payments.push_back({get_date(p, "date"), get_money(p, "amount")});
  const json& a = j.at("amounts");
  LetterAmounts& m = d.amounts;
  m.claims_total = get_money(a, "claims_total");
  m.credit_notes = get_money(a, "credit_notes");
  m.principal = get_money(a, "principal");
  m.interest = get_money(a, "interest");
  m.fees = get_money(a, "fees");
  m.paid = get_money(a, "paid");
  m.allocated_interest = get_money(a, "allocated_interest");
  m.allocated_fees = get_money(a, "allocated_fees");
  m.allocated_principal = get_money(a, "allocated_principal");
  m.outstanding_principal = get_money(a, "outstanding_principal");
  m.outstanding_interest = get_money(a, "outstanding_interest");
  m.outstanding_fees = get_money(a, "outstanding_fees");
  m.outstanding_total = get_money(a, "outstanding_total");
  m.interest_from = get_opt_date(a, "interest_from");
  m.interest_rate_bp = get_opt_int(a, "interest_rate_bp");
  d.fee = get_money(j, "fee");
  d.compensation = get_money(j, "compensation");
  d.pay_by = get_opt_date(j, "pay_by");
  d.reminder_number = j.at("reminder_number").get<int>();
  d.notice_date = get_opt_date(j, "notice_date");
  d.notice_deadline = get_opt_date(j, "notice_deadline");
  d.court_fee_payment_order = get_money(j, "court_fee_payment_order");
  if (const json& s = j.at("settlement"); !s.is_null()) {
    d.settlement = LetterSettlement{get_date(s, "deadline"),   s.at("discount_bp").get<int32_t>(),
                                    get_money(s, "total"),     get_money(s, "offered_amount"),
                                    get_money(s, "saving"),    get_date(s, "court_date"),
                                    get_money(s, "court_fee"), get_money(s, "total_if_court")};
  }
  if (const json& g = j.at("agreement"); !g.is_null()) {
    LetterAgreement x;
    x.agreed_on = get_date(g, "agreed_on");
    x.debt_at_start = get_money(g, "debt_at_start");
    x.instalment = get_money(g, "instalment");
    x.down_payment = get_money(g, "down_payment");
    x.down_date = get_opt_date(g, "down_date");
    x.first_date = get_date(g, "first_date");
    x.last_date = get_date(g, "last_date");
    x.instalments = g.at("instalments").get<int>();
    x.last_instalment = get_money(g, "last_instalment");
    x.interest_free = g.at("interest_free").get<bool>();
    x.annual_rate_bp = get_opt_int(g, "annual_rate_bp");
    x.total_interest = get_money(g, "total_interest");
    x.total_paid = get_money(g, "total_paid");
    x.missed_date = get_opt_date(g, "missed_date");
    x.due_so_far = get_money(g, "due_so_far");
    x.paid_since_agreement = get_money(g, "paid_since_agreement");
    x.arrears = get_money(g, "arrears");
    x.termination_date = get_opt_date(g, "termination_date");
    d.agreement = x;
  }
  if (const json& k = j.at("court"); !k.is_null()) {
    LetterCourt x;
    const json& ci = k.at("court");
    x.court = CourtInfo{get_str(ci, "name"), get_str(ci, "street"), get_str(ci, "postal_code"),
                        get_str(ci, "city"), get_str(ci, "email")};
    x.court_fee = get_money(k, "court_fee");
    x.court_fee_added = k.at("court_fee_added").get<bool>();
    x.reminder_fees = get_money(k, "reminder_fees");
    x.compensation = get_money(k, "compensation");
    x.other_fees = get_money(k, "other_fees");
    x.claim_total = get_money(k, "claim_total");
    x.continue_as_civil_case = k.at("continue_as_civil_case").get<bool>();
    x.fundament = get_str(k, "fundament");
    x.fundament_date = get_opt_date(k, "fundament_date");
    d.court = x;
  }
  d.subject = get_str(j, "subject");
  d.text = get_str(j, "text");
  const json& p = j.at("portal");
  d.portal = PortalAccess{get_str(p, "url"), get_str(p, "case_id"), get_str(p, "password"),
                          get_str(p, "direct_link")};
  d.fi_line = get_str(j, "fi_line");
  return d;
}

}  // namespace

std::string letter_to_json(const LetterData& d) {
  json j;
  j["format"] = 1;
  j["kind"] = d.kind;
  j["letter_date"] = date(d.letter_date);
  j["case_number"] = d.case_number;
  json c = party(d.creditor);
  c["bank_name"] = d.creditor.bank_name;
  c["reg_no"] = d.creditor.reg_no;
  c["account_no"] = d.creditor.account_no;
  c["fi_creditor_no"] = d.creditor.fi_creditor_no;
  c["website"] = d.creditor.website;
  c["logo_png"] = base64_encode(d.creditor.logo_png);
  j["creditor"] = c;
  j["debtor"] = party(d.debtor);
  j["debtor_kind"] = std::string(to_string(d.debtor_kind));
  json claims = json::array();
  for (const auto& cl : d.claims)
    claims.push_back({{"ref", cl.ref},
                      {"invoice_date", date(cl.invoice_date)},
                      {"due_date", date(cl.due_date)},
                      {"amount", money(cl.amount)}});
  j["claims"] = claims;
  json payments = json::array();
  for (const auto& p : d.payments)
    payments.push_back({{"date", date(p.date)}, {"amount", money(p.amount)}});
  j["payments"] = payments;
  const LetterAmounts& m = d.amounts;
  j["amounts"] = {{"claims_total", money(m.claims_total)},
                  {"credit_notes", money(m.credit_notes)},
                  {"principal", money(m.principal)},
                  {"interest", money(m.interest)},
                  {"fees", money(m.fees)},
                  {"paid", money(m.paid)},
                  {"allocated_interest", money(m.allocated_interest)},
                  {"allocated_fees", money(m.allocated_fees)},
                  {"allocated_principal", money(m.allocated_principal)},
                  {"outstanding_principal", money(m.outstanding_principal)},
                  {"outstanding_interest", money(m.outstanding_interest)},
                  {"outstanding_fees", money(m.outstanding_fees)},
                  {"outstanding_total", money(m.outstanding_total)},
                  {"interest_from", opt_date(m.interest_from)},
                  {"interest_rate_bp", opt_int(m.interest_rate_bp)}};
  j["fee"] = money(d.fee);
  j["compensation"] = money(d.compensation);
  j["pay_by"] = opt_date(d.pay_by);
  j["reminder_number"] = d.reminder_number;
  j["notice_date"] = opt_date(d.notice_date);
  j["notice_deadline"] = opt_date(d.notice_deadline);
  j["court_fee_payment_order"] = money(d.court_fee_payment_order);
  if (d.settlement) {
    const LetterSettlement& s = *d.settlement;
    j["settlement"] = {
        {"deadline", date(s.deadline)},    {"discount_bp", s.discount_bp},
        {"total", money(s.total)},         {"offered_amount", money(s.offered_amount)},
        {"saving", money(s.saving)},       {"court_date", date(s.court_date)},
        {"court_fee", money(s.court_fee)}, {"total_if_court", money(s.total_if_court)}};
  } else {
    j["settlement"] = nullptr;
  }
  if (d.agreement) {
    const LetterAgreement& g = *d.agreement;
    j["agreement"] = {{"agreed_on", date(g.agreed_on)},
                      {"debt_at_start", money(g.debt_at_start)},
                      {"instalment", money(g.instalment)},
                      {"down_payment", money(g.down_payment)},
                      {"down_date", opt_date(g.down_date)},
                      {"first_date", date(g.first_date)},
                      {"last_date", date(g.last_date)},
                      {"instalments", g.instalments},
                      {"last_instalment", money(g.last_instalment)},
                      {"interest_free", g.interest_free},
                      {"annual_rate_bp", opt_int(g.annual_rate_bp)},
                      {"total_interest", money(g.total_interest)},
                      {"total_paid", money(g.total_paid)},
                      {"missed_date", opt_date(g.missed_date)},
                      {"due_so_far", money(g.due_so_far)},
                      {"paid_since_agreement", money(g.paid_since_agreement)},
                      {"arrears", money(g.arrears)},
                      {"termination_date", opt_date(g.termination_date)}};
  } else {
    j["agreement"] = nullptr;
  }
  if (d.court) {
    const LetterCourt& k = *d.court;
    j["court"] = {{"court", court_info(k.court)},
                  {"court_fee", money(k.court_fee)},
                  {"court_fee_added", k.court_fee_added},
                  {"reminder_fees", money(k.reminder_fees)},
                  {"compensation", money(k.compensation)},
                  {"other_fees", money(k.other_fees)},
                  {"claim_total", money(k.claim_total)},
                  {"continue_as_civil_case", k.continue_as_civil_case},
                  {"fundament", k.fundament},
                  {"fundament_date", opt_date(k.fundament_date)}};
  } else {
    j["court"] = nullptr;
  }
  j["subject"] = d.subject;
  j["text"] = d.text;
  j["portal"] = {{"url", d.portal.url},
                 {"case_id", d.portal.case_id},
                 {"password", d.portal.password},
                 {"direct_link", d.portal.direct_link}};
  j["fi_line"] = d.fi_line;
  // Invalid UTF-8 in a field (it should never get this far) is replaced rather than thrown on.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<LetterData> letter_from_json(std::string_view text) {
  try {
    json j = json::parse(text);
    return read(j);
  } catch (const std::exception& e) {
    return make_error("invalid_snapshot", std::string("letter snapshot: ") + e.what());
  }
}

}  // namespace inkasso
