// The people of an account and the user's own settings: "Tilknyttede brugere" (/konto/brugere,
// administrators only: the use case answers 403 to the others) and "Min bruger"
// (/konto/min-bruger: the follow-up e-mail and the password).
#include <string>

#include "app/accounts.h"
#include "app/sessions.h"
#include "app/users.h"
#include "web/account_support.h"
#include "web/pages.h"
#include "web/view_support.h"

namespace inkasso::web {
namespace {

// ---- Tilknyttede brugere

// `attach` is the "Tilknyt bruger" form's state; `notice` a refusal shown above the list (the
// last administrator cannot go).
Response members_page(PageContext& ctx, const Members& members, const FormState& attach,
                      Role attach_role, const std::string& notice, int status) {
  mstch::array rows;
  for (const auto& m : members.members) {
    const bool self = m.user_id == ctx.actor().user_id;
    rows.push_back(mstch::map{
        {"user_id", std::to_string(m.user_id)},
        {"name", m.first_name + " " + m.last_name},
        {"email", m.email},
        {"role_name", ctx.text(role_key(m.role))},
        {"roles", role_options(ctx, m.role)},
        {"self", self},
    });
  }
  mstch::array invitations;
  for (const auto& i : members.invitations)
    invitations.push_back(mstch::map{
        {"email", i.email},
        {"role_name", ctx.text(role_key(i.role))},
        {"invited_at", format_time(i.created_at)},
    });
  mstch::map form;
  attach.put_into(form);
  mstch::map data{
      {"members", rows},
      {"invitations", invitations},
      {"has_invitations", !invitations.empty()},
      {"attach", form},
      {"roles", role_options(ctx, attach_role)},
      {"notice", notice},
  };
  return ctx.page("account_members", data, ctx.text("account.members.title"), status);
}

Response show_members(PageContext& ctx) {
  auto members = list_members(ctx.db(), ctx.actor(), ctx.account_id());
  if (!members) return ctx.error_page(members.error());
  return members_page(ctx, *members, FormState(), Role::guest, "", 200);
}

Response do_attach(PageContext& ctx) {
  auto members = list_members(ctx.db(), ctx.actor(), ctx.account_id());
  if (!members) return ctx.error_page(members.error());
  const Request& req = ctx.req();
  FormState form;
  form.fill_from(req);
  auto role = role_from_string(req.form_value("role"));
  if (!role) {
    form.error("role", ctx.text("account.members.choose_role"));
    return members_page(ctx, *members, form, Role::guest, "", 422);
  }
  auto outcome = attach_user(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id(),
                             req.form_value("email"), *role);
  if (!outcome) {
    if (!is_form_error(outcome.error())) return ctx.error_page(outcome.error());
    form.error(outcome.error().field.empty() ? "email" : outcome.error().field,
               outcome.error().message);
    return members_page(ctx, *members, form, *role, "", 422);
  }
  return ctx.redirect("/konto/brugere", *outcome == AttachOutcome::attached
                                            ? "flash.account_user_attached"
                                            : "flash.account_user_invited");
}

// A change of role or a removal: refused with the use case's message above the list when it
// would leave the account without an administrator; otherwise on to `done`.
Response member_change_result(PageContext& ctx, const Status& status, std::string done,
                              const char* flash) {
  if (!status) {
    if (!is_form_error(status.error())) return ctx.error_page(status.error());
    auto members = list_members(ctx.db(), ctx.actor(), ctx.account_id());
    if (!members) return ctx.error_page(members.error());
    return members_page(ctx, *members, FormState(), Role::guest, status.error().message, 422);
  }
  return ctx.redirect(std::move(done), flash);
}

Response do_set_role(PageContext& ctx) {
  auto user_id = parse_int(ctx.req().param("user_id"));
  if (!user_id) return ctx.error_page(not_found("Brugeren"));
  auto role = role_from_string(ctx.req().form_value("role"));
  if (!role) return ctx.error_page(invalid("role", ctx.text("account.members.choose_role")));
  auto status = set_role(ctx.db(), ctx.actor(), ctx.account_id(), *user_id, *role);
  // An administrator who gave up the role can no longer see the list.
  const bool self_demoted = *user_id == ctx.actor().user_id && *role != Role::administrator;
  return member_change_result(ctx, status, self_demoted ? "/konto" : "/konto/brugere",
                              "flash.account_role_changed");
}

Response do_remove(PageContext& ctx) {
  auto user_id = parse_int(ctx.req().param("user_id"));
  if (!user_id) return ctx.error_page(not_found("Brugeren"));
  auto status = remove_member(ctx.db(), ctx.actor(), ctx.account_id(), *user_id);
  // Who left the account works in another one now.
  const bool self = *user_id == ctx.actor().user_id;
  return member_change_result(ctx, status, self ? "/konto/vaelg" : "/konto/brugere",
                              "flash.account_user_removed");
}

// ---- Min bruger

Response my_user_page(PageContext& ctx, const User& user, const FormState& password, int status) {
  mstch::map pw;
  password.put_into(pw);
  mstch::map data{
      {"name", user.first_name + " " + user.last_name},
      {"email", user.email},
      {"digest_subscribed", user.digest_subscribed},
      {"password", pw},
  };
  return ctx.page("account_user", data, ctx.text("account.user.title"), status);
}

Response show_my_user(PageContext& ctx) {
  auto user = get_user(ctx.db(), ctx.actor());
  if (!user) return ctx.error_page(user.error());
  return my_user_page(ctx, *user, FormState(), 200);
}

Response do_digest(PageContext& ctx) {
  auto saved =
      set_digest_subscription(ctx.db(), ctx.actor(), ctx.req().form_value("digest") == "1");
  if (!saved) return ctx.error_page(saved.error());
  return ctx.redirect("/konto/min-bruger", "flash.account_user_saved");
}

Response do_change_password(PageContext& ctx) {
  const Request& req = ctx.req();
  auto changed =
      change_password(ctx.db(), ctx.actor(), req.form_value("old_password"),
                      req.form_value("new_password"), req.form_value("new_password_repeat"));
  if (!changed) {
    if (!is_form_error(changed.error())) return ctx.error_page(changed.error());
    auto user = get_user(ctx.db(), ctx.actor());
    if (!user) return ctx.error_page(user.error());
    // Passwords are never sent back to the browser, not even the ones just typed.
    FormState form;
    form.error(changed.error().field.empty() ? "form" : changed.error().field,
               changed.error().message);
    return my_user_page(ctx, *user, form, 422);
  }
  // Whoever might have known the old password is logged out everywhere else.
  end_other_sessions(ctx.db(), ctx.actor().user_id, ctx.session().token_hash);
  return ctx.redirect("/konto/min-bruger", "flash.account_password_changed");
}

}  // namespace

void register_account_people_pages(WebApp& app) {
  app.get("/konto/brugere", Access::account, show_members);
  app.post("/konto/brugere", Access::account, do_attach);
  app.post("/konto/brugere/{user_id}/rolle", Access::account, do_set_role);
  app.post("/konto/brugere/{user_id}/fjern", Access::account, do_remove);
  app.get("/konto/min-bruger", Access::user, show_my_user);
  app.post("/konto/min-bruger", Access::user, do_digest);
  app.post("/konto/min-bruger/kodeord", Access::user, do_change_password);
}

}  // namespace inkasso::web
