// Log in, log out, sign up and the front page.
#include "app/accounts.h"
#include "app/cases.h"
#include "app/users.h"
#include "web/pages.h"
#include "web/view_support.h"

namespace inkasso::web {
namespace {

// Only a path of our own may follow a login ("/sager/12"), never another site ("//evil").
std::string safe_next(const std::string& next) {
  if (next.size() < 2 || next.size() > 500 || next[0] != '/' || next[1] == '/' || next[1] == '\\')
    return "/";
  return next;
}

// Logs the user in: a fresh session (never the one from before: no session fixation) in the
// first of their accounts, and its cookie.
void start_session(PageContext& ctx, int64_t user_id) {
  auto accounts = list_accounts_of_user(ctx.db(), Actor{user_id});
  std::optional<int64_t> account;
  if (!accounts.empty()) account = accounts.front().id;
  auto created = create_session(ctx.db(), ctx.clock(), user_id, account);
  ctx.add_cookie(Cookie{std::string(kSessionCookie), created.token, -1, true, false});
  ctx.add_cookie(Cookie{std::string(kAnonymousCsrfCookie), "", 0, true, false});
}

Response show_login(PageContext& ctx) {
  if (ctx.logged_in()) return ctx.redirect("/");
  FormState form;
  form.set("videre", ctx.req().query_value("videre"));
  mstch::map data;
  form.put_into(data);
  return ctx.page("login", data, ctx.text("login.title"));
}

Response do_login(PageContext& ctx) {
  const Request& req = ctx.req();
  const std::string& email = req.form_value("email");
  FormState form;
  form.set("email", email);
  form.set("videre", req.form_value("videre"));
  auto& throttle = ctx.services().config.throttle;
  if (!login_allowed(ctx.db(), ctx.clock(), throttle, email, req.remote_addr)) {
    form.error("form", ctx.text("login.throttled"));
    mstch::map data;
    form.put_into(data);
    return ctx.page("login", data, ctx.text("login.title"), 429);
  }
  auto user = authenticate(ctx.db(), email, req.form_value("password"));
  if (!user) {
    record_login_failure(ctx.db(), ctx.clock(), throttle, email, req.remote_addr);
    form.error("form", ctx.text("login.wrong"));
    mstch::map data;
    form.put_into(data);
    return ctx.page("login", data, ctx.text("login.title"), 401);
  }
  clear_login_failures(ctx.db(), email);
  if (ctx.logged_in()) end_session(ctx.db(), req.cookie(kSessionCookie));
  start_session(ctx, *user);
  return ctx.redirect(safe_next(req.form_value("videre")));
}

Response do_logout(PageContext& ctx) {
  end_session(ctx.db(), ctx.req().cookie(kSessionCookie));
  ctx.add_cookie(Cookie{std::string(kSessionCookie), "", 0, true, false});
  return ctx.redirect("/log-ind", "flash.logged_out");
}

Response show_signup(PageContext& ctx) {
  if (ctx.logged_in()) return ctx.redirect("/");
  mstch::map data;
  FormState().put_into(data);
  return ctx.page("signup", data, ctx.text("signup.title"));
}

Response do_signup(PageContext& ctx) {
  const Request& req = ctx.req();
  SignUp form{req.form_value("first_name"),      req.form_value("last_name"),
              req.form_value("email"),           req.form_value("password"),
              req.form_value("password_repeat"), req.form_value("accepted_terms") == "1"};
  auto user = sign_up(ctx.db(), ctx.clock(), form);
  if (!user) {
    FormState state;
    state.fill_from(req);
    state.set("password", "");
    state.set("password_repeat", "");
    state.error(user.error().field.empty() ? "email" : user.error().field, user.error().message);
    mstch::map data;
    state.put_into(data);
    return ctx.page("signup", data, ctx.text("signup.title"), 422);
  }
  start_session(ctx, *user);
  // Invitations taken up at sign-up already give an account; otherwise create one now.
  if (list_accounts_of_user(ctx.db(), Actor{*user}).empty())
    return ctx.redirect("/konto/opret", "flash.signed_up");
  return ctx.redirect("/");
}

Response show_home(PageContext& ctx) {
  if (!ctx.logged_in()) return ctx.redirect("/log-ind");
  if (!ctx.session().role) return ctx.redirect("/konto/vaelg");
  CaseQuery open;
  open.only_open = true;
  open.limit = 1;
  auto page = search_cases(ctx.db(), ctx.actor(), ctx.account_id(), open);
  if (!page) return ctx.error_page(page.error());
  TodoCounters counts;
  if (auto c = todo_counters(ctx.db(), ctx.actor(), ctx.account_id(), ctx.clock().today()))
    counts = *c;
  mstch::map data{
      {"first_name", ctx.session().user_first_name},
      {"follow_up", counts.follow_up > 0},
      {"follow_up_count", std::to_string(counts.follow_up)},
      {"open_count", std::to_string(page->total)},
      {"todo_count", std::to_string(counts.total())},
  };
  return ctx.page("home", data, ctx.text("home.title"));
}

}  // namespace

void register_auth_pages(WebApp& app) {
  app.get("/", Access::anyone, show_home);
  app.get("/log-ind", Access::anyone, show_login);
  app.post("/log-ind", Access::anyone, do_login);
  app.post("/log-ud", Access::user, do_logout);
  app.get("/opret-bruger", Access::anyone, show_signup);
  app.post("/opret-bruger", Access::anyone, do_signup);
}

}  // namespace inkasso::web
