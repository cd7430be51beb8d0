#include "web/web_app.h"

#include <spdlog/spdlog.h>

#include <exception>

#include "core/rules.h"
#include "web/domain_names.h"

namespace inkasso::web {
namespace {

// CSP without inline script or style: the pages load /static/app.css and /static/app.js only.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

void add_security_headers(Response& res) {
  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  bool has_cache_control = false;
  for (const auto& h : res.headers) has_cache_control |= h.first == "Cache-Control";
  // Pages hold the creditor's and debtors' data: never kept by a shared cache or the back
  // button's disk cache.
  if (!has_cache_control) res.set_header("Cache-Control", "no-store");
}

// The menu section a path belongs to, so the layout can mark it.
std::string_view section_of(std::string_view path) {
  auto starts = [&](std::string_view p) { return path.substr(0, p.size()) == p; };
  if (starts("/sager/ny")) return "new_case";
  if (starts("/opfoelgning")) return "followup";
  if (starts("/sager")) return "cases";
  if (starts("/skyldnere")) return "debtors";
  if (starts("/todo") || starts("/udskriv")) return "todo";
  if (starts("/udsendelser")) return "dispatch";
  if (starts("/konto")) return "account";
  if (starts("/drift")) return "operations";
  return "home";
}

}  // namespace

Services& PageContext::services() const {
  return app_.services();
}

bool PageContext::secure_cookies() const {
  return services().config.secure_cookies || req_.over_tls();
}

void PageContext::add_cookie(Cookie cookie) {
  cookie.secure = secure_cookies();
  cookies_.push_back(std::move(cookie));
}

std::string PageContext::csrf_token() {
  if (session_) return session_->csrf_token;
  if (!anonymous_csrf_.empty()) return anonymous_csrf_;
  const std::string& existing = req_.cookie(kAnonymousCsrfCookie);
  if (existing.size() >= 32 && existing.size() <= 100) return anonymous_csrf_ = existing;
  anonymous_csrf_ = random_token();
  add_cookie(Cookie{std::string(kAnonymousCsrfCookie), anonymous_csrf_, -1, true, false});
  return anonymous_csrf_;
}

Response PageContext::page(std::string_view view, mstch::map data, std::string title, int status) {
  const Views& views = services().views;
  std::string csrf = csrf_token();
  data["csrf"] = csrf;
  mstch::map layout{
      {"title", title},
      {"csrf", csrf},
      {"content", views.render(view, data)},
      {"logged_in", logged_in()},
  };
  layout[std::string("section_") + std::string(section_of(req_.path))] = true;
  // A page still working (a batch run's progress) asks the browser to load it again.
  if (auto refresh = data.find("refresh"); refresh != data.end()) layout["refresh"] = refresh->second;
  if (session_) {
    layout["user_name"] = session_->user_first_name + " " + session_->user_last_name;
    layout["is_operator"] = session_->installation_operator;
    if (session_->role) {
      layout["has_account"] = true;
      layout["account_name"] = session_->account_name;
      layout["role_name"] = text(role_key(*session_->role));
      TodoCounters counts = app_.todo_counts(actor(), account_id());
      if (counts.total() > 0) layout["todo_total"] = std::to_string(counts.total());
      if (counts.follow_up > 0) layout["follow_up_total"] = std::to_string(counts.follow_up);
    }
  }
  take_flash(layout);
  return Response::html(views.render("layout", layout), status);
}

Response PageContext::page_in_layout(std::string_view layout_view, std::string_view view,
                                     mstch::map data, std::string title, int status) {
  const Views& views = services().views;
  std::string csrf = csrf_token();
  data["csrf"] = csrf;
  mstch::map layout{{"title", title}, {"csrf", csrf}, {"content", views.render(view, data)}};
  take_flash(layout);
  return Response::html(views.render(layout_view, layout), status);
}

void PageContext::take_flash(mstch::map& layout) {
  const std::string& flash = req_.cookie(kFlashCookie);
  if (flash.empty()) return;
  if (texts().has(flash) && flash.rfind("flash.", 0) == 0) layout["flash"] = text(flash);
  add_cookie(Cookie{std::string(kFlashCookie), "", 0, true, false});
}

Response PageContext::redirect(std::string location, std::string flash_key) {
  Response r = Response::redirect(std::move(location));
  if (!flash_key.empty())
    add_cookie(Cookie{std::string(kFlashCookie), std::move(flash_key), 60, true, false});
  return r;
}

Response PageContext::error_page(const Error& error) {
  int status = 422;
  std::string heading_key = "error.refused";
  std::string message = error.message;
  if (error.code == app_error::kNotFound) {
    status = 404;
    heading_key = "error.not_found";
    message = text("error.not_found_text");
  } else if (error.code == app_error::kForbidden) {
    status = 403;
    heading_key = "error.forbidden";
    // A use case may say why (an installation page needs an operator, not an account role).
    if (message.empty()) message = text("error.forbidden_text") + " " + text(role_key(role())) + ".";
  } else if (error.code == app_error::kConflict) {
    status = 409;
    heading_key = "error.conflict";
    message = text("error.conflict_text");
  } else if (error.code == app_error::kInvalid) {
    heading_key = "error.invalid";
  }
  mstch::map data{{"heading", text(heading_key)}, {"message", message}};
  return page("error", data, text(heading_key), status);
}

WebApp::WebApp(Services services) : services_(std::move(services)) {}

void WebApp::get(std::string_view pattern, Access access, PageHandler handler) {
  router_.add("GET", pattern, Route{access, std::move(handler)});
}

void WebApp::post(std::string_view pattern, Access access, PageHandler handler) {
  router_.add("POST", pattern, Route{access, std::move(handler)});
}

TodoCounters WebApp::todo_counts(const Actor& actor, int64_t account_id) {
  const int64_t now = services_.clock.now_unix();
  {
    std::lock_guard lock(todo_mutex_);
    auto it = todo_cache_.find(account_id);
    if (it != todo_cache_.end() &&
        now - it->second.first < services_.config.todo_counts_ttl_seconds)
      return it->second.second;
  }
  auto counts = todo_counters(services_.db, actor, account_id, services_.clock.today());
  if (!counts) return {};
  std::lock_guard lock(todo_mutex_);
  todo_cache_[account_id] = {now, *counts};
  return *counts;
}

Response WebApp::handle(Request& req) {
  Response res;
  try {
    res = dispatch(req);
  } catch (const std::exception& e) {
    // The message may name a table or a constraint, never a parameter's value (database.h).
    spdlog::error("{} {}: {}", req.method, req.path, e.what());
    res = Response::html(
        "<!doctype html><meta charset=utf-8><title>Fejl</title><h1>Der skete en fejl</h1>"
        "<p>Vi kunne ikke gennemføre handlingen. Intet er ændret. Prøv igen om lidt.</p>",
        500);
  }
  add_security_headers(res);
  return res;
}

Response WebApp::dispatch(Request& req) {
  bool path_matched = false;
  const Route* route = router_.match(req, &path_matched);
  PageContext ctx(*this, req);
  auto finish = [&](Response r) {
    for (auto& c : ctx.pending_cookies()) r.cookies.push_back(std::move(c));
    return r;
  };
  if (!route) {
    if (path_matched) return Response::text("Metoden er ikke tilladt.", 405);
    if (auto s = find_session(services_.db, services_.clock, req.cookie(kSessionCookie)))
      ctx.set_session(std::move(s));
    Error e{app_error::kNotFound, "", ""};
    return finish(ctx.error_page(e));
  }
  if (route->access == Access::machine) return route->handler(ctx);
  if (route->access != Access::anyone || !req.cookie(kSessionCookie).empty()) {
    if (auto s = find_session(services_.db, services_.clock, req.cookie(kSessionCookie)))
      ctx.set_session(std::move(s));
  }
  if (route->access != Access::anyone && !ctx.logged_in()) {
    std::string next = req.method == "GET" ? "?videre=" + url_encode(req.path) : "";
    return finish(Response::redirect("/log-ind" + next));
  }
  if (route->access == Access::account && !ctx.session().role)
    return finish(Response::redirect("/konto/vaelg"));
  if (req.method == "POST") {
    std::string expected =
        ctx.logged_in() ? ctx.session().csrf_token : req.cookie(kAnonymousCsrfCookie);
    if (!tokens_equal(req.form_value("csrf"), expected)) {
      mstch::map data{{"heading", ctx.text("error.csrf")},
                      {"message", ctx.text("error.csrf_text")}};
      return finish(ctx.page("error", data, ctx.text("error.csrf"), 403));
    }
  }
  return finish(route->handler(ctx));
}

}  // namespace inkasso::web
