// The account's settings (/konto/stamdata): the master data shown on every letter, the defaults
// a new case starts with, and what a debtor may agree to alone in the debtor portal. Three forms
// on one page, each with its own POST route, so an error in one keeps what was typed in it
// while the others show what is stored. Administrators edit; the other roles see the data and
// the use cases refuse their writes (403).
#include <fmt/format.h>

#include <string>

#include "app/accounts.h"
#include "core/text.h"
#include "web/account_support.h"
#include "web/domain_names.h"
#include "web/pages.h"
#include "web/view_support.h"

namespace inkasso::web {
namespace {

// ---- The stored values as the forms show them

FormState master_state_of(const Account& a) {
  FormState s;
  s.set("name", a.name);
  s.set("cvr", a.cvr);
  s.set("email", a.email);
  s.set("phone", a.phone);
  s.set("vat_registered", a.vat_registered ? "1" : "");
  s.set("street", a.street);
  s.set("postal_code", a.postal_code);
  s.set("city", a.city);
  s.set("bank_name", a.bank_name);
  s.set("reg_no", a.reg_no);
  s.set("account_no", a.account_no);
  s.set("fi_creditor_no", a.fi_creditor_no.value_or(""));
  return s;
}

FormState defaults_state_of(const Account& a) {
  FormState s;
  s.set("fixed_rate",
        a.case_defaults.fixed_rate_bp > 0 ? format_rate(a.case_defaults.fixed_rate_bp) : "");
  return s;
}

FormState portal_state_of(const Account& a) {
  FormState s;
  s.set("max_months", std::to_string(a.portal_limits.max_months));
  s.set("min_instalment", a.portal_limits.min_instalment.to_danish());
  return s;
}

// The choices of the defaults form, the one checked being `selected` (a stored value, or what
// was posted when the form is shown again).
struct DefaultsChoice {
  std::string track, interest_kind, interest_from;
};

DefaultsChoice choice_of(const Account& a) {
  return {std::string(to_string(a.case_defaults.track)),
          std::string(to_string(a.case_defaults.interest_kind)),
          std::string(to_string(a.case_defaults.interest_from))};
}

mstch::array track_options(const PageContext& ctx, const std::string& selected) {
  mstch::array out;
  for (Track t : {Track::gentle, Track::standard, Track::fast}) {
    std::string key(track_key(t));
    out.push_back(mstch::map{{"value", std::string(to_string(t))},
                             {"name", ctx.text(key)},
                             {"description", ctx.text(key + ".description")},
                             {"checked", to_string(t) == selected}});
  }
  return out;
}

mstch::array interest_kind_options(const PageContext& ctx, const std::string& selected) {
  mstch::array out;
  for (InterestKind k : {InterestKind::procesrente, InterestKind::fixed, InterestKind::none})
    out.push_back(mstch::map{{"value", std::string(to_string(k))},
                             {"name", ctx.text(interest_kind_key(k))},
                             {"checked", to_string(k) == selected}});
  return out;
}

mstch::array interest_start_options(const PageContext& ctx, const std::string& selected) {
  mstch::array out;
  for (InterestStart s : {InterestStart::day31, InterestStart::due_date})
    out.push_back(mstch::map{{"value", std::string(to_string(s))},
                             {"name", ctx.text(interest_start_key(s))},
                             {"checked", to_string(s) == selected}});
  return out;
}

// What a reader sees instead of the forms.
mstch::map facts_of(const PageContext& ctx, const Account& a) {
  const CaseDefaults& d = a.case_defaults;
  std::string rate =
      d.interest_kind == InterestKind::fixed ? format_rate(d.fixed_rate_bp) + " %" : std::string();
  return mstch::map{
      {"name", a.name},
      {"cvr", a.cvr},
      {"email", a.email},
      {"phone", a.phone},
      {"vat", ctx.text(a.vat_registered ? "account.yes" : "account.no")},
      {"street", a.street},
      {"postal_code", a.postal_code},
      {"city", a.city},
      {"bank_name", a.bank_name},
      {"reg_no", a.reg_no},
      {"account_no", a.account_no},
      {"fi_creditor_no", a.fi_creditor_no.value_or("")},
      {"track", ctx.text(track_key(d.track))},
      {"interest_kind", ctx.text(interest_kind_key(d.interest_kind))},
      {"interest_from", ctx.text(interest_start_key(d.interest_from))},
      {"fixed_rate", rate},
      {"max_months", std::to_string(a.portal_limits.max_months)},
      {"min_instalment", format_kr(a.portal_limits.min_instalment)},
  };
}

struct SettingsForms {
  FormState master, defaults, portal;
  DefaultsChoice choice;
};

SettingsForms stored_forms(const Account& a) {
  return {master_state_of(a), defaults_state_of(a), portal_state_of(a), choice_of(a)};
}

mstch::map sub_form(const FormState& state) {
  mstch::map m;
  state.put_into(m);
  return m;
}

Response settings_page(PageContext& ctx, const Account& a, const SettingsForms& f, int status) {
  mstch::map data{
      {"is_administrator", a.role == Role::administrator},
      {"company", a.kind == AccountKind::company},
      {"cvr_locked", true},
      {"facts", facts_of(ctx, a)},
      {"master", sub_form(f.master)},
      {"defaults", sub_form(f.defaults)},
      {"portal", sub_form(f.portal)},
      {"tracks", track_options(ctx, f.choice.track)},
      {"interest_kinds", interest_kind_options(ctx, f.choice.interest_kind)},
      {"interest_starts", interest_start_options(ctx, f.choice.interest_from)},
  };
  return ctx.page("account_settings", data, ctx.text("account.settings.title"), status);
}

Response show_settings(PageContext& ctx) {
  auto account = get_account(ctx.db(), ctx.actor(), ctx.account_id());
  if (!account) return ctx.error_page(account.error());
  return settings_page(ctx, *account, stored_forms(*account), 200);
}

Response do_master_data(PageContext& ctx) {
  auto account = get_account(ctx.db(), ctx.actor(), ctx.account_id());
  if (!account) return ctx.error_page(account.error());
  MasterInput in = read_master_input(ctx.req());
  AccountUpdate update{in.name,           in.cvr,    in.email,       in.phone,
                       in.vat_registered, in.street, in.postal_code, in.city,
                       in.bank_name,      in.reg_no, in.account_no,  in.fi_creditor_no};
  auto saved = update_account(ctx.db(), ctx.actor(), ctx.account_id(), update);
  if (!saved) {
    if (!is_form_error(saved.error())) return ctx.error_page(saved.error());
    SettingsForms forms = stored_forms(*account);
    forms.master = master_form_state(ctx.req(), in, saved.error());
    // The CVR field is read-only: show the stored one, not what was forged into the request.
    forms.master.set("cvr", account->cvr);
    return settings_page(ctx, *account, forms, 422);
  }
  return ctx.redirect("/konto/stamdata", "flash.account_saved");
}

Response do_case_defaults(PageContext& ctx) {
  auto account = get_account(ctx.db(), ctx.actor(), ctx.account_id());
  if (!account) return ctx.error_page(account.error());
  const Request& req = ctx.req();
  SettingsForms forms = stored_forms(*account);
  forms.choice = {req.form_value("track"), req.form_value("interest_kind"),
                  req.form_value("interest_from")};
  forms.defaults = FormState();
  forms.defaults.fill_from(req);

  auto track = track_from_string(forms.choice.track);
  auto kind = interest_kind_from_string(forms.choice.interest_kind);
  auto from = interest_start_from_string(forms.choice.interest_from);
  if (!track) forms.defaults.error("track", ctx.text("account.defaults.choose_track"));
  if (!kind) forms.defaults.error("interest_kind", ctx.text("account.defaults.choose_kind"));
  if (!from) forms.defaults.error("interest_from", ctx.text("account.defaults.choose_from"));
  std::optional<int32_t> rate = 0;
  if (kind == InterestKind::fixed) {
    rate = parse_percent(req.form_value("fixed_rate"));
    if (!rate) forms.defaults.error("fixed_rate", ctx.text("account.defaults.rate_format"));
  }
  if (forms.defaults.has_errors()) return settings_page(ctx, *account, forms, 422);

  auto saved = update_case_defaults(ctx.db(), ctx.actor(), ctx.account_id(),
                                    CaseDefaults{*track, *kind, *from, *rate});
  if (!saved) {
    if (!is_form_error(saved.error())) return ctx.error_page(saved.error());
    forms.defaults.error(saved.error().field.empty() ? "form" : saved.error().field,
                         saved.error().message);
    return settings_page(ctx, *account, forms, 422);
  }
  return ctx.redirect("/konto/stamdata#standarder", "flash.account_saved");
}

Response do_portal_limits(PageContext& ctx) {
  auto account = get_account(ctx.db(), ctx.actor(), ctx.account_id());
  if (!account) return ctx.error_page(account.error());
  const Request& req = ctx.req();
  SettingsForms forms = stored_forms(*account);
  forms.portal = FormState();
  forms.portal.fill_from(req);
  auto months = parse_int(trim(req.form_value("max_months")));
  auto minimum = parse_money_input(req.form_value("min_instalment"));
  if (!months) forms.portal.error("max_months", ctx.text("account.portal.months_format"));
  if (!minimum) forms.portal.error("min_instalment", minimum.error().message);
  if (forms.portal.has_errors()) return settings_page(ctx, *account, forms, 422);

  // parse_int allows 18 digits; the use case's range check needs it to fit first.
  int32_t max_months = *months > 1000 || *months < -1000 ? 0 : static_cast<int32_t>(*months);
  auto saved = update_portal_limits(ctx.db(), ctx.actor(), ctx.account_id(),
                                    PortalLimits{max_months, *minimum});
  if (!saved) {
    if (!is_form_error(saved.error())) return ctx.error_page(saved.error());
    forms.portal.error(saved.error().field.empty() ? "form" : saved.error().field,
                       saved.error().message);
    return settings_page(ctx, *account, forms, 422);
  }
  return ctx.redirect("/konto/stamdata#portal", "flash.account_saved");
}

}  // namespace

void register_account_settings_pages(WebApp& app) {
  app.get("/konto/stamdata", Access::account, show_settings);
  app.post("/konto/stamdata", Access::account, do_master_data);
  app.post("/konto/standarder", Access::account, do_case_defaults);
  app.post("/konto/portal", Access::account, do_portal_limits);
}

}  // namespace inkasso::web
