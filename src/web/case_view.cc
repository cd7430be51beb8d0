#include "web/case_view.h"

#include <algorithm>
#include <set>

#include "app/courts.h"
#include "app/local_time.h"
#include "core/rules.h"
#include "core/text.h"
#include "web/domain_names.h"
#include "web/http.h"
#include "web/view_support.h"

namespace inkasso::web {
namespace {

std::string str(const Texts& t, std::string_view key) {
  return t.get(key);
}

mstch::map row(std::string label, std::string amount, std::string tone = {}) {
  return mstch::map{
      {"label", std::move(label)}, {"amount", std::move(amount)}, {"tone", std::move(tone)}};
}

std::string handling_url(int64_t number, std::string_view type) {
  return "/sager/" + std::to_string(number) + "/handling/ny?type=" + std::string(type);
}

// The earliest due date of the claims: "Hovedstol forfald" in the manual.
std::optional<Date> first_due_date(const CaseHistory& h) {
  std::optional<Date> first;
  for (const Claim& c : h.claims)
    if (!first || c.due_date < *first) first = c.due_date;
  return first;
}

// The fee the engine allowed for an action's field, when it capped what was claimed.
const Adjustment* adjustment_of(const CaseState& s, size_t action_index, std::string_view field) {
  for (const Adjustment& a : s.adjustments)
    if (a.action_index == action_index && a.field == field) return &a;
  return nullptr;
}

struct Entry {
  Date date;
  int64_t seq = 0;
  mstch::map view;
  bool has_lines = false;
};

mstch::array lines_of(const std::vector<std::string>& lines) {
  mstch::array out;
  for (const auto& l : lines) out.push_back(mstch::map{{"text", l}});
  return out;
}

// What a timeline entry of an action says besides its name: the fee, deadlines, the terms.
std::vector<std::string> action_lines(const Texts& t, const CaseState& s, const Action& a,
                                      size_t index, std::string& amount) {
  std::vector<std::string> lines;
  if (a.fee.is_positive()) {
    const Adjustment* adj = adjustment_of(s, index, "fee");
    amount = format_kr(adj ? adj->allowed : a.fee);
    if (adj)
      lines.push_back(str(t, "case.tl.fee_capped") + " " + format_kr(adj->claimed) + " " +
                      str(t, "case.tl.to") + " " + format_kr(adj->allowed));
  }
  if (a.compensation) {
    const Adjustment* adj = adjustment_of(s, index, "compensation");
    lines.push_back(str(t, adj && adj->allowed.is_zero() ? "case.tl.compensation_refused"
                                                         : "case.tl.compensation"));
  }
  switch (a.type) {
    case ActionType::settlement_offer:
      lines.push_back(str(t, "case.tl.discount") + " " + format_percent_short(a.discount_bp) +
                      " %");
      if (a.deadline) lines.push_back(str(t, "case.tl.deadline") + " " + format_date(*a.deadline));
      break;
    case ActionType::payment_agreement:
      amount = format_kr(a.instalment);
      lines.push_back(str(t, "case.tl.instalment") + " " + format_kr(a.instalment));
      if (a.first_date)
        lines.push_back(str(t, "case.tl.first_instalment") + " " + format_date(*a.first_date));
      if (a.down_payment.is_positive())
        lines.push_back(str(t, "case.tl.down_payment") + " " + format_kr(a.down_payment) +
                        (a.down_date ? " " + str(t, "case.on") + " " + format_date(*a.down_date)
                                     : std::string()));
      if (a.interest_free) lines.push_back(str(t, "case.tl.interest_free"));
      break;
    case ActionType::agreement_terminated:
    case ActionType::track_change:
      lines.push_back(str(t, "case.tl.new_track") + " " + str(t, track_key(a.track)));
      break;
    case ActionType::payment_order:
    case ActionType::enforcement_request:
      if (a.court_fee_added) lines.push_back(str(t, "case.tl.court_fee_added"));
      break;
    case ActionType::fundament:
      lines.push_back(str(t, fundament_key(a.fundament)));
      break;
    case ActionType::pause:
      if (a.until) lines.push_back(str(t, "case.tl.pause_until") + " " + format_date(*a.until));
      break;
    default:
      break;
  }
  return lines;
}

// The kinds of events as timeline colours: the manual's green payments, red invoices and costs,
// blue actions, yellow notes and pauses (purple, for messages from outside, has no event yet).
Entry claim_entry(const Texts& t, const Claim& c) {
  Entry e{c.invoice_date, 0, {}};
  // A reference that already says "Faktura 8520" is shown as it is, not "Faktura Faktura 8520".
  const std::string& word = str(t, "case.tl.claim");
  bool says_it =
      c.ref.size() >= word.size() && search_key(c.ref.substr(0, word.size())) == search_key(word);
  std::string title = says_it ? c.ref : word + (c.ref.empty() ? "" : " " + c.ref);
  e.view = mstch::map{
      {"tone", std::string("claim")},
      {"title", title},
      {"amount", format_kr(c.amount)},
      {"lines", lines_of({str(t, "case.tl.due_date") + " " + format_date(c.due_date)})},
  };
  e.has_lines = true;
  return e;
}

Entry credit_note_entry(const Texts& t, const CreditNote& n) {
  Entry e{n.date, 0, {}};
  std::vector<std::string> lines;
  if (!n.ref.empty()) lines.push_back(str(t, "case.tl.credit_note_for") + " " + n.ref);
  e.view = mstch::map{
      {"tone", std::string("claim")},
      {"title", str(t, "case.tl.credit_note")},
      {"amount", "−" + format_kr(n.amount)},
      {"lines", lines_of(lines)},
  };
  e.has_lines = !lines.empty();
  return e;
}

Entry payment_entry(const Texts& t, const StoredCase& c, size_t i) {
  const Payment& p = c.history.payments[i];
  Entry e{p.date, 0, {}};
  std::vector<std::string> lines;
  if (i < c.payment_methods.size() && c.payment_methods[i])
    lines.push_back(str(t, payment_method_key(*c.payment_methods[i])));
  e.view = mstch::map{
      {"tone", std::string("payment")},
      {"title", str(t, "case.tl.payment")},
      {"amount", format_kr(p.amount)},
      {"lines", lines_of(lines)},
  };
  e.has_lines = !lines.empty();
  return e;
}

Entry action_entry(const Texts& t, const StoredCase& c, const CaseState& s, size_t i) {
  const Action& a = c.history.actions[i];
  Entry e{a.date, 0, {}};
  std::string amount;
  auto lines = action_lines(t, s, a, i, amount);
  e.view = mstch::map{
      {"tone", std::string(a.type == ActionType::pause ? "note" : "action")},
      {"title", action_title(t, c.history, i)},
      {"amount", amount},
      {"lines", lines_of(lines)},
  };
  e.has_lines = !lines.empty();
  return e;
}

Entry note_entry(const Texts& t, const Note& n) {
  Entry e{n.date, 0, {}};
  e.view = mstch::map{
      {"tone", std::string("note")}, {"title", str(t, "case.tl.note")},
      {"amount", std::string()},     {"text", n.text},
      {"lines", mstch::array{}},
  };
  return e;
}

std::string interest_sentence(const Texts& t, const InterestSettings& i) {
  if (i.kind == InterestKind::none) return str(t, "case.details.no_interest");
  return str(t, i.from == InterestStart::day31 ? "case.details.interest_day31"
                                               : "case.details.interest_due_date");
}

std::string interest_kind_text(const Texts& t, const InterestSettings& i) {
  std::string name = str(t, interest_kind_key(i.kind));
  if (i.kind == InterestKind::fixed)
    name += " (" + format_percent_short(i.fixed_rate_bp) + " %" + " " +
            str(t, "case.details.per_year") + ")";
  return name;
}

mstch::map agreement_view(const Texts& t, const AgreementStatus& a) {
  std::vector<std::string> lines;
  lines.push_back(str(t, "case.details.agreed_on") + " " + format_date(a.agreed_on));
  lines.push_back(str(t, "case.tl.instalment") + " " + format_kr(a.instalment) +
                  (a.interest_free ? ", " + str(t, "case.tl.interest_free") : std::string()));
  lines.push_back(str(t, "case.details.paid_since") + " " + format_kr(a.paid_since_agreement) +
                  " " + str(t, "case.details.of_due") + " " + format_kr(a.due_so_far));
  if (a.next_instalment)
    lines.push_back(str(t, "case.details.next_instalment") + " " + format_date(*a.next_instalment));
  std::string status = str(t, a.defaulted ? "case.details.defaulted" : "case.details.running");
  if (a.defaulted && a.missed_date) status += " " + format_date(*a.missed_date);
  return mstch::map{{"status", status}, {"defaulted", a.defaulted}, {"lines", lines_of(lines)}};
}

mstch::map settlement_view(const Texts& t, const SettlementStatus& s) {
  std::vector<std::string> lines;
  lines.push_back(str(t, "case.details.offered_on") + " " + format_date(s.offered_on));
  lines.push_back(str(t, "case.details.offered_amount") + " " + format_kr(s.offered_amount) + " (" +
                  format_percent_short(s.discount_bp) + " %" + " " +
                  str(t, "case.details.discount_of") + " " + format_kr(s.total_at_offer) + ")");
  lines.push_back(str(t, "case.tl.deadline") + " " + format_date(s.deadline));
  lines.push_back(str(t, "case.details.paid_towards") + " " + format_kr(s.paid_towards));
  std::string key = s.fulfilled  ? "case.details.settlement_fulfilled"
                    : s.lapsed   ? "case.details.settlement_lapsed"
                    : s.accepted ? "case.details.settlement_accepted"
                                 : "case.details.settlement_open";
  return mstch::map{{"status", str(t, key)}, {"lapsed", s.lapsed}, {"lines", lines_of(lines)}};
}

mstch::map alternative(const Texts& t, int64_t number, std::string_view type) {
  std::string k = "case.alt." + std::string(type);
  return mstch::map{
      {"label", str(t, k)}, {"hint", str(t, k + ".hint")}, {"url", handling_url(number, type)}};
}

// Sensible other actions in each flow (the manual's "Nej" answer): never the step the guide
// asks about, and nothing a closed case allows.
std::vector<std::string_view> alternatives_for(Flow f) {
  switch (f) {
    case Flow::track:
    case Flow::settlement:
      return {
          "payment_agreement", "settlement_offer", "pause", "letter", "note", "payment", "close"};
    case Flow::payment_agreement:
      return {"payment", "settlement_offer", "pause", "letter", "note", "close"};
    case Flow::court:
      return {"fundament", "payment", "letter", "note", "pause", "close"};
    case Flow::paid:
      return {"close", "note", "letter", "claim"};
    case Flow::closed:
      return {"note"};
  }
  return {};
}

std::string question_key(ActionType type) {
  return "case.guide.ask." + std::string(to_string(type));
}

}  // namespace

std::map<int64_t, std::string> user_names(Database& db, const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> names;
  soci::session sql(db.pool());
  for (int64_t id : ids) {
    if (id <= 0 || names.count(id)) continue;
    std::string first, last;
    soci::indicator ind = soci::i_null;
    sql << "SELECT first_name, last_name FROM users WHERE id = :id", soci::into(first, ind),
        soci::into(last), soci::use(id);
    if (sql.got_data() && ind == soci::i_ok) names[id] = first + " " + last;
  }
  return names;
}

std::vector<int64_t> event_authors(const StoredCase& c) {
  std::set<int64_t> ids;
  for (const EventMeta& m : c.events)
    if (m.created_by > 0) ids.insert(m.created_by);
  return {ids.begin(), ids.end()};
}

std::string action_title(const Texts& t, const CaseHistory& h, size_t action_index) {
  const Action& a = h.actions[action_index];
  std::string name = str(t, action_key(a.type));
  if (a.type != ActionType::reminder) return name;
  size_t n = 0;
  for (size_t i = 0; i <= action_index; ++i) n += h.actions[i].type == ActionType::reminder;
  return name + " " + str(t, "case.number_short") + " " + std::to_string(n);
}

std::string next_action_title(const Texts& t, const CaseHistory& h, const NextAction& next) {
  std::string name = str(t, action_key(next.type));
  if (next.type != ActionType::reminder) return name;
  size_t n = 1;
  for (const Action& a : h.actions) n += a.type == ActionType::reminder;
  return name + " " + str(t, "case.number_short") + " " + std::to_string(n);
}

mstch::array economy_rows(const Texts& t, const CaseState& s) {
  mstch::array rows;
  rows.push_back(row(str(t, "case.eco.principal"), format_kr(s.principal)));
  rows.push_back(row(str(t, "case.eco.fees"), format_kr(s.fees)));
  rows.push_back(row(str(t, "case.eco.interest"), format_kr(s.interest)));
  rows.push_back(
      row(str(t, "case.eco.total"), format_kr(s.principal + s.fees + s.interest), "total"));
  rows.push_back(row(str(t, "case.eco.paid"), format_kr(s.paid), "paid"));
  if (s.written_off.is_positive())
    rows.push_back(row(str(t, "case.eco.written_off"), format_kr(s.written_off)));
  if (s.overpaid.is_positive())
    rows.push_back(row(str(t, "case.eco.overpaid"), format_kr(s.overpaid), "warn"));
  rows.push_back(row(str(t, "case.eco.outstanding"), format_kr(s.outstanding.total()), "due"));
  return rows;
}

mstch::array allocation_rows(const Texts& t, const CaseState& s) {
  auto r = [](std::string label, Money paid, Money rest) {
    return mstch::map{
        {"label", std::move(label)}, {"paid", format_kr(paid)}, {"rest", format_kr(rest)}};
  };
  return mstch::array{
      r(str(t, "case.eco.principal"), s.allocated.principal, s.outstanding.principal),
      r(str(t, "case.eco.fees"), s.allocated.fees, s.outstanding.fees),
      r(str(t, "case.alloc.interest"), s.allocated.interest, s.outstanding.interest),
  };
}

mstch::array adjustment_items(const CaseState& s) {
  mstch::array items;
  for (const Adjustment& a : s.adjustments)
    items.push_back(mstch::map{{"text", adjustment_message(a)}});
  return items;
}

mstch::map details_view(const Texts& t, const StoredCase& c, const CaseState& s) {
  mstch::map d{
      {"interest_kind", interest_kind_text(t, c.history.interest)},
      {"interest_sentence", interest_sentence(t, c.history.interest)},
      {"first_due", format_date(first_due_date(c.history))},
      {"interest_from", format_date(s.interest_from)},
      {"has_interest_from", s.interest_from.has_value()},
  };
  if (s.agreement) d["agreement"] = agreement_view(t, *s.agreement);
  if (s.settlement) d["settlement"] = settlement_view(t, *s.settlement);
  if (s.paused_until && *s.paused_until >= s.as_of)
    d["paused_until"] = format_date(*s.paused_until);
  return d;
}

namespace {

mstch::map document_view(const Texts& t, int64_t case_number, const CaseDocument& d,
                         int64_t now_unix) {
  mstch::map v{{"title", d.document.title}};
  if (d.document.withdrawn) v["withdrawn"] = true;
  if (d.document.rendered)
    v["url"] = "/sager/" + std::to_string(case_number) + "/dokumenter/" +
               std::to_string(d.document.id);
  else if (d.document.render_error)
    v["render_error"] = *d.document.render_error;
  else
    v["rendering"] = true;
  if (is_court_document_kind(d.document.kind) && !d.document.withdrawn)
    v["file_url"] = "/sager/" + std::to_string(case_number) + "/dokumenter/" +
                    std::to_string(d.document.id) + "/indgiv";
  mstch::array sendings;
  for (const DispatchRow& r : d.sendings) {
    const std::string status(to_string(r.status));
    mstch::map sv{{"channel", str(t, "documents.channel." + std::string(to_string(r.channel)))},
                  {"status", str(t, "documents.status." + status)},
                  {"status_id", status},
                  {"recipient", r.recipient}};
    std::optional<int64_t> at = r.opened_at ? r.opened_at
                                : r.received_at ? r.received_at
                                : r.sent_at     ? r.sent_at
                                : r.failed_at   ? r.failed_at
                                                : std::optional<int64_t>(r.send_at);
    sv["at"] = format_time(*at);
    if (r.status == DispatchStatus::waiting && r.send_at > now_unix)
      sv["planned"] = format_copenhagen_time(r.send_at);
    if (r.open_count > 1) sv["open_count"] = std::to_string(r.open_count);
    if (!r.error.empty()) sv["error"] = r.error;
    sendings.push_back(std::move(sv));
  }
  v["has_sendings"] = !sendings.empty();
  v["sendings"] = std::move(sendings);
  return v;
}

}  // namespace

mstch::array timeline_entries(const Texts& t, const StoredCase& c, const CaseState& s,
                              const std::map<int64_t, std::string>& names,
                              const std::vector<CaseDocument>& documents, int64_t now_unix) {
  std::vector<Entry> entries;
  entries.reserve(c.events.size());
  for (const EventMeta& m : c.events) {
    Entry e;
    switch (m.kind) {
      case EventKind::claim:
        if (m.index >= c.history.claims.size()) continue;
        e = claim_entry(t, c.history.claims[m.index]);
        break;
      case EventKind::credit_note:
        if (m.index >= c.history.credit_notes.size()) continue;
        e = credit_note_entry(t, c.history.credit_notes[m.index]);
        break;
      case EventKind::payment:
        if (m.index >= c.history.payments.size()) continue;
        e = payment_entry(t, c, m.index);
        break;
      case EventKind::action:
        if (m.index >= c.history.actions.size()) continue;
        e = action_entry(t, c, s, m.index);
        break;
      case EventKind::note:
        if (m.index >= c.notes.size()) continue;
        e = note_entry(t, c.notes[m.index]);
        break;
    }
    e.seq = m.seq;
    e.view["has_lines"] = e.has_lines;
    mstch::array docs;
    for (const CaseDocument& d : documents)
      if (d.document.event_seq == m.seq) docs.push_back(document_view(t, c.number, d, now_unix));
    if (!docs.empty()) e.view["documents"] = std::move(docs);
    auto who = names.find(m.created_by);
    e.view["by"] = who == names.end() ? str(t, "case.tl.by_unknown") : who->second;
    e.view["at"] = format_time(m.created_at);
    e.view["date"] = format_date(e.date);
    entries.push_back(std::move(e));
  }
  // Newest first; events of one day in the reverse order they were entered.
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.date != b.date ? a.date > b.date : a.seq > b.seq;
  });
  mstch::array out;
  for (auto& e : entries) out.push_back(std::move(e.view));
  return out;
}

std::string suggestion_sentence(const Texts& t, const CaseHistory& h, const CaseState& s) {
  if (s.flow == Flow::closed) return str(t, "case.guide.closed");
  if (s.flow == Flow::paid) return str(t, "case.guide.paid");
  if (!s.next_action) return str(t, "case.guide.no_step");
  std::string name = next_action_title(t, h, *s.next_action);
  if (s.next_action->date <= s.as_of) return name + ", " + str(t, "case.guide.ready_now") + ".";
  return name + " " + str(t, "case.on") + " " + format_date(s.next_action->date) + ".";
}

mstch::map guide_view(const Texts& t, const CaseHistory& h, const CaseState& s,
                      const GuideInput& in) {
  const std::string base = "/sager/" + std::to_string(in.case_number);
  mstch::map g{{"can_write", in.can_write},
               {"no_url", base + "?guide=nej"},
               {"back_url", base},
               {"show_alternatives", in.show_alternatives && in.can_write}};
  std::vector<std::string> lines;
  if (s.overpaid.is_positive())
    g["warn"] = str(t, "case.guide.overpaid") + " " + format_kr(s.overpaid) + " " +
                str(t, "case.guide.overpaid_tail");

  if (s.flow == Flow::closed) {
    lines.push_back(str(t, "case.guide.closed"));
    if (s.written_off.is_positive())
      lines.push_back(str(t, "case.guide.written_off") + " " + format_kr(s.written_off) + ".");
  } else if (s.flow == Flow::paid) {
    if (in.can_write) {
      g["question"] = str(t, "case.guide.ask_close");
      g["yes_url"] = handling_url(in.case_number, "close");
    } else {
      lines.push_back(str(t, "case.guide.paid"));
    }
  } else if (s.next_action && s.next_action->date <= s.as_of) {
    std::string name = next_action_title(t, h, *s.next_action);
    g["step_name"] = name;
    std::string key = question_key(s.next_action->type);
    if (in.can_write && t.has(key)) {
      g["question"] = str(t, key);
      g["yes_url"] = handling_url(in.case_number, to_string(s.next_action->type));
    } else {
      lines.push_back(str(t, "case.guide.next_step") + " " + name + ", " +
                      str(t, "case.guide.ready_now") + ".");
    }
  } else if (s.next_action) {
    lines.push_back(str(t, "case.guide.next_step") + " " + next_action_title(t, h, *s.next_action) +
                    " " + str(t, "case.on") + " " + format_date(s.next_action->date) + ".");
    lines.push_back(str(t, "case.guide.nothing_now"));
  } else if (s.flow == Flow::payment_agreement) {
    lines.push_back(str(t, "case.guide.agreement_running"));
    if (s.agreement && s.agreement->next_instalment)
      lines.push_back(str(t, "case.details.next_instalment") + " " +
                      format_date(*s.agreement->next_instalment) + ".");
    lines.push_back(str(t, "case.guide.nothing_now"));
  } else if (s.flow == Flow::court) {
    lines.push_back(str(t, "case.guide.court_waiting"));
  } else {
    lines.push_back(str(t, "case.guide.no_step"));
  }
  if (s.paused_until && *s.paused_until >= s.as_of && s.flow != Flow::closed)
    lines.push_back(str(t, "case.guide.paused") + " " + format_date(*s.paused_until) + ".");
  g["lines"] = lines_of(lines);

  mstch::array alts;
  for (std::string_view type : alternatives_for(s.flow))
    alts.push_back(alternative(t, in.case_number, type));
  g["alternatives"] = alts;
  // Without a question, the alternatives are offered straight away as "other actions".
  g["offer_alternatives"] = in.can_write && !g.count("question") && !in.show_alternatives;
  return g;
}

}  // namespace inkasso::web
