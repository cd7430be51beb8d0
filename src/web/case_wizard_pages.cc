// "Opret sag" (/sager/ny): choose the debtor, then the manual's four steps (Gæld, Betalinger,
// Rykkere, Sagsforløb) and create the case.
//
// One address answers every step: GET shows the choice of debtor (or step 1 for
// ?skyldner={id}); each POST names the step it came from ("trin") and what was pressed
// ("handling"): next, back, a step of the indicator, add or remove a row, create. The other
// steps' values ride along in hidden fields (wizard_form.h), so nothing typed is ever lost.
#include <algorithm>
#include <array>

#include "app/accounts.h"
#include "app/cases.h"
#include "app/debtors.h"
#include "core/rules.h"
#include "web/domain_names.h"
#include "web/pages.h"
#include "web/view_support.h"
#include "web/wizard_form.h"

namespace inkasso::web {
namespace {

constexpr int kDebtorResults = 20;
constexpr std::array kStepKeys = {"wizard.step.claims", "wizard.step.payments",
                                  "wizard.step.reminders", "wizard.step.track"};
constexpr std::array kTracks = {Track::gentle, Track::standard, Track::fast};

bool is_company(const Debtor& d) {
  return d.kind == DebtorKind::company;
}

mstch::array hidden_fields(const Fields& fields) {
  mstch::array out;
  for (const auto& [name, value] : fields)
    out.push_back(mstch::map{{"name", name}, {"value", value}});
  return out;
}

std::string error_of(const WizardErrors& errors, const std::string& field) {
  auto it = errors.find(field);
  return it == errors.end() ? std::string() : it->second;
}

mstch::array claim_rows(const WizardDraft& d, const WizardErrors& errors,
                        const std::string& today) {
  mstch::array out;
  for (size_t i = 0; i < d.claims.size(); ++i) {
    const auto& r = d.claims[i];
    auto e = [&](const char* name) { return error_of(errors, wizard_field("claim", i, name)); };
    out.push_back(mstch::map{
        {"i", std::to_string(i)},
        {"n", std::to_string(i + 1)},
        {"ref", r.ref},
        {"invoice_date", r.invoice_date},
        {"due_date", r.due_date},
        {"amount", r.amount},
        {"e_ref", e("ref")},
        {"e_invoice_date", e("invoice_date")},
        {"e_due_date", e("due_date")},
        {"e_amount", e("amount")},
        {"removable", d.claims.size() > 1},
        {"today", today},
    });
  }
  return out;
}

mstch::array payment_rows(const WizardDraft& d, const WizardErrors& errors,
                          const std::string& today) {
  mstch::array out;
  for (size_t i = 0; i < d.payments.size(); ++i) {
    auto e = [&](const char* name) { return error_of(errors, wizard_field("payment", i, name)); };
    out.push_back(mstch::map{
        {"i", std::to_string(i)},
        {"n", std::to_string(i + 1)},
        {"date", d.payments[i].date},
        {"amount", d.payments[i].amount},
        {"e_date", e("date")},
        {"e_amount", e("amount")},
        {"today", today},
    });
  }
  return out;
}

mstch::array reminder_rows(const WizardDraft& d, const WizardErrors& errors, bool company,
                           const std::string& today) {
  mstch::array out;
  for (size_t i = 0; i < d.reminders.size(); ++i) {
    const auto& r = d.reminders[i];
    auto e = [&](const char* name) { return error_of(errors, wizard_field("reminder", i, name)); };
    out.push_back(mstch::map{
        {"i", std::to_string(i)},
        {"n", std::to_string(i + 1)},
        {"fee", r.fee},
        {"date", r.date},
        {"notice", r.notice},
        {"compensation", r.compensation},
        {"company", company},
        {"e_fee", e("fee")},
        {"e_date", e("date")},
        {"today", today},
    });
  }
  return out;
}

// The track preselected on step 4: what the wizard already holds, else the account's default
// (Standard unless the administrator chose another).
std::string default_track(PageContext& ctx) {
  auto account = get_account(ctx.db(), ctx.actor(), ctx.account_id());
  return std::string(to_string(account ? account->case_defaults.track : Track::standard));
}

mstch::array track_options(const PageContext& ctx, const std::string& selected) {
  mstch::array out;
  for (Track t : kTracks) {
    std::string key(track_key(t));
    out.push_back(mstch::map{{"value", std::string(to_string(t))},
                             {"label", ctx.text(key)},
                             {"description", ctx.text(key + ".description")},
                             {"checked", selected == to_string(t)}});
  }
  return out;
}

// What steps 1-3 add up to, and the fees the law will reduce: shown on step 4 before the case
// is created, so a capped fee is never a surprise. The reductions are the engine's own
// (assess_fees), on the history the case will have.
void put_summary(const PageContext& ctx, const WizardValues& v, const Debtor& debtor,
                 mstch::map& data) {
  Money principal, paid, fees;
  for (const auto& c : v.claims) principal += c.amount;
  for (const auto& p : v.payments) paid += p.amount;
  for (const auto& r : v.reminders) fees += r.fee;
  data["sum_claims"] = std::to_string(v.claims.size());
  data["sum_principal"] = format_kr(principal);
  data["sum_payments"] = std::to_string(v.payments.size());
  data["sum_paid"] = format_kr(paid);
  data["sum_reminders"] = std::to_string(v.reminders.size());
  data["sum_fees"] = format_kr(fees);

  CaseHistory history;
  history.debtor = debtor.kind;
  history.claims = v.claims;
  for (const auto& p : v.payments) history.payments.push_back(Payment{p.date, p.amount});
  for (const auto& r : v.reminders) {
    Action a;
    a.type = r.was_collection_notice ? ActionType::collection_notice : ActionType::reminder;
    a.date = r.date;
    a.fee = r.fee;
    a.compensation = r.compensation;
    history.actions.push_back(a);
  }
  mstch::array adjustments;
  for (const Adjustment& a : assess_fees(history, std::nullopt, default_law_table()).adjustments) {
    std::string which = ctx.text("wizard.summary.reminder_no") + " " +
                        std::to_string(a.action_index + 1) + " (" +
                        format_date(v.reminders[a.action_index].date) + "): ";
    adjustments.push_back(which + adjustment_message(a));
  }
  data["has_adjustments"] = !adjustments.empty();
  data["adjustments"] = adjustments;
}

struct StepView {
  int step = 1;
  WizardErrors errors;
  std::string form_error;  // above the form: a summary, or create_case's refusal
};

Response render_step(PageContext& ctx, WizardDraft& d, const Debtor& debtor, const StepView& v,
                     int status) {
  const std::string today = ctx.clock().today().to_iso();
  const bool company = is_company(debtor);
  mstch::array steps;
  for (int n = 1; n <= kWizardSteps; ++n)
    steps.push_back(mstch::map{{"n", std::to_string(n)},
                               {"label", ctx.text(kStepKeys[static_cast<size_t>(n - 1)])},
                               {"current", n == v.step},
                               {"done", n < v.step},
                               {"todo", n > v.step}});
  Fields hidden = wizard_count_fields(d);
  for (int s = 1; s <= kWizardSteps; ++s)
    if (s != v.step)
      for (auto& f : wizard_step_fields(d, s)) hidden.push_back(std::move(f));

  mstch::map data{
      {"debtor_id", std::to_string(d.debtor_id)},
      {"debtor_name", debtor.name},
      {"debtor_kind", ctx.text(debtor_kind_key(debtor.kind))},
      {"debtor_href", "/skyldnere/" + std::to_string(debtor.id)},
      {"company", company},
      {"step", std::to_string(v.step)},
      {"steps", steps},
      {"hidden", hidden_fields(hidden)},
      {"first_step", v.step == 1},
      {"has_errors", !v.errors.empty() || !v.form_error.empty()},
      {"form_error", v.form_error},
      {"today", today},
  };
  data["step" + std::to_string(v.step)] = true;
  switch (v.step) {
    case 1:
      data["claims"] = claim_rows(d, v.errors, today);
      data["can_add"] = d.claims.size() < kWizardRowsMax;
      break;
    case 2:
      data["payments"] = payment_rows(d, v.errors, today);
      data["has_payments"] = !d.payments.empty();
      data["can_add"] = d.payments.size() < kWizardRowsMax;
      break;
    case 3:
      data["reminders"] = reminder_rows(d, v.errors, company, today);
      data["has_reminders"] = !d.reminders.empty();
      data["can_add"] = d.reminders.size() < kWizardRowsMax;
      break;
    default: {
      if (d.track.empty()) d.track = default_track(ctx);
      data["tracks"] = track_options(ctx, d.track);
      data["batch_follow_up"] = d.batch_follow_up;
      data["e_track"] = error_of(v.errors, "track");
      WizardValues values;
      WizardErrors ignored;
      bool valid = true;
      for (int s = 1; s <= 3; ++s)
        valid &=
            validate_wizard_step(d, s, ctx.texts(), ctx.clock().today(), company, values, ignored);
      if (valid) {
        data["has_summary"] = true;
        put_summary(ctx, values, debtor, data);
      }
      break;
    }
  }
  std::string title = ctx.text("wizard.title");
  return ctx.page("wizard", data, title, status);
}

// Step 0: which debtor is the case against? A search over the account's debtors.
Response show_choose_debtor(PageContext& ctx) {
  std::string q = trim(ctx.req().query_value("soeg"));
  if (q.size() > kDebtorTextMax) q.resize(kDebtorTextMax);
  DebtorQuery query;
  query.text = q;
  query.limit = kDebtorResults;
  auto page = search_debtors(ctx.db(), ctx.box(), ctx.actor(), ctx.account_id(), query);
  if (!page) return ctx.error_page(page.error());
  mstch::array rows;
  for (const auto& debtor : page->debtors) {
    std::string id_no = debtor.kind == DebtorKind::company ? debtor.cvr : debtor.cpr_masked;
    std::string place = trim(debtor.postal_code + " " + debtor.city);
    rows.push_back(mstch::map{
        {"name", debtor.name},
        {"kind", ctx.text(debtor_kind_key(debtor.kind))},
        {"id_no", id_no},
        {"customer_no", debtor.customer_no},
        {"place", place},
        {"href", "/sager/ny?skyldner=" + std::to_string(debtor.id)},
    });
  }
  const bool more = page->total > static_cast<int64_t>(page->debtors.size());
  mstch::map data{
      {"q", q},
      {"searched", !q.empty()},
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"no_debtors", rows.empty() && q.empty()},
      {"more", more},
      {"shown", std::to_string(page->debtors.size())},
      {"total", std::to_string(page->total)},
  };
  return ctx.page("wizard_debtor", data, ctx.text("wizard.title"));
}

Response show_wizard(PageContext& ctx) {
  if (!ctx.can_write()) return ctx.error_page(forbidden());
  const std::string& param = ctx.req().query_value("skyldner");
  if (param.empty()) return show_choose_debtor(ctx);
  auto id = parse_int(param);
  if (!id || *id <= 0) return ctx.error_page(not_found("Skyldneren"));
  auto debtor = get_debtor(ctx.db(), ctx.box(), ctx.actor(), ctx.account_id(), *id);
  if (!debtor) return ctx.error_page(debtor.error());
  WizardDraft d = new_wizard_draft(*id);
  return render_step(ctx, d, *debtor, StepView{1, {}, {}}, 200);
}

// The step a use-case error belongs to, from the field it names ("claims[0].amount").
int step_of_field(const std::string& field) {
  if (field.rfind("claims", 0) == 0) return 1;
  if (field.rfind("payments", 0) == 0) return 2;
  if (field.rfind("actions", 0) == 0 || field.rfind("reminders", 0) == 0) return 3;
  return 4;
}

Response create(PageContext& ctx, WizardDraft& d, const Debtor& debtor) {
  WizardValues values;
  for (int s = 1; s <= kWizardSteps; ++s) {
    StepView v{s, {}, {}};
    if (!validate_wizard_step(d, s, ctx.texts(), ctx.clock().today(), is_company(debtor), values,
                              v.errors)) {
      v.form_error = ctx.text("wizard.error.summary");
      return render_step(ctx, d, debtor, v, 422);
    }
  }
  auto created = create_case(ctx.db(), ctx.clock(), ctx.box(), ctx.actor(), ctx.account_id(),
                             wizard_new_case(d, values));
  if (!created) {
    const Error& e = created.error();
    if (e.code == app_error::kNotFound || e.code == app_error::kForbidden) return ctx.error_page(e);
    return render_step(ctx, d, debtor, StepView{step_of_field(e.field), {}, e.message}, 422);
  }
  return ctx.redirect(
      "/sager/" + std::to_string(created->number),
      created->adjustments.empty() ? "flash.wizard_created" : "flash.wizard_created_adjusted");
}

// "fjern_gaeld:2" → {"fjern_gaeld", 2}.
std::pair<std::string, size_t> split_action(const std::string& action) {
  auto colon = action.find(':');
  if (colon == std::string::npos) return {action, 0};
  auto n = parse_int(std::string_view(action).substr(colon + 1));
  return {action.substr(0, colon), n && *n >= 0 ? static_cast<size_t>(*n) : kWizardRowsMax};
}

template <class Row>
void add_row(std::vector<Row>& rows) {
  if (rows.size() < kWizardRowsMax) rows.emplace_back();
}

template <class Row>
void remove_row(std::vector<Row>& rows, size_t index, size_t min) {
  if (index < rows.size() && rows.size() > min)
    rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(index));
}

Response post_wizard(PageContext& ctx) {
  if (!ctx.can_write()) return ctx.error_page(forbidden());
  WizardDraft d = read_wizard_draft(ctx.req());
  if (d.debtor_id <= 0) return ctx.redirect("/sager/ny");
  auto debtor = get_debtor(ctx.db(), ctx.box(), ctx.actor(), ctx.account_id(), d.debtor_id);
  if (!debtor) return ctx.error_page(debtor.error());

  auto [action, index] = split_action(ctx.req().form_value("handling"));
  auto show = [&](int step) { return render_step(ctx, d, *debtor, StepView{step, {}, {}}, 200); };
  if (action == "tilfoej_gaeld") add_row(d.claims);
  if (action == "fjern_gaeld") remove_row(d.claims, index, 1);
  if (action == "tilfoej_gaeld" || action == "fjern_gaeld") return show(1);
  if (action == "tilfoej_betaling") add_row(d.payments);
  if (action == "fjern_betaling") remove_row(d.payments, index, 0);
  if (action == "tilfoej_betaling" || action == "fjern_betaling") return show(2);
  if (action == "tilfoej_rykker") add_row(d.reminders);
  if (action == "fjern_rykker") remove_row(d.reminders, index, 0);
  if (action == "tilfoej_rykker" || action == "fjern_rykker") return show(3);
  if (action == "tilbage") return show(std::max(1, d.step - 1));
  // The step indicator goes back to any earlier step without checking the current one.
  if (action == "trin" && index >= 1 && static_cast<int>(index) < d.step)
    return show(static_cast<int>(index));
  if (action == "opret" || (action == "naeste" && d.step == kWizardSteps))
    return create(ctx, d, *debtor);
  if (action != "naeste") return show(d.step);

  drop_blank_rows(d, d.step);
  StepView v{d.step, {}, {}};
  WizardValues values;
  if (!validate_wizard_step(d, d.step, ctx.texts(), ctx.clock().today(), is_company(*debtor),
                            values, v.errors)) {
    v.form_error = ctx.text("wizard.error.summary");
    return render_step(ctx, d, *debtor, v, 422);
  }
  return show(d.step + 1);
}

}  // namespace

void register_case_wizard_pages(WebApp& app) {
  app.get("/sager/ny", Access::account, show_wizard);
  app.post("/sager/ny", Access::account, post_wizard);
}

}  // namespace inkasso::web
