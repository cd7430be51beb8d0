// Choosing, creating and joining accounts ("Vælg konto", "Opret konto"), the account menu
// (/konto) and the postal code lookup. Master data, users and the user's own settings are in
// account_settings_pages.cc and account_people_pages.cc.
#include <string>

#include "app/accounts.h"
#include "app/users.h"
#include "web/account_support.h"
#include "web/pages.h"
#include "web/postal_codes.h"
#include "web/view_support.h"

namespace inkasso::web {
namespace {

// ---- Vælg konto

Response show_choose(PageContext& ctx) {
  auto accounts = list_accounts_of_user(ctx.db(), ctx.actor());
  if (accounts.empty()) return ctx.redirect("/konto/opret");
  const int64_t current = ctx.session().role ? ctx.account_id() : 0;
  mstch::array rows;
  for (const auto& a : accounts) {
    rows.push_back(mstch::map{
        {"id", std::to_string(a.id)},
        {"name", a.name},
        {"cvr", a.cvr},
        {"is_company", a.kind == AccountKind::company},
        {"role_name", ctx.text(role_key(a.role))},
        {"current", a.id == current},
    });
  }
  mstch::map data{{"accounts", rows}};
  return ctx.page("account_choose", data, ctx.text("account.choose.title"));
}

Response do_choose(PageContext& ctx) {
  auto id = parse_int(ctx.req().form_value("account_id"));
  // Only an account from the user's own list: any other id answers as if it did not exist.
  for (const auto& a : list_accounts_of_user(ctx.db(), ctx.actor())) {
    if (!id || a.id != *id) continue;
    set_session_account(ctx.db(), ctx.session(), a.id);
    return ctx.redirect("/", "flash.account_switched");
  }
  return ctx.error_page(not_found("Kontoen"));
}

// ---- Opret konto

Response show_create_choice(PageContext& ctx) {
  mstch::map data{{"has_accounts", !list_accounts_of_user(ctx.db(), ctx.actor()).empty()}};
  return ctx.page("account_create", data, ctx.text("account.create.title"));
}

// The company and the private form are one template; `company` adds CVR and VAT.
Response create_form_page(PageContext& ctx, bool company, const FormState& state, int status) {
  mstch::map data{
      {"company", company},
      {"action", std::string(company ? "/konto/opret/virksomhed" : "/konto/opret/privat")}};
  state.put_into(data);
  std::string title =
      ctx.text(company ? "account.create.company_title" : "account.create.private_title");
  return ctx.page("account_create_form", data, title, status);
}

Response show_create_form(PageContext& ctx, bool company) {
  FormState state;
  // The account's e-mail is usually the user's own to begin with.
  if (auto user = get_user(ctx.db(), ctx.actor())) state.set("email", user->email);
  return create_form_page(ctx, company, state, 200);
}

Response do_create(PageContext& ctx, bool company) {
  MasterInput in = read_master_input(ctx.req());
  Result<int64_t> created =
      company ? create_company_account(
                    ctx.db(), ctx.clock(), ctx.actor(),
                    CompanyAccount{in.name, in.cvr, in.email, in.phone, in.vat_registered,
                                   in.street, in.postal_code, in.city, in.bank_name, in.reg_no,
                                   in.account_no, in.fi_creditor_no})
              : create_private_account(
                    ctx.db(), ctx.clock(), ctx.actor(),
                    PrivateAccount{in.name, in.email, in.phone, in.street, in.postal_code, in.city,
                                   in.bank_name, in.reg_no, in.account_no, in.fi_creditor_no});
  if (!created) {
    if (!is_form_error(created.error())) return ctx.error_page(created.error());
    return create_form_page(ctx, company, master_form_state(ctx.req(), in, created.error()), 422);
  }
  set_session_account(ctx.db(), ctx.session(), *created);
  return ctx.redirect("/", "flash.account_created");
}

Response show_join(PageContext& ctx) {
  auto user = get_user(ctx.db(), ctx.actor());
  if (!user) return ctx.error_page(user.error());
  mstch::map data{{"email", user->email}, {"roles", role_options(ctx, Role::guest)}};
  return ctx.page("account_join", data, ctx.text("account.join.title"));
}

// ---- The account menu

Response show_menu(PageContext& ctx) {
  const bool has_account = ctx.session().role.has_value();
  mstch::map data{
      {"has_account", has_account},
      {"is_administrator", has_account && ctx.role() == Role::administrator},
      {"account_name", ctx.session().account_name},
      {"role_name", ctx.text(role_key(ctx.role()))},
      {"user_name", ctx.session().user_first_name + " " + ctx.session().user_last_name},
      {"has_accounts", !list_accounts_of_user(ctx.db(), ctx.actor()).empty()},
  };
  return ctx.page("account_menu", data, ctx.text("account.menu.title"));
}

// ---- GET /postnumre/{code}: the town as JSON, for the forms' script (10-account.js).

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

Response postal_code_lookup(PageContext& ctx) {
  const std::string& code = ctx.req().param("code");
  auto town = town_for_postal_code(code);
  Response r;
  r.content_type = "application/json; charset=utf-8";
  if (!town) {
    r.status = 404;
    r.body = "{\"error\":" + json_string(ctx.text("account.postal_code_unknown")) + "}";
    return r;
  }
  r.body = "{\"postal_code\":" + json_string(code) + ",\"town\":" + json_string(*town) + "}";
  // Reference data: the same for everyone and for a long time.
  r.set_header("Cache-Control", "public, max-age=86400");
  return r;
}

}  // namespace

void register_account_pages(WebApp& app) {
  app.get("/konto", Access::user, show_menu);
  app.get("/konto/vaelg", Access::user, show_choose);
  app.post("/konto/vaelg", Access::user, do_choose);
  app.get("/konto/opret", Access::user, show_create_choice);
  app.get("/konto/opret/virksomhed", Access::user,
          [](PageContext& ctx) { return show_create_form(ctx, true); });
  app.post("/konto/opret/virksomhed", Access::user,
           [](PageContext& ctx) { return do_create(ctx, true); });
  app.get("/konto/opret/privat", Access::user,
          [](PageContext& ctx) { return show_create_form(ctx, false); });
  app.post("/konto/opret/privat", Access::user,
           [](PageContext& ctx) { return do_create(ctx, false); });
  app.get("/konto/opret/tilknyt", Access::user, show_join);
  app.get("/postnumre/{code}", Access::anyone, postal_code_lookup);
  register_account_settings_pages(app);
  register_account_people_pages(app);
}

}  // namespace inkasso::web
