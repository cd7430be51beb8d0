// Filling templates: the mstch context of a letter, the template checks and render_body.
#include <mstch/mstch.hpp>

#include <set>

#include "docs/letter_format.h"
#include "docs/letter_markup.h"
#include "docs/templates.h"

namespace inkasso {
namespace {

constexpr size_t kTemplateBytesMax = 100'000;

// Every value enters the template neutralized: it can show '<', '>' and '&' but never be
// markup, whatever mstch's (global, configurable) escape function does.
mstch::node str(std::string_view s) {
  return neutralize_value(s);
}
// "1.477,50 kr." with a no-break space, so that an amount is never split over two lines.
mstch::node money(Money m) {
  std::string kr = m.to_kr();
  kr.replace(kr.size() - 4, 1, "\u00A0");
  return neutralize_value(kr);
}

void put_party(mstch::map& m, const std::string& prefix, const LetterParty& p) {
  m[prefix + "_name"] = str(p.name);
  m[prefix + "_attention"] = str(p.attention);
  m[prefix + "_street"] = str(p.street);
  m[prefix + "_postal_code"] = str(p.postal_code);
  m[prefix + "_city"] = str(p.city);
  m[prefix + "_cvr"] = str(p.cvr);
  m[prefix + "_cpr"] = str(p.cpr);
  m[prefix + "_phone"] = str(p.phone);
  m[prefix + "_email"] = str(p.email);
  m[prefix + "_has_cvr"] = !p.cvr.empty();
  m[prefix + "_has_cpr"] = !p.cpr.empty();
  m[prefix + "_has_attention"] = !p.attention.empty();
  m[prefix + "_has_phone"] = !p.phone.empty();
  m[prefix + "_has_email"] = !p.email.empty();
}

// Splits the free text into paragraphs at blank lines; single line breaks become spaces.
mstch::array paragraphs(std::string_view text) {
  mstch::array out;
  std::string current;
  size_t i = 0;
  while (i <= text.size()) {
    size_t nl = text.find('\n', i);
    std::string_view line = text.substr(i, nl == std::string_view::npos ? text.size() - i : nl - i);
    bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
    if (blank) {
      if (!current.empty()) out.push_back(str(current));
      current.clear();
    } else {
      if (!current.empty()) current += ' ';
      current += line;
    }
    if (nl == std::string_view::npos) break;
    i = nl + 1;
  }
  if (!current.empty()) out.push_back(str(current));
  return out;
}

mstch::map context_of(const LetterData& d) {
  mstch::map m;
  m["kind"] = str(d.kind);
  m["letter_date"] = str(long_date(d.letter_date));
  m["letter_date_short"] = str(short_date(d.letter_date));
  m["case_number"] = str(std::to_string(d.case_number));
  put_party(m, "creditor", d.creditor);
  m["creditor_website"] = str(d.creditor.website);
  m["bank_name"] = str(d.creditor.bank_name);
  m["reg_no"] = str(d.creditor.reg_no);
  m["account_no"] = str(d.creditor.account_no);
  m["has_bank"] = !d.creditor.account_no.empty();
  m["fi_line"] = str(d.fi_line);
  m["has_fi_line"] = !d.fi_line.empty();
  put_party(m, "debtor", d.debtor);
  m["debtor_is_company"] = d.debtor_kind == DebtorKind::company;
  m["debtor_is_person"] = d.debtor_kind == DebtorKind::person;

  mstch::array claims;
  for (const auto& c : d.claims)
    claims.push_back(mstch::map{{"ref", str(c.ref)},
                                {"invoice_date", str(short_date(c.invoice_date))},
                                {"due_date", str(short_date(c.due_date))},
                                {"amount", money(c.amount)}});
  m["claims"] = claims;
  mstch::array payments;
  for (const auto& p : d.payments)
    payments.push_back(mstch::map{{"date", str(short_date(p.date))}, {"amount", money(p.amount)}});
  m["payments"] = payments;
  m["has_payments"] = !d.payments.empty();

  const LetterAmounts& a = d.amounts;
  m["claims_total"] = money(a.claims_total);
  m["credit_notes"] = money(a.credit_notes);
  m["has_credit_notes"] = a.credit_notes.is_positive();
  m["principal"] = money(a.principal);
  m["interest"] = money(a.interest);
  m["has_interest"] = a.interest.is_positive();
  m["fees"] = money(a.fees);
  m["has_fees"] = a.fees.is_positive();
  m["paid"] = money(a.paid);
  m["has_paid"] = a.paid.is_positive();
  m["allocated_interest"] = money(a.allocated_interest);
  m["allocated_fees"] = money(a.allocated_fees);
  m["allocated_principal"] = money(a.allocated_principal);
  m["outstanding_principal"] = money(a.outstanding_principal);
  m["outstanding_interest"] = money(a.outstanding_interest);
  m["outstanding_fees"] = money(a.outstanding_fees);
  m["total"] = money(a.outstanding_total);
  m["has_interest_from"] = a.interest_from.has_value();
  m["interest_from"] = str(a.interest_from ? long_date(*a.interest_from) : "");
  m["has_interest_rate"] = a.interest_rate_bp.has_value();
  m["interest_rate"] = str(a.interest_rate_bp ? rate_text(*a.interest_rate_bp) : "");

  m["fee"] = money(d.fee);
  m["has_fee"] = d.fee.is_positive();
  m["compensation"] = money(d.compensation);
  m["has_compensation"] = d.compensation.is_positive();
  m["has_pay_by"] = d.pay_by.has_value();
  m["pay_by"] = str(d.pay_by ? long_date(*d.pay_by) : "");
  m["reminder_number"] = str(std::to_string(d.reminder_number));
  m["reminder_1"] = d.reminder_number == 1;
  m["reminder_3_or_later"] = d.reminder_number >= 3;
  m["has_notice"] = d.notice_date.has_value();
  m["notice_date"] = str(d.notice_date ? long_date(*d.notice_date) : "");
  m["notice_deadline"] = str(d.notice_deadline ? long_date(*d.notice_deadline) : "");
  m["court_fee_payment_order"] = money(d.court_fee_payment_order);

  if (d.settlement) {
    const LetterSettlement& s = *d.settlement;
    m["settlement"] = mstch::map{{"deadline", str(long_date(s.deadline))},
                                 {"discount_percent", str(percent_number(s.discount_bp))},
                                 {"total", money(s.total)},
                                 {"offered_amount", money(s.offered_amount)},
                                 {"saving", money(s.saving)},
                                 {"court_date", str(long_date(s.court_date))},
                                 {"court_fee", money(s.court_fee)},
                                 {"total_if_court", money(s.total_if_court)}};
  } else {
    m["settlement"] = false;
  }
  if (d.agreement) {
    const LetterAgreement& g = *d.agreement;
    m["agreement"] = mstch::map{
        {"agreed_on", str(long_date(g.agreed_on))},
        {"debt_at_start", money(g.debt_at_start)},
        {"instalment", money(g.instalment)},
        {"has_down_payment", g.down_payment.is_positive()},
        {"down_payment", money(g.down_payment)},
        {"down_date", str(g.down_date ? long_date(*g.down_date) : "")},
        {"first_date", str(long_date(g.first_date))},
        {"last_date", str(long_date(g.last_date))},
        {"instalments", str(std::to_string(g.instalments))},
        {"last_instalment", money(g.last_instalment)},
        {"interest_free", g.interest_free},
        {"has_rate", g.annual_rate_bp.has_value() && !g.interest_free},
        {"rate", str(g.annual_rate_bp ? rate_text(*g.annual_rate_bp) : "")},
        {"total_interest", money(g.total_interest)},
        {"total_paid", money(g.total_paid)},
        {"has_missed", g.missed_date.has_value()},
        {"missed_date", str(g.missed_date ? long_date(*g.missed_date) : "")},
        {"due_so_far", money(g.due_so_far)},
        {"paid_since_agreement", money(g.paid_since_agreement)},
        {"arrears", money(g.arrears)},
        {"termination_date", str(g.termination_date ? long_date(*g.termination_date) : "")}};
  } else {
    m["agreement"] = false;
  }
  if (d.court) {
    const LetterCourt& c = *d.court;
    m["court"] =
        mstch::map{{"court_name", str(c.court.name)},
                   {"court_street", str(c.court.street)},
                   {"court_postal_code", str(c.court.postal_code)},
                   {"court_city", str(c.court.city)},
                   {"court_email", str(c.court.email)},
                   {"court_fee", money(c.court_fee)},
                   {"court_fee_added", c.court_fee_added},
                   {"reminder_fees", money(c.reminder_fees)},
                   {"has_reminder_fees", c.reminder_fees.is_positive()},
                   {"compensation", money(c.compensation)},
                   {"has_compensation", c.compensation.is_positive()},
                   {"other_fees", money(c.other_fees)},
                   {"has_other_fees", c.other_fees.is_positive()},
                   {"claim_total", money(c.claim_total)},
                   {"continue_as_civil_case", c.continue_as_civil_case},
                   {"has_fundament", !c.fundament.empty()},
                   {"fundament", str(c.fundament)},
                   {"fundament_date", str(c.fundament_date ? long_date(*c.fundament_date) : "")}};
  } else {
    m["court"] = false;
  }
  m["subject"] = str(d.subject);
  m["has_subject"] = !d.subject.empty();
  m["text_paragraphs"] = paragraphs(d.text);
  m["portal_url"] = str(d.portal.url);
  m["case_id"] = str(d.portal.case_id);
  m["password"] = str(d.portal.password);
  m["direct_link"] = str(d.portal.direct_link);
  m["has_portal"] = !d.portal.case_id.empty();
  return m;
}

// A letter with every optional part present, so that its context holds every name a template
// may use.
LetterData full_sample() {
  LetterData d;
  d.letter_date = Date::ymd(2026, 1, 1);
  d.claims.push_back({"1", d.letter_date, d.letter_date, Money::zero()});
  d.payments.push_back({d.letter_date, Money::zero()});
  d.amounts.interest_from = d.letter_date;
  d.amounts.interest_rate_bp = 0;
  d.pay_by = d.letter_date;
  d.notice_date = d.letter_date;
  d.notice_deadline = d.letter_date;
  d.settlement = LetterSettlement{};
  d.agreement = LetterAgreement{};
  d.court = LetterCourt{};
  d.text = "x";
  return d;
}

void collect_names(const mstch::node& n, std::set<std::string>& out) {
  if (const auto* map = boost::get<mstch::map>(&n)) {
    for (const auto& [k, v] : *map) {
      out.insert(k);
      collect_names(v, out);
    }
  } else if (const auto* arr = boost::get<mstch::array>(&n)) {
    for (const auto& v : *arr) collect_names(v, out);
  }
}

const std::set<std::string>& known_names() {
  static const std::set<std::string> names = [] {
    std::set<std::string> s{"."};
    collect_names(context_of(full_sample()), s);
    return s;
  }();
  return names;
}

Error template_error(int line, const std::string& what) {
  return make_error("invalid_template", "Linje " + std::to_string(line) + ": " + what + ".");
}

std::string trimmed(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

// Checks the mustache tags and returns the template as markup with every tag replaced: a
// section's start and end by the markers the markup reader checks, a value by "x".
Result<std::string> check_tags(std::string_view text) {
  if (text.size() > kTemplateBytesMax)
    return make_error("invalid_template", "Skabelonen er for lang (højst 100.000 tegn).");
  std::string out;
  std::vector<std::pair<std::string, int>> open;
  int line = 1;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = text.find("{{", i);
    std::string_view plain =
        text.substr(i, start == std::string_view::npos ? std::string_view::npos : start - i);
    for (char c : plain)
      if (c == '\n') ++line;
    out += plain;
    if (start == std::string_view::npos) break;
    size_t end = text.find("}}", start + 2);
    if (end == std::string_view::npos) return template_error(line, "{{ er ikke lukket med }}");
    std::string_view inside = text.substr(start + 2, end - start - 2);
    int tag_line = line;
    for (char c : inside)
      if (c == '\n') ++line;
    i = end + 2;
    char sigil = inside.empty() ? ' ' : inside[0];
    if (sigil == '!') continue;  // a comment
    if (inside.find('\n') != std::string_view::npos)
      return template_error(tag_line, "et felt skal stå på én linje");
    if (sigil == '{' || sigil == '&')
      return template_error(tag_line, "skriv felter som {{navn}}; {{{ }}} og {{& }} bruges ikke");
    if (sigil == '>' || sigil == '<')
      return template_error(tag_line, "skabeloner kan ikke indlejre andre skabeloner");
    if (sigil == '=') return template_error(tag_line, "skilletegnene kan ikke ændres");
    bool section = sigil == '#' || sigil == '^' || sigil == '/';
    std::string name = trimmed(section ? inside.substr(1) : inside);
    if (name.empty()) return template_error(tag_line, "feltet mangler et navn");
    if (!known_names().contains(name))
      return template_error(tag_line, "ukendt felt {{" + name.substr(0, 40) + "}}");
    if (sigil == '#' || sigil == '^') {
      open.emplace_back(name, tag_line);
      out += kSectionOpen;
    } else if (sigil == '/') {
      if (open.empty()) return template_error(tag_line, "{{/" + name + "}} lukker ingen sektion");
      if (open.back().first != name)
        return template_error(tag_line, "{{/" + name + "}} passer ikke: {{#" + open.back().first +
                                            "}} fra linje " + std::to_string(open.back().second) +
                                            " er ikke lukket");
      open.pop_back();
      out += kSectionClose;
    } else {
      out += 'x';
    }
  }
  if (!open.empty())
    return template_error(open.back().second, "{{#" + open.back().first + "}} er ikke lukket");
  return out;
}

}  // namespace

Status validate_template(std::string_view text) {
  auto skeleton = check_tags(text);
  if (!skeleton) return skeleton.error();
  auto blocks = parse_markup(*skeleton);
  if (!blocks) return blocks.error();
  return {};
}

Result<std::string> render_body(std::string_view template_text, const LetterData& data) {
  if (auto st = validate_template(template_text); !st) return st.error();
  try {
    return mstch::render(std::string(template_text), context_of(data));
  } catch (const std::exception& e) {
    return make_error("invalid_template",
                      std::string("Skabelonen kunne ikke udfyldes: ") + e.what());
  }
}

}  // namespace inkasso
