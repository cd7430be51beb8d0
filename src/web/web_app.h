// The creditor's web application: routes, sessions, CSRF, the layout, errors.
//
// Every request passes through WebApp::handle, which
//  1. finds the route (404/405 otherwise),
//  2. loads the session from its cookie (app/sessions.h) and enforces the route's Access:
//     `user` needs a login (else to /log-ind), `account` also a chosen account the user is still
//     a member of (else to /konto/vaelg),
//  3. checks the CSRF token of every POST (the session's, or for forms shown before login the
//     `inkasso_csrf` cookie's): a mismatch is refused with 403 and nothing done,
//  4. calls the handler with a PageContext and catches what it throws (500, logged once),
//  5. adds the security headers (CSP without inline script, frame-ancestors 'none', ...).
//
// Handlers are thin (../shared/spec/style.md): read the form, call the use case in src/app
// (which authorises against the account: roles are enforced there, not by hiding menu items),
// render a view model. A handler never trusts an id from the URL: the use case looks it up in
// the session's account, so another account's id answers 404.
//
// Thread-safety: routes are added before serving; handle() runs on many threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <mstch/mstch.hpp>

#include "app/context.h"
#include "app/secrets.h"
#include "app/sessions.h"
#include "app/todo.h"
#include "store/database.h"
#include "web/http.h"
#include "web/router.h"
#include "web/texts.h"
#include "web/views.h"

namespace inkasso::web {

enum class Access {
  anyone,   // login page, sign-up, static files
  user,     // logged in (an account need not be chosen: creating the first one)
  account,  // logged in with a chosen account
  // A machine calling back (the SMS gateway's delivery reports): no session and no CSRF token;
  // the handler authenticates the caller itself (a secret in the URL).
  machine,
};

inline constexpr std::string_view kSessionCookie = "inkasso_session";
inline constexpr std::string_view kAnonymousCsrfCookie = "inkasso_csrf";
inline constexpr std::string_view kFlashCookie = "inkasso_flash";

struct WebConfig {
  LoginThrottle throttle;
  // Mark cookies Secure. Also done per request when nginx says the client came over TLS.
  bool secure_cookies = false;
  // How long the TODO counters of an account are reused before they are counted again.
  int64_t todo_counts_ttl_seconds = 60;
  // The installation's address as debtors reach it: the portal links printed on letters and
  // sent by e-mail and SMS (INKASSO_PUBLIC_URL). No trailing slash.
  std::string public_url = "http://127.0.0.1:8080";
};

struct Services {
  Database& db;
  const Clock& clock;
  const SecretBox& box;
  const Texts& texts;
  const Views& views;
  WebConfig config;
};

class WebApp;

// What a handler gets: the request, the services, who is logged in and in which account.
class PageContext {
 public:
  PageContext(WebApp& app, Request& req) : app_(app), req_(req) {}

  const Request& req() const { return req_; }
  Services& services() const;
  Database& db() const { return services().db; }
  const Clock& clock() const { return services().clock; }
  const SecretBox& box() const { return services().box; }
  const Texts& texts() const { return services().texts; }
  // The text of a key (texts.h).
  const std::string& text(std::string_view key) const { return texts().get(key); }

  bool logged_in() const { return session_.has_value(); }
  const Session& session() const { return *session_; }
  Actor actor() const { return Actor{session_ ? session_->user_id : 0}; }
  // The chosen account (Access::account routes only).
  int64_t account_id() const {
    return session_ && session_->account_id ? *session_->account_id : 0;
  }
  Role role() const { return session_ && session_->role ? *session_->role : Role::guest; }
  // Whether the role may change cases and debtors: decides which buttons a page shows. The use
  // cases check the role again on every write.
  bool can_write() const { return role() >= Role::case_handler; }
  // Whether the user is an operator of the installation (the "Drift" menu; the use cases check
  // again).
  bool is_operator() const { return session_ && session_->installation_operator; }

  // The CSRF token for this page's forms (hidden field "csrf"). Before login it is the
  // inkasso_csrf cookie's, set on this response when the browser has none.
  std::string csrf_token();

  // Renders `view` with `data` inside the layout (menu, account, flash message). `data` gets
  // "csrf" added. `title` is the page title (already Danish).
  Response page(std::string_view view, mstch::map data, std::string title, int status = 200);
  // The same inside another layout template (the debtor portal's, without the creditor's
  // menu). The layout gets "title", "csrf", "content" and "flash".
  Response page_in_layout(std::string_view layout_view, std::string_view view, mstch::map data,
                          std::string title, int status = 200);
  // 303 to `location`; `flash_key` (a text key) is shown once on the next page.
  Response redirect(std::string location, std::string flash_key = {});
  // The error page for a use case's error: 404 not found, 403 forbidden (with the role), 409
  // conflict (someone changed the case first), 422 invalid or refused (with the message).
  Response error_page(const Error& error);

  // Cookies to add to whatever response the handler returns (login sets the session cookie).
  void add_cookie(Cookie cookie);
  bool secure_cookies() const;

  // Used by WebApp only.
  void set_session(std::optional<Session> s) { session_ = std::move(s); }
  std::vector<Cookie>& pending_cookies() { return cookies_; }

 private:
  // The flash message of the request, once: into the layout's "flash", and its cookie cleared.
  void take_flash(mstch::map& layout);

  WebApp& app_;
  Request& req_;
  std::optional<Session> session_;
  std::vector<Cookie> cookies_;
  std::string anonymous_csrf_;
};

using PageHandler = std::function<Response(PageContext&)>;

class WebApp {
 public:
  explicit WebApp(Services services);

  void get(std::string_view pattern, Access access, PageHandler handler);
  void post(std::string_view pattern, Access access, PageHandler handler);

  // Answers one request. Never throws.
  Response handle(Request& req);

  Services& services() { return services_; }
  // The TODO counters of the account, reused for config.todo_counts_ttl_seconds.
  TodoCounters todo_counts(const Actor& actor, int64_t account_id);

 private:
  struct Route {
    Access access;
    PageHandler handler;
  };
  Response dispatch(Request& req);

  Services services_;
  Router<Route> router_;
  std::mutex todo_mutex_;
  std::unordered_map<int64_t, std::pair<int64_t, TodoCounters>> todo_cache_;  // at, counts
};

// Registers every page of the product (web_routes.cc lists the page modules).
void register_all_pages(WebApp& app);

}  // namespace inkasso::web
