#include "web/wizard_form.h"

#include <algorithm>
#include <numeric>

#include "core/text.h"
#include "web/view_support.h"

namespace inkasso::web {
namespace {

// A row count as posted, within [min, kWizardRowsMax].
size_t read_count(const Request& req, const char* name, size_t min) {
  auto n = parse_int(req.form_value(name));
  if (!n || *n < 0) return min;
  return std::clamp(static_cast<size_t>(*n), min, kWizardRowsMax);
}

// A date as typed becomes ISO when it is one, so <input type="date"> shows it again; anything
// else is kept as typed, to be shown with its error.
std::string normal_date(const std::string& typed) {
  auto d = parse_date_input(typed);
  return d ? d->to_iso() : trim(typed);
}

bool blank(const std::string& s) {
  return trim(s).empty();
}

// A date field: parsed, or an error beside it.
std::optional<Date> read_date(const std::string& text, const std::string& field,
                              WizardErrors& errors) {
  auto d = parse_date_input(text);
  if (!d) {
    errors.emplace(field, d.error().message);
    return std::nullopt;
  }
  return *d;
}

std::optional<Money> read_money(const std::string& text, const std::string& field,
                                WizardErrors& errors) {
  auto m = parse_money_input(text);
  if (!m) {
    errors.emplace(field, m.error().message);
    return std::nullopt;
  }
  return *m;
}

void validate_claims(const WizardDraft& d, const Texts& t, Date today, WizardValues& values,
                     WizardErrors& errors) {
  values.claims.clear();
  for (size_t i = 0; i < d.claims.size(); ++i) {
    const WizardClaimRow& row = d.claims[i];
    auto f = [&](const char* name) { return wizard_field("claim", i, name); };
    std::string ref = trim(row.ref);
    if (ref.empty())
      errors.emplace(f("ref"), t.get("wizard.error.ref_required"));
    else if (ref.size() > kWizardRefMax)
      errors.emplace(f("ref"), t.get("wizard.error.ref_too_long"));
    auto invoice = read_date(row.invoice_date, f("invoice_date"), errors);
    if (invoice && *invoice > today)
      errors.emplace(f("invoice_date"), t.get("wizard.error.invoice_date_future"));
    auto due = read_date(row.due_date, f("due_date"), errors);
    if (invoice && due && *due < *invoice)
      errors.emplace(f("due_date"), t.get("wizard.error.due_before_invoice"));
    auto amount = read_money(row.amount, f("amount"), errors);
    if (amount && !amount->is_positive())
      errors.emplace(f("amount"), t.get("wizard.error.amount_positive"));
    if (invoice && due && amount) values.claims.push_back(Claim{ref, *invoice, *due, *amount});
  }
}

void validate_payments(const WizardDraft& d, const Texts& t, Date today, WizardValues& values,
                       WizardErrors& errors) {
  values.payments.clear();
  for (size_t i = 0; i < d.payments.size(); ++i) {
    const WizardPaymentRow& row = d.payments[i];
    auto f = [&](const char* name) { return wizard_field("payment", i, name); };
    auto date = read_date(row.date, f("date"), errors);
    if (date && *date > today) errors.emplace(f("date"), t.get("wizard.error.payment_future"));
    auto amount = read_money(row.amount, f("amount"), errors);
    if (amount && !amount->is_positive())
      errors.emplace(f("amount"), t.get("wizard.error.amount_positive"));
    if (date && amount) values.payments.push_back(RecordedPayment{*date, *amount, std::nullopt});
  }
}

void validate_reminders(const WizardDraft& d, const Texts& t, Date today, bool is_company,
                        WizardValues& values, WizardErrors& errors) {
  std::vector<SentReminder> rows;
  std::vector<size_t> row_of;
  for (size_t i = 0; i < d.reminders.size(); ++i) {
    const WizardReminderRow& row = d.reminders[i];
    auto f = [&](const char* name) { return wizard_field("reminder", i, name); };
    auto fee = read_money(row.fee, f("fee"), errors);
    if (fee && fee->is_negative()) errors.emplace(f("fee"), t.get("wizard.error.fee_negative"));
    auto date = read_date(row.date, f("date"), errors);
    if (date && *date > today) errors.emplace(f("date"), t.get("wizard.error.reminder_future"));
    if (!fee || !date) continue;
    rows.push_back(SentReminder{*date, *fee, row.notice, is_company && row.compensation});
    row_of.push_back(i);
  }
  // create_case takes them in date order; the rows may have been typed in any order.
  std::vector<size_t> order(rows.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return rows[a].date < rows[b].date; });
  values.reminders.clear();
  values.reminder_rows.clear();
  for (size_t k : order) {
    values.reminders.push_back(rows[k]);
    values.reminder_rows.push_back(row_of[k]);
  }
}

}  // namespace

std::string wizard_field(const char* list, size_t index, const char* name) {
  return std::string(list) + "_" + std::to_string(index) + "_" + name;
}

WizardDraft new_wizard_draft(int64_t debtor_id) {
  WizardDraft d;
  d.debtor_id = debtor_id;
  d.claims.emplace_back();
  return d;
}

WizardDraft read_wizard_draft(const Request& req) {
  WizardDraft d;
  d.debtor_id = parse_int(req.form_value("skyldner")).value_or(0);
  d.step = static_cast<int>(
      std::clamp<int64_t>(parse_int(req.form_value("trin")).value_or(1), 1, kWizardSteps));
  auto v = [&](const char* list, size_t i, const char* name) -> const std::string& {
    return req.form_value(wizard_field(list, i, name));
  };
  for (size_t i = 0, n = read_count(req, "claim_count", 1); i < n; ++i)
    d.claims.push_back(
        WizardClaimRow{trim(v("claim", i, "ref")), normal_date(v("claim", i, "invoice_date")),
                       normal_date(v("claim", i, "due_date")), trim(v("claim", i, "amount"))});
  for (size_t i = 0, n = read_count(req, "payment_count", 0); i < n; ++i)
    d.payments.push_back(
        WizardPaymentRow{normal_date(v("payment", i, "date")), trim(v("payment", i, "amount"))});
  for (size_t i = 0, n = read_count(req, "reminder_count", 0); i < n; ++i)
    d.reminders.push_back(WizardReminderRow{
        trim(v("reminder", i, "fee")), normal_date(v("reminder", i, "date")),
        v("reminder", i, "notice") == "1", v("reminder", i, "compensation") == "1"});
  d.track = req.form_value("track");
  d.step4_seen = req.form_value("step4_seen") == "1";
  d.batch_follow_up = !d.step4_seen || req.form_value("batch_follow_up") == "1";
  return d;
}

Fields wizard_count_fields(const WizardDraft& d) {
  return {{"claim_count", std::to_string(d.claims.size())},
          {"payment_count", std::to_string(d.payments.size())},
          {"reminder_count", std::to_string(d.reminders.size())}};
}

Fields wizard_step_fields(const WizardDraft& d, int step) {
  Fields out;
  switch (step) {
    case 1:
      for (size_t i = 0; i < d.claims.size(); ++i) {
        const auto& r = d.claims[i];
        out.emplace_back(wizard_field("claim", i, "ref"), r.ref);
        out.emplace_back(wizard_field("claim", i, "invoice_date"), r.invoice_date);
        out.emplace_back(wizard_field("claim", i, "due_date"), r.due_date);
        out.emplace_back(wizard_field("claim", i, "amount"), r.amount);
      }
      break;
    case 2:
      for (size_t i = 0; i < d.payments.size(); ++i) {
        out.emplace_back(wizard_field("payment", i, "date"), d.payments[i].date);
        out.emplace_back(wizard_field("payment", i, "amount"), d.payments[i].amount);
      }
      break;
    case 3:
      for (size_t i = 0; i < d.reminders.size(); ++i) {
        const auto& r = d.reminders[i];
        out.emplace_back(wizard_field("reminder", i, "fee"), r.fee);
        out.emplace_back(wizard_field("reminder", i, "date"), r.date);
        if (r.notice) out.emplace_back(wizard_field("reminder", i, "notice"), "1");
        if (r.compensation) out.emplace_back(wizard_field("reminder", i, "compensation"), "1");
      }
      break;
    case 4:
      if (!d.track.empty()) out.emplace_back("track", d.track);
      if (d.step4_seen) {
        out.emplace_back("step4_seen", "1");
        if (d.batch_follow_up) out.emplace_back("batch_follow_up", "1");
      }
      break;
    default:
      break;
  }
  return out;
}

void drop_blank_rows(WizardDraft& d, int step) {
  if (step == 2)
    std::erase_if(d.payments, [](const auto& r) { return blank(r.date) && blank(r.amount); });
  if (step == 3)
    std::erase_if(d.reminders, [](const auto& r) {
      return blank(r.fee) && blank(r.date) && !r.notice && !r.compensation;
    });
}

bool validate_wizard_step(const WizardDraft& d, int step, const Texts& texts, Date today,
                          bool is_company, WizardValues& values, WizardErrors& errors) {
  const size_t before = errors.size();
  switch (step) {
    case 1:
      validate_claims(d, texts, today, values, errors);
      break;
    case 2:
      validate_payments(d, texts, today, values, errors);
      break;
    case 3:
      validate_reminders(d, texts, today, is_company, values, errors);
      break;
    case 4:
      if (auto t = track_from_string(d.track))
        values.track = *t;
      else
        errors.emplace("track", texts.get("wizard.error.track"));
      break;
    default:
      break;
  }
  return errors.size() == before;
}

NewCase wizard_new_case(const WizardDraft& d, const WizardValues& values) {
  NewCase c;
  c.debtor_id = d.debtor_id;
  c.claims = values.claims;
  c.payments = values.payments;
  c.reminders = values.reminders;
  c.track = values.track;
  c.batch_follow_up = d.batch_follow_up;
  return c;
}

}  // namespace inkasso::web
