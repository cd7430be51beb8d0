#include "web/case_action_forms.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <initializer_list>

#include "app/local_time.h"
#include "core/calculators.h"
#include "core/fees.h"
#include "core/law_table.h"
#include "core/rules.h"
#include "core/suggested_action.h"
#include "core/text.h"
#include "web/domain_names.h"
#include "web/view_support.h"

namespace inkasso::web {

namespace {

constexpr std::array kForms = {
    FormType{"reminder", FormKind::action, ActionType::reminder, FormGroup::letters},
    FormType{"collection_notice", FormKind::action, ActionType::collection_notice,
             FormGroup::letters},
    FormType{"collection_demand", FormKind::action, ActionType::collection_demand,
             FormGroup::letters},
    FormType{"settlement_offer", FormKind::action, ActionType::settlement_offer,
             FormGroup::letters},
    FormType{"payment_agreement", FormKind::action, ActionType::payment_agreement,
             FormGroup::letters},
    FormType{"missing_payment_letter", FormKind::action, ActionType::missing_payment_letter,
             FormGroup::letters},
    FormType{"agreement_default_warning", FormKind::action, ActionType::agreement_default_warning,
             FormGroup::letters},
    FormType{"agreement_terminated", FormKind::action, ActionType::agreement_terminated,
             FormGroup::letters},
    FormType{"letter", FormKind::action, ActionType::letter, FormGroup::letters},
    FormType{"payment_order", FormKind::action, ActionType::payment_order, FormGroup::court},
    FormType{"enforcement_request", FormKind::action, ActionType::enforcement_request,
             FormGroup::court},
    FormType{"fundament", FormKind::action, ActionType::fundament, FormGroup::court},
    FormType{"payment", FormKind::payment, ActionType::letter, FormGroup::case_events},
    FormType{"claim", FormKind::claim, ActionType::letter, FormGroup::case_events},
    FormType{"credit_note", FormKind::credit_note, ActionType::letter, FormGroup::case_events},
    FormType{"settlement_accepted", FormKind::action, ActionType::settlement_accepted,
             FormGroup::case_events},
    FormType{"note", FormKind::note, ActionType::letter, FormGroup::case_events},
    FormType{"pause", FormKind::action, ActionType::pause, FormGroup::case_events},
    FormType{"close", FormKind::action, ActionType::close, FormGroup::case_events},
};

constexpr size_t kRefCharsMax = 200;
constexpr size_t kNoteBytesMax = 10'000;

const LawTable& law() {
  return default_law_table();
}

// `text` with each "{}" replaced by the next of `args`.
std::string fill(std::string_view text, std::initializer_list<std::string> args) {
  std::string out;
  auto arg = args.begin();
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 1 < text.size() && text[i + 1] == '}' && arg != args.end()) {
      out += *arg++;
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool is_reminder(ActionType t) {
  return t == ActionType::reminder || t == ActionType::collection_notice;
}

bool is_court(ActionType t) {
  return t == ActionType::payment_order || t == ActionType::enforcement_request;
}

bool has_fundament(const CaseHistory& h) {
  return std::any_of(h.actions.begin(), h.actions.end(),
                     [](const Action& a) { return a.type == ActionType::fundament; });
}

Money remaining_on_claim(const CaseHistory& h, size_t index) {
  Money left = h.claims[index].amount;
  for (const CreditNote& n : h.credit_notes)
    if (credit_note_target(h, n) == index) left -= n.amount;
  return left;
}

const std::string& value_of(const FormValues& values, const std::string& name) {
  static const std::string kEmpty;
  auto it = values.find(name);
  return it == values.end() ? kEmpty : it->second;
}

bool checked(const FormValues& values, const std::string& name) {
  return !value_of(values, name).empty();
}

// A discount: above 0 and below 100 %.
std::optional<int32_t> parse_discount_bp(std::string_view text) {
  auto bp = parse_percent(text);
  if (!bp || *bp <= 0 || *bp >= 10'000) return std::nullopt;
  return bp;
}

// Reads typed fields into values of the domain, recording a Danish error per bad field.
class FieldReader {
 public:
  FieldReader(const FormValues& values, const Texts& texts, FieldErrors& errors)
      : values_(values), texts_(texts), errors_(errors) {}

  const std::string& raw(const std::string& name) const { return value_of(values_, name); }
  bool checked(const std::string& name) const { return !raw(name).empty(); }
  void error(const std::string& name, std::string message) {
    errors_.emplace(name, std::move(message));
  }
  void error_key(const std::string& name, std::string_view key) { error(name, texts_.get(key)); }

  std::optional<Date> date(const std::string& name) {
    auto d = parse_date_input(raw(name));
    if (d) return *d;
    error(name, d.error().message);
    return std::nullopt;
  }
  // An action's or event's own date: not in the future (the case is evaluated on today).
  std::optional<Date> past_date(const std::string& name, Date today) {
    auto d = date(name);
    if (d && *d > today) {
      error_key(name, "actions.error.date_future");
      return std::nullopt;
    }
    return d;
  }
  std::optional<Money> money(const std::string& name) {
    auto m = parse_money_input(raw(name));
    if (!m) {
      error(name, m.error().message);
      return std::nullopt;
    }
    if (m->is_negative()) {
      error_key(name, "actions.error.negative");
      return std::nullopt;
    }
    return *m;
  }
  std::optional<Money> positive_money(const std::string& name) {
    auto m = money(name);
    if (m && !m->is_positive()) {
      error_key(name, "actions.error.amount_positive");
      return std::nullopt;
    }
    return m;
  }
  // A deadline after `date` (when the date itself parsed).
  std::optional<Date> deadline(const std::string& name, std::optional<Date> date) {
    auto d = this->date(name);
    if (d && date && *d <= *date) {
      error_key(name, "actions.error.deadline_before");
      return std::nullopt;
    }
    return d;
  }

 private:
  const FormValues& values_;
  const Texts& texts_;
  FieldErrors& errors_;
};

void parse_reminder(FieldReader& r, Action& a, bool date_ok) {
  a.fee = r.raw("fee").empty() ? Money::zero() : r.money("fee").value_or(Money::zero());
  a.compensation = r.checked("compensation");
  auto d = r.deadline("deadline", date_ok ? std::optional<Date>(a.date) : std::nullopt);
  if (d) a.deadline = *d;
}

void parse_agreement(FieldReader& r, const CaseHistory& h, Action& a, bool date_ok,
                     const Texts& texts) {
  auto instalment = r.positive_money("instalment");
  auto first = r.date("first_date");
  if (first && date_ok && *first < a.date) {
    r.error_key("first_date", "actions.error.first_date_before");
    first.reset();
  }
  Money down;
  if (!r.raw("down_payment").empty()) down = r.money("down_payment").value_or(Money::zero());
  std::optional<Date> down_date;
  if (down.is_positive()) {
    if (r.raw("down_date").empty())
      r.error_key("down_date", "actions.error.down_date_missing");
    else if ((down_date = r.date("down_date")) && date_ok && *down_date < a.date) {
      r.error_key("down_date", "actions.error.down_date_before");
      down_date.reset();
    }
  }
  a.interest_free = r.checked("interest_free");
  if (!instalment || !first || !date_ok) return;
  a.instalment = *instalment;
  a.first_date = first;
  a.down_payment = down;
  a.down_date = down.is_positive() ? down_date : std::nullopt;
  // The engine accepts any positive instalment; the calculator knows when it would never pay
  // the debt. Such an agreement is refused here, beside the field.
  AgreementTerms terms{a.date, a.instalment, *first, down, a.down_date, a.interest_free};
  auto schedule = agreement_schedule(h, terms);
  if (!schedule && schedule.error().field == "instalment")
    r.error("instalment", texts.get("actions.calc.instalment_small"));
}

void parse_action(const FormType& type, const CaseView& view, Date today, FieldReader& r,
                  const Texts& texts, Action& a) {
  const CaseHistory& h = view.stored.history;
  a.type = type.action;
  bool date_ok = true;
  if (type.action == ActionType::pause) {
    a.date = today;  // pause_case pauses from today
    auto until = r.date("until");
    if (until && *until <= today) r.error_key("until", "actions.error.until_after");
    if (until) a.until = *until;
    return;
  }
  auto d = r.past_date("date", today);
  date_ok = d.has_value();
  a.date = d.value_or(today);
  switch (type.action) {
    case ActionType::reminder:
    case ActionType::collection_notice:
      parse_reminder(r, a, date_ok);
      if (type.action == ActionType::collection_notice && date_ok && a.deadline &&
          *a.deadline - a.date < law().collection_notice_days_min)
        r.error("deadline", fill(texts.get("actions.error.notice_deadline"),
                                 {std::to_string(law().collection_notice_days_min)}));
      break;
    case ActionType::collection_demand:
    case ActionType::missing_payment_letter:
    case ActionType::agreement_default_warning:
      if (auto dl = r.deadline("deadline", date_ok ? d : std::nullopt)) a.deadline = dl;
      break;
    case ActionType::settlement_offer: {
      auto bp = parse_discount_bp(r.raw("discount"));
      if (!bp) r.error_key("discount", "actions.error.discount");
      a.discount_bp = bp.value_or(0);
      if (auto dl = r.deadline("deadline", date_ok ? d : std::nullopt)) a.deadline = dl;
      break;
    }
    case ActionType::payment_agreement:
      parse_agreement(r, h, a, date_ok, texts);
      break;
    case ActionType::agreement_terminated: {
      auto track = track_from_string(r.raw("track"));
      if (!track) r.error_key("track", "actions.error.track");
      a.track = track.value_or(view.state.track);
      break;
    }
    case ActionType::payment_order:
    case ActionType::enforcement_request:
      a.court_fee_added = r.checked("court_fee_added");
      break;
    case ActionType::fundament: {
      auto kind = fundament_kind_from_string(r.raw("fundament"));
      if (!kind) r.error_key("fundament", "actions.error.fundament");
      a.fundament = kind.value_or(FundamentKind::dom);
      break;
    }
    default:
      break;
  }
}

std::vector<std::string_view> fields_of(const FormType& type) {
  switch (type.kind) {
    case FormKind::payment:
      return {"date", "amount", "method"};
    case FormKind::claim:
      return {"ref", "invoice_date", "due_date", "amount"};
    case FormKind::credit_note:
      return {"claim", "date", "amount"};
    case FormKind::note:
      return {"text"};
    case FormKind::action:
      break;
  }
  switch (type.action) {
    case ActionType::reminder:
    case ActionType::collection_notice:
      return {"date", "fee", "compensation", "deadline"};
    case ActionType::collection_demand:
    case ActionType::missing_payment_letter:
    case ActionType::agreement_default_warning:
      return {"date", "deadline"};
    case ActionType::settlement_offer:
      return {"date", "discount", "deadline"};
    case ActionType::payment_agreement:
      return {"date", "instalment", "first_date", "down_payment", "down_date", "interest_free"};
    case ActionType::agreement_terminated:
      return {"date", "track"};
    case ActionType::letter:
      return {"date", "subject", "text"};
    case ActionType::payment_order:
    case ActionType::enforcement_request:
      return {"date", "court_fee_added"};
    case ActionType::fundament:
      return {"date", "fundament"};
    case ActionType::pause:
      return {"until"};
    default:
      return {"date"};
  }
}

mstch::array options(const std::vector<std::pair<std::string, std::string>>& value_labels,
                     const std::string& selected) {
  mstch::array out;
  for (const auto& [value, label] : value_labels)
    out.push_back(mstch::map{{"value", value}, {"label", label}, {"selected", value == selected}});
  return out;
}

void add_settlement_quote(const CaseView& view, const Action& a, const Texts& texts,
                          mstch::map& data, FieldErrors& errors) {
  auto q = settlement_quote(view.stored.history, a.date, a.discount_bp, a.deadline);
  if (!q) {
    errors.emplace(q.error().field == "deadline" ? "deadline" : "date",
                   texts.get("actions.calc.quote_failed"));
    return;
  }
  data["quote"] = mstch::map{
      {"offered_on", format_date(q->offered_on)},         {"deadline", format_date(q->deadline)},
      {"discount", format_percent_short(q->discount_bp)}, {"total", format_kr(q->total)},
      {"offered_amount", format_kr(q->offered_amount)},   {"saving", format_kr(q->saving)},
      {"court_date", format_date(q->court_date)},         {"court_fee", format_kr(q->court_fee)},
      {"total_if_court", format_kr(q->total_if_court)},
  };
}

void add_schedule(const CaseView& view, const Action& a, const Texts& texts, mstch::map& data,
                  FieldErrors& errors) {
  AgreementTerms terms{a.date,         a.instalment, *a.first_date,
                       a.down_payment, a.down_date,  a.interest_free};
  auto s = agreement_schedule(view.stored.history, terms);
  if (!s) {
    errors.emplace(s.error().field == "instalment" ? "instalment" : "date",
                   texts.get(s.error().field == "instalment" ? "actions.calc.instalment_small"
                                                             : "actions.calc.schedule_failed"));
    return;
  }
  mstch::array rows;
  for (const ScheduleRow& row : s->rows)
    rows.push_back(mstch::map{
        {"number",
         row.number == 0 ? texts.get("actions.schedule.down") : std::to_string(row.number)},
        {"date", format_date(row.date)},
        {"amount", format_kr(row.amount)},
        {"interest", format_kr(row.interest)},
        {"fees", format_kr(row.fees)},
        {"principal", format_kr(row.principal)},
        {"remaining", format_kr(row.remaining)},
    });
  mstch::map schedule{
      {"debt_at_start", format_kr(s->debt_at_start)},
      {"instalments", std::to_string(s->instalments)},
      {"first_date", format_date(s->terms.first_date)},
      {"last_date", format_date(s->last_date)},
      {"total_paid", format_kr(s->total_paid)},
      {"total_interest", format_kr(s->total_interest)},
      {"rows", rows},
  };
  if (s->annual_rate_bp) schedule["rate"] = format_rate(*s->annual_rate_bp) + " %";
  data["schedule"] = schedule;
}

void add_action_extras(const FormType& type, const CaseView& view, Date today,
                       const FormValues& values, const ActionCommand* command, const Texts& texts,
                       mstch::map& data, FieldErrors& errors) {
  const CaseHistory& h = view.stored.history;
  const Action* a = command ? &command->action : nullptr;
  if (has_deadline(type.action) && type.action != ActionType::settlement_offer)
    data["deadline_hint"] =
        fill(texts.get("actions.deadline.hint"), {texts.get(track_key(view.state.track))});
  switch (type.action) {
    case ActionType::reminder:
    case ActionType::collection_notice: {
      data["fee_hint"] =
          fill(texts.get("actions.reminder.fee_hint"),
               {law().reminder_fee_max.to_kr(), std::to_string(law().fee_bearing_reminders_max),
                std::to_string(law().reminder_fee_spacing_days_min)});
      if (!reminder_fee_lawful(h, today, law())) data["fee_blocked"] = true;
      if (h.debtor == DebtorKind::company)
        data["compensation_hint"] = fill(texts.get("actions.reminder.compensation_hint"),
                                         {law().compensation_per_claim.to_kr()});
      else
        data["compensation_private"] = true;
      if (h.debtor == DebtorKind::company || checked(values, "compensation"))
        data["show_compensation"] = true;
      break;
    }
    case ActionType::settlement_offer:
      if (a) add_settlement_quote(view, *a, texts, data, errors);
      break;
    case ActionType::payment_agreement:
      data["instalment_hint"] = fill(texts.get("actions.agreement.instalment_hint"),
                                     {std::to_string(law().agreement_months_suggested)});
      if (!has_fundament(h)) data["no_fundament"] = true;
      if (a) add_schedule(view, *a, texts, data, errors);
      break;
    case ActionType::agreement_terminated: {
      std::vector<std::pair<std::string, std::string>> tracks;
      for (Track t : {Track::gentle, Track::standard, Track::fast})
        tracks.emplace_back(std::string(to_string(t)), texts.get(track_key(t)));
      data["tracks"] = options(tracks, value_of(values, "track"));
      break;
    }
    case ActionType::payment_order:
    case ActionType::enforcement_request: {
      Money fee = type.action == ActionType::payment_order ? law().court_fee_payment_order
                                                           : law().court_fee_enforcement;
      data["court_fee_notice"] = fill(texts.get("actions.court.fee_notice"), {fee.to_kr()});
      data["court_fee_added_label"] =
          fill(texts.get("actions.court.fee_added_label"), {fee.to_kr()});
      if (type.action == ActionType::payment_order)
        data["payment_order_info"] = fill(texts.get("actions.court.payment_order_info"),
                                          {std::to_string(law().payment_order_objection_days),
                                           law().payment_order_principal_max.to_kr()});
      data[has_fundament(h) ? "has_fundament" : "no_fundament"] = true;
      break;
    }
    case ActionType::fundament: {
      std::vector<std::pair<std::string, std::string>> kinds;
      for (FundamentKind k :
           {FundamentKind::dom, FundamentKind::forlig, FundamentKind::skyldnererklaering,
            FundamentKind::gaeldsbrev, FundamentKind::pantebrev, FundamentKind::betalingspaakrav})
        kinds.emplace_back(std::string(to_string(k)), texts.get(fundament_key(k)));
      data["fundaments"] = options(kinds, value_of(values, "fundament"));
      break;
    }
    case ActionType::pause:
      if (view.state.paused_until) data["paused_until"] = format_date(*view.state.paused_until);
      break;
    case ActionType::close: {
      Action close;
      close.type = ActionType::close;
      close.date = a ? a->date : today;
      CaseHistory closed = h;
      closed.actions.push_back(close);
      auto state = evaluate(closed, close.date);
      if (state) {
        data["written_off"] = format_kr(state->written_off);
        data["close_date"] = format_date(close.date);
        if (!state->written_off.is_positive()) data["nothing_written_off"] = true;
      }
      break;
    }
    default:
      break;
  }
}

}  // namespace

std::span<const FormType> action_form_types() {
  return kForms;
}

const FormType* find_action_form(std::string_view id) {
  for (const FormType& f : kForms)
    if (f.id == id) return &f;
  return nullptr;
}

Action default_action(const FormType& type, const CaseView& view, Date day) {
  return suggested_action(view.stored.history, type.action, view.state.track, day);
}

FormValues prefill(const FormType& type, const CaseView& view, Date today, int64_t version) {
  FormValues v;
  v["type"] = std::string(type.id);
  v["version"] = std::to_string(version);
  const CaseHistory& h = view.stored.history;
  switch (type.kind) {
    case FormKind::payment:
      v["date"] = today.to_iso();
      v["method"] = std::string(to_string(PaymentMethod::bank_transfer));
      return v;
    case FormKind::claim:
      // The due date is left to the creditor: it decides when interest starts.
      v["invoice_date"] = today.to_iso();
      return v;
    case FormKind::credit_note:
      v["date"] = today.to_iso();
      if (h.claims.size() == 1) v["claim"] = "0";
      return v;
    case FormKind::note:
      return v;
    case FormKind::action:
      break;
  }
  Action a = default_action(type, view, today);
  v["date"] = a.date.to_iso();
  if (is_reminder(a.type)) {
    v["fee"] = a.fee.to_danish();
    if (a.compensation) v["compensation"] = "1";
  }
  if (a.deadline) v["deadline"] = a.deadline->to_iso();
  if (a.type == ActionType::settlement_offer) v["discount"] = format_percent_short(a.discount_bp);
  if (a.type == ActionType::payment_agreement) {
    if (a.instalment.is_positive()) v["instalment"] = a.instalment.to_danish();
    v["first_date"] = a.first_date->to_iso();
  }
  if (a.type == ActionType::agreement_terminated) v["track"] = std::string(to_string(a.track));
  if (is_court(a.type) && a.court_fee_added) v["court_fee_added"] = "1";
  if (a.type == ActionType::fundament) v["fundament"] = std::string(to_string(a.fundament));
  if (a.type == ActionType::pause) v["until"] = a.until->to_iso();
  return v;
}

ActionCommand parse_form(const FormType& type, const CaseView& view, Date today,
                         const FormValues& values, const Texts& texts, FieldErrors& errors) {
  ActionCommand c;
  FieldReader r(values, texts, errors);
  const CaseHistory& h = view.stored.history;
  switch (type.kind) {
    case FormKind::action:
      parse_action(type, view, today, r, texts, c.action);
      if (type.action == ActionType::letter) {
        c.subject = r.raw("subject");
        c.text = r.raw("text");
        if (c.subject.size() > 200) r.error_key("subject", "actions.error.subject_long");
        if (c.text.size() > kNoteBytesMax) r.error_key("text", "actions.error.text_long");
      }
      break;
    case FormKind::payment: {
      auto d = r.past_date("date", today);
      auto m = r.positive_money("amount");
      auto method = payment_method_from_string(r.raw("method"));
      if (!method) r.error_key("method", "actions.error.method");
      if (d && m) c.payment = RecordedPayment{*d, *m, method};
      break;
    }
    case FormKind::claim: {
      c.claim.ref = trim(r.raw("ref"));
      if (c.claim.ref.empty()) r.error_key("ref", "actions.error.ref_missing");
      if (c.claim.ref.size() > kRefCharsMax) r.error_key("ref", "actions.error.ref_long");
      auto invoiced = r.date("invoice_date");
      auto due = r.date("due_date");
      if (invoiced && due && *due < *invoiced) {
        r.error_key("due_date", "actions.error.due_before_invoice");
        due.reset();
      }
      auto m = r.positive_money("amount");
      if (invoiced && due && m) {
        c.claim.invoice_date = *invoiced;
        c.claim.due_date = *due;
        c.claim.amount = *m;
      }
      break;
    }
    case FormKind::credit_note: {
      auto index = parse_int(r.raw("claim"));
      bool claim_ok = index && *index >= 0 && static_cast<size_t>(*index) < h.claims.size();
      if (!claim_ok) r.error_key("claim", "actions.error.claim_missing");
      auto d = r.past_date("date", today);
      auto m = r.positive_money("amount");
      if (!claim_ok) break;
      size_t i = static_cast<size_t>(*index);
      const Claim& claim = h.claims[i];
      if (d && *d < claim.invoice_date) {
        r.error("date", fill(texts.get("actions.error.credit_before_invoice"),
                             {format_date(claim.invoice_date)}));
        d.reset();
      }
      Money left = remaining_on_claim(h, i);
      if (m && *m > left) {
        r.error("amount", fill(texts.get("actions.error.credit_too_much"), {left.to_kr()}));
        m.reset();
      }
      if (d && m) c.credit_note = CreditNote{claim.ref, *d, *m};
      break;
    }
    case FormKind::note:
      c.text = r.raw("text");
      break;
  }
  return c;
}

std::string form_field_of(const FormType& type, std::string_view error_field) {
  std::string_view name = error_field;
  if (auto dot = name.rfind('.'); dot != std::string_view::npos) name = name.substr(dot + 1);
  if (name == "discount_percent") name = "discount";
  for (std::string_view f : fields_of(type))
    if (f == name) return std::string(name);
  return {};
}

void add_form_extras(const FormType& type, const CaseView& view, Date today,
                     const FormValues& values, const ActionCommand* command, const Texts& texts,
                     mstch::map& data, FieldErrors& errors) {
  const CaseHistory& h = view.stored.history;
  switch (type.kind) {
    case FormKind::action:
      add_action_extras(type, view, today, values, command, texts, data, errors);
      break;
    case FormKind::payment: {
      std::vector<std::pair<std::string, std::string>> methods;
      for (PaymentMethod m : {PaymentMethod::bank_transfer, PaymentMethod::cash,
                              PaymentMethod::card, PaymentMethod::accounting})
        methods.emplace_back(std::string(to_string(m)), texts.get(payment_method_key(m)));
      data["methods"] = options(methods, value_of(values, "method"));
      data["outstanding"] = format_kr(view.state.outstanding.total());
      break;
    }
    case FormKind::credit_note: {
      std::vector<std::pair<std::string, std::string>> claims;
      for (size_t i = 0; i < h.claims.size(); ++i) {
        const Claim& c = h.claims[i];
        claims.emplace_back(std::to_string(i),
                            fill(texts.get("actions.credit_note.claim_option"),
                                 {c.ref, format_date(c.invoice_date), c.amount.to_kr(),
                                  remaining_on_claim(h, i).to_kr()}));
      }
      data["claims"] = options(claims, value_of(values, "claim"));
      break;
    }
    case FormKind::claim:
    case FormKind::note:
      break;
  }
}

namespace {

// "09:30", "09.30", "9:30", "0930" → hour and minute; nullopt when it is no time of day.
std::optional<std::pair<int, int>> parse_clock_time(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  std::string digits;
  size_t separators = 0, separator_at = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == ':' || c == '.') {
      ++separators;
      separator_at = i;
    } else {
      return std::nullopt;
    }
  }
  if (separators > 1 || digits.size() < 3 || digits.size() > 4) return std::nullopt;
  // With a separator the minutes are the two digits after it; without, the last two.
  if (separators == 1 && text.size() - separator_at - 1 != 2) return std::nullopt;
  const int hour = std::stoi(digits.substr(0, digits.size() - 2));
  const int minute = std::stoi(digits.substr(digits.size() - 2));
  if (hour > 23 || minute > 59) return std::nullopt;
  return std::pair{hour, minute};
}

}  // namespace

std::optional<int64_t> parse_send_at(const FormValues& values, int64_t now_unix, const Texts& texts,
                                     FieldErrors& errors) {
  if (value_of(values, "send_when") != "later") return std::nullopt;
  auto day = parse_date_input(value_of(values, "send_date"));
  if (!day) {
    errors.emplace("send_at", texts.get("sending.when.error.date"));
    return std::nullopt;
  }
  auto time = parse_clock_time(value_of(values, "send_time"));
  if (!time) {
    errors.emplace("send_at", texts.get("sending.when.error.time"));
    return std::nullopt;
  }
  auto at = sending_time(*day, time->first, time->second, now_unix);
  if (!at) {
    errors.emplace("send_at", at.error().message);
    return std::nullopt;
  }
  return *at;
}

void prefill_send_at(FormValues& values, Date today) {
  values["send_when"] = "now";
  values["send_date"] = (today + 1).to_iso();
  values["send_time"] = "09:00";
}

}  // namespace inkasso::web
