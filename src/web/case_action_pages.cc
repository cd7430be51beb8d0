// "Opret handling": every action on a case.
//
//   GET  /sager/{number}/handling/ny          the menu: letters, court, the case's own events
//   GET  /sager/{number}/handling/ny?type=X   the form for X, pre-filled from the case and track
//   POST /sager/{number}/handling             creates it (type and the case version in the form);
//                                             "calc" re-renders the agreement's schedule or the
//                                             settlement quote without creating anything
//
// A legal refusal (Error::code a rule id of core/rules.h) shows the form again with the law in
// plain words: the engine's sentence and, per rule, a short explanation from da.actions.txt
// (actions.rule.<id>.help).
#include <optional>
#include <string>

#include "app/cases.h"
#include "app/debtors.h"
#include "app/letters.h"
#include "core/rules.h"
#include "docs/templates.h"
#include "web/case_action_forms.h"
#include "web/domain_names.h"
#include "web/pages.h"
#include "web/view_support.h"

namespace inkasso::web {
namespace {

std::string group_key(FormGroup g) {
  switch (g) {
    case FormGroup::letters:
      return "actions.group.letters";
    case FormGroup::court:
      return "actions.group.court";
    case FormGroup::case_events:
      return "actions.group.case";
  }
  return "actions.group.case";
}

std::string case_url(int64_t number) {
  return "/sager/" + std::to_string(number);
}

std::string form_url(int64_t number, const FormType& type) {
  return case_url(number) + "/handling/ny?type=" + std::string(type.id);
}

// The facts every page of the area shows at the top.
void add_case_facts(PageContext& ctx, const CaseView& view, mstch::map& data) {
  data["number"] = std::to_string(view.stored.number);
  data["case_url"] = case_url(view.stored.number);
  data["outstanding"] = format_kr(view.state.outstanding.total());
  data["flow"] = ctx.text(flow_key(view.state.flow));
  data["track"] = ctx.text(track_key(view.state.track));
  auto debtor =
      get_debtor(ctx.db(), ctx.box(), ctx.actor(), ctx.account_id(), view.stored.debtor_id);
  if (debtor) data["debtor_name"] = debtor->name;
  data["can_write"] = ctx.can_write();
}

// Why a form makes no sense on the case today, or "" when it does. Actions are checked by the
// engine exactly as they would be created with their suggested values.
std::string unavailable_reason(PageContext& ctx, const FormType& type, const CaseView& view) {
  Date today = ctx.clock().today();
  bool closed = view.state.flow == Flow::closed;
  if (type.kind == FormKind::claim && closed) return ctx.text("actions.menu.closed_claim");
  if (type.kind != FormKind::action) return {};
  Action a = default_action(type, view, today);
  if (type.action == ActionType::payment_agreement && !a.instalment.is_positive() && !closed)
    return ctx.text("actions.menu.nothing_owed");
  if (type.action == ActionType::payment_agreement && !a.instalment.is_positive())
    a.instalment = Money::from_kroner(100);  // only to ask the engine about the case itself
  auto st = check_new_action(view.stored.history, a);
  if (st) return {};
  if (st.error().code == "invalid_case") return ctx.text("actions.menu.not_possible");
  return st.error().message;
}

Response show_menu(PageContext& ctx, const CaseView& view) {
  mstch::array groups;
  for (FormGroup g : {FormGroup::letters, FormGroup::court, FormGroup::case_events}) {
    mstch::array items;
    for (const FormType& type : action_form_types()) {
      if (type.group != g) continue;
      std::string reason = unavailable_reason(ctx, type, view);
      items.push_back(mstch::map{
          {"label", ctx.text("actions.type." + std::string(type.id))},
          {"description", ctx.text("actions.desc." + std::string(type.id))},
          {"href", form_url(view.stored.number, type)},
          {"available", reason.empty()},
          {"reason", reason},
      });
    }
    groups.push_back(mstch::map{{"name", ctx.text(group_key(g))}, {"items", items}});
  }
  mstch::map data{{"groups", groups}, {"heading", ctx.text("actions.menu.heading")}};
  add_case_facts(ctx, view, data);
  return ctx.page("action_menu", data,
                  ctx.text("actions.title") + " · " + ctx.text("actions.case") + " " +
                      std::to_string(view.stored.number));
}

// The "Forsendelse" fieldset: the debtor's e-mail address and mobile number, when there are.
mstch::map sending_view(PageContext& ctx, const CaseView& view) {
  mstch::map m;
  auto debtor = get_debtor(ctx.db(), ctx.box(), ctx.actor(), ctx.account_id(), view.stored.debtor_id);
  if (!debtor) return m;
  if (!debtor->email.empty()) m["email"] = debtor->email;
  if (!debtor->mobile.empty()) m["mobile"] = debtor->mobile;
  return m;
}

// The sending the form asks for (every box unticked: the document is only kept on the case), at
// `send_at` (parse_send_at; nullopt: now).
SendingChoice sending_of(const Request& req, std::optional<int64_t> send_at) {
  SendingChoice s;
  s.send_at = send_at;
  s.email = req.form_value("send_email") == "1";
  s.sms = req.form_value("send_sms") == "1";
  s.print_self = req.form_value("send_print") == "1";
  s.letter_service = req.form_value("send_service") == "1";
  return s;
}

struct Refusal {
  std::string message;
  std::string help;
};

// The form of `type` with `values`, the field errors and, after a legal refusal, the law.
Response render_form(PageContext& ctx, const FormType& type, const CaseView& view,
                     const FormValues& values, FieldErrors errors,
                     const std::optional<Refusal>& refusal, int status) {
  Date today = ctx.clock().today();
  FieldErrors parse_errors;
  ActionCommand command = parse_form(type, view, today, values, ctx.texts(), parse_errors);
  const std::string id(type.id);
  mstch::map data{
      {"type", id},
      {"heading", ctx.text("actions.type." + id)},
      {"lead", ctx.text("actions.lead." + id)},
      {"submit", ctx.text("actions.submit." + id)},
      {"action_url", case_url(view.stored.number) + "/handling"},
      {"menu_url", case_url(view.stored.number) + "/handling/ny"},
      {"t_" + id, true},
  };
  if (type.kind == FormKind::action && type.action != ActionType::pause) data["has_date"] = true;
  if (type.kind == FormKind::action && !template_keys_for(type.action).empty()) {
    data["sending"] = sending_view(ctx, view);
    auto when = values.find("send_when");
    data["send_later"] = when != values.end() && when->second == "later";
  }
  add_form_extras(type, view, today, values, parse_errors.empty() ? &command : nullptr, ctx.texts(),
                  data, errors);
  if (refusal) data["refusal"] = mstch::map{{"message", refusal->message}, {"help", refusal->help}};
  FormState form;
  for (const auto& [name, value] : values) form.set(name, value);
  for (const auto& [name, message] : errors) form.error(name, message);
  form.put_into(data);
  add_case_facts(ctx, view, data);
  if (type.id == "close") data["close_confirm"] = ctx.text("actions.close.confirm");
  return ctx.page("action_form", data,
                  ctx.text("actions.type." + id) + " · " + ctx.text("actions.case") + " " +
                      std::to_string(view.stored.number),
                  status);
}

Result<CaseView> load_case_of(PageContext& ctx) {
  auto number = parse_int(ctx.req().param("number"));
  if (!number || *number <= 0) return not_found("Sagen");
  return get_case(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id(), *number);
}

Response show_new(PageContext& ctx) {
  auto view = load_case_of(ctx);
  if (!view) return ctx.error_page(view.error());
  const std::string& type_id = ctx.req().query_value("type");
  if (type_id.empty()) return show_menu(ctx, *view);
  const FormType* type = find_action_form(type_id);
  if (!type) return ctx.error_page(not_found("Handlingen"));
  FormValues values = prefill(*type, *view, ctx.clock().today(), view->stored.version);
  // Sent by e-mail when the debtor has an address, otherwise put on the list to print.
  if (type->kind == FormKind::action && !template_keys_for(type->action).empty()) {
    mstch::map reach = sending_view(ctx, *view);
    values[reach.count("email") ? "send_email" : "send_print"] = "1";
    prefill_send_at(values, ctx.clock().today());
  }
  return render_form(ctx, *type, *view, values, {}, std::nullopt, 200);
}

// Hands the parsed command to its use case; the new version, or the use case's error. Returns
// the flash key to show on the case.
Result<std::string> execute(PageContext& ctx, const FormType& type, const CaseView& view,
                            const ActionCommand& c, int64_t version,
                            std::optional<int64_t> send_at) {
  Database& db = ctx.db();
  const Clock& clock = ctx.clock();
  Actor actor = ctx.actor();
  int64_t account = ctx.account_id();
  int64_t number = view.stored.number;
  auto done = [](const auto& r, const char* flash) -> Result<std::string> {
    if (!r) return r.error();
    return std::string(flash);
  };
  switch (type.kind) {
    case FormKind::payment:
      return done(register_payment(db, clock, actor, account, number, version, c.payment.date,
                                   c.payment.amount, c.payment.method),
                  "flash.actions.payment");
    case FormKind::claim:
      return done(add_claim(db, clock, actor, account, number, version, c.claim),
                  "flash.actions.claim");
    case FormKind::credit_note:
      return done(add_credit_note(db, clock, actor, account, number, version, c.credit_note),
                  "flash.actions.credit_note");
    case FormKind::note:
      return done(add_note(db, clock, actor, account, number, version, c.text),
                  "flash.actions.note");
    case FormKind::action:
      break;
  }
  switch (type.action) {
    case ActionType::pause:
      return done(pause_case(db, clock, actor, account, number, version, *c.action.until),
                  "flash.actions.pause");
    case ActionType::close:
      return done(close_case(db, clock, actor, account, number, version, c.action.date),
                  "flash.actions.close");
    case ActionType::payment_agreement:
      return done(add_action(db, clock, actor, account, number, version, c.action),
                  "flash.actions.agreement");
    default:
      break;
  }
  Installation inst{ctx.services().config.public_url};
  auto created = add_action_with_document(db, clock, ctx.box(), inst, actor, account, number,
                                          version, c.action, sending_of(ctx.req(), send_at),
                                          LetterText{c.subject, c.text});
  if (!created) return created.error();
  if (!created->document_id) return std::string("flash.actions.created");
  return std::string(created->sendings > 0 ? "flash.actions.document_queued"
                                           : "flash.actions.document_kept");
}

bool is_rule_refusal(const Error& e) {
  return e.code != app_error::kNotFound && e.code != app_error::kForbidden &&
         e.code != app_error::kConflict && e.code != app_error::kInvalid &&
         e.code != app_error::kDuplicate;
}

Response do_create(PageContext& ctx) {
  auto view = load_case_of(ctx);
  if (!view) return ctx.error_page(view.error());
  // A guest may look at the forms but changes nothing; the use cases refuse it too.
  if (!ctx.can_write()) return ctx.error_page(forbidden());
  const Request& req = ctx.req();
  const FormType* type = find_action_form(req.form_value("type"));
  if (!type) return ctx.error_page(not_found("Handlingen"));

  FormValues values;
  for (const auto& [name, value] : req.form)
    if (name != "csrf" && name != "calc") values.emplace(name, value);
  int64_t version = parse_int(req.form_value("version")).value_or(-1);
  Date today = ctx.clock().today();
  FieldErrors errors;
  ActionCommand command = parse_form(*type, *view, today, values, ctx.texts(), errors);
  // A later sending time is checked with the rest of the form: a refused one writes nothing.
  std::optional<int64_t> send_at;
  if (type->kind == FormKind::action && !template_keys_for(type->action).empty())
    send_at = parse_send_at(values, ctx.clock().now_unix(), ctx.texts(), errors);
  if (!errors.empty()) {
    errors.emplace("form", ctx.text("actions.form_error"));
    return render_form(ctx, *type, *view, values, errors, std::nullopt, 422);
  }
  if (req.has_form_value("calc")) return render_form(ctx, *type, *view, values, {}, {}, 200);

  auto flash = execute(ctx, *type, *view, command, version, send_at);
  if (flash) return ctx.redirect(case_url(view->stored.number), *flash);
  const Error& e = flash.error();
  if (e.code == app_error::kInvalid) {
    std::string field = form_field_of(*type, e.field);
    // The engine words its field errors for importers; a creditor gets a Danish sentence.
    // Its fields name a list position ("actions[4].first_date"); the use cases' do not.
    bool engine_words = e.field.find_first_of("[.") != std::string::npos;
    errors.emplace(field.empty() ? "form" : field,
                   engine_words ? ctx.text("actions.error.invalid_generic") : e.message);
    if (!field.empty()) errors.emplace("form", ctx.text("actions.form_error"));
    return render_form(ctx, *type, *view, values, errors, std::nullopt, 422);
  }
  if (!is_rule_refusal(e)) return ctx.error_page(e);
  Refusal refusal{e.message, {}};
  std::string help_key = "actions.rule." + e.code + ".help";
  if (ctx.texts().has(help_key)) refusal.help = ctx.text(help_key);
  return render_form(ctx, *type, *view, values, {}, refusal, 422);
}

}  // namespace

void register_case_action_pages(WebApp& app) {
  app.get("/sager/{number}/handling/ny", Access::account, show_new);
  app.post("/sager/{number}/handling", Access::account, do_create);
}

}  // namespace inkasso::web
