// The web tests' fixture: the real server (AppServer, every page) on a free loopback port in a
// thread, over a real SQLite file in a temporary directory, with a fixed clock; and a small
// HTTP client that keeps cookies and sends the page's CSRF token with each form, as a browser
// does.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <regex>
#include <string>
#include <thread>

#include "app/accounts.h"
#include "app/cases.h"
#include "app/debtors.h"
#include "app/letters.h"
#include "app/secrets.h"
#include "app/sessions.h"
#include "app/users.h"
#include "store/database.h"
#include "web/app_server.h"

namespace inkasso::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::string location;  // of a redirect
  std::multimap<std::string, std::string> headers;

  bool has(const std::string& text) const { return body.find(text) != std::string::npos; }
  // How many times `text` stands in the body.
  size_t count(const std::string& text) const {
    size_t n = 0;
    for (size_t at = body.find(text); at != std::string::npos; at = body.find(text, at + 1)) ++n;
    return n;
  }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// A browser without JavaScript: cookies, and the CSRF token of the last page it was shown.
class WebClient {
 public:
  explicit WebClient(int port) : client_("127.0.0.1", port) { client_.set_read_timeout(30, 0); }

  HttpResult get(const std::string& path) { return remember(client_.Get(path, headers())); }

  // Posts `form` (name/value pairs) with the CSRF token of the last page shown, unless the
  // form names its own "csrf".
  HttpResult post(const std::string& path, web::Fields form) {
    bool has_csrf = false;
    for (const auto& f : form) has_csrf |= f.first == "csrf";
    if (!has_csrf) form.emplace_back("csrf", csrf_);
    std::string body;
    for (const auto& [k, v] : form) {
      if (!body.empty()) body += '&';
      body += web::url_encode(k) + "=" + web::url_encode(v);
    }
    return remember(client_.Post(path, headers(), body, "application/x-www-form-urlencoded"));
  }

  // GETs `path` first (to be shown the form and its token), then posts.
  HttpResult submit(const std::string& form_page, const std::string& action, web::Fields form) {
    get(form_page);
    return post(action, std::move(form));
  }

  // Follows a redirect with a GET.
  HttpResult follow(const HttpResult& r) { return get(r.location); }

  void set_cookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
  const std::string& csrf() const { return csrf_; }

 private:
  httplib::Headers headers() const {
    std::string cookie;
    for (const auto& [k, v] : cookies_) {
      if (!cookie.empty()) cookie += "; ";
      cookie += k + "=" + v;
    }
    httplib::Headers h;
    if (!cookie.empty()) h.emplace("Cookie", cookie);
    return h;
  }

  HttpResult remember(const httplib::Result& res) {
    HttpResult out;
    if (!res) {
      ADD_FAILURE() << "no response from the server";
      return out;
    }
    out.status = res->status;
    out.body = res->body;
    out.location = res->get_header_value("Location");
    for (const auto& [k, v] : res->headers) out.headers.emplace(k, v);
    for (const auto& [k, v] : res->headers) {
      if (k != "Set-Cookie") continue;
      auto eq = v.find('='), semi = v.find(';');
      std::string name = v.substr(0, eq), value = v.substr(eq + 1, semi - eq - 1);
      if (v.find("Max-Age=0") != std::string::npos)
        cookies_.erase(name);
      else
        cookies_[name] = value;
    }
    static const std::regex csrf_field(R"re(name="csrf" value="([^"]+)")re");
    std::smatch m;
    if (std::regex_search(out.body, m, csrf_field)) csrf_ = m[1];
    return out;
  }

  httplib::Client client_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

class WebTest : public ::testing::Test {
 protected:
  // 2026-11-23 10:00 UTC.
  static constexpr int64_t kNow = 1795428000;

  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           ("inkasso-web-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    auto db = Database::open("sqlite:" + (dir_ / "inkasso.db").string(), 8);
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    ASSERT_TRUE(db_->migrate());
    auto box =
        SecretBox::from_hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    ASSERT_TRUE(box);
    box_ = std::make_unique<SecretBox>(*box);
    web::ServerConfig config;
    config.port = 0;
    config.threads = 8;
    config.log_requests = false;
    auto server = web::AppServer::start(*db_, clock_, *box_, config, web_config());
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
    thread_ = std::thread([this] { server_->run(); });
    // stop() before the accept loop runs would be lost and TearDown would wait for ever.
    while (!server_->running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  void TearDown() override {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  virtual web::WebConfig web_config() const {
    web::WebConfig c;
    c.todo_counts_ttl_seconds = 0;  // tests see every change at once
    return c;
  }

  WebClient client() { return WebClient(server_->port()); }

  // A user signed up with a real password (one argon2id hash).
  int64_t make_user(const std::string& email, const std::string& password = "kodeord-1234",
                    const std::string& first = "Jens", const std::string& last = "Hansen") {
    auto id = sign_up(*db_, clock_, SignUp{first, last, email, password, password, true});
    EXPECT_TRUE(id) << (id ? "" : id.error().message);
    return id ? *id : 0;
  }

  // A company account with valid master data; `user` becomes its administrator.
  int64_t make_company(int64_t user, const std::string& name = "Hansens Tømrer ApS") {
    CompanyAccount form{name,         "27355021",  "kontor@hansen.dk", "12345678",    true,
                        "Vejen 1",    "8000",      "Aarhus C",         "Danske Bank", "1234",
                        "1234567890", std::nullopt};
    auto id = create_company_account(*db_, clock_, Actor{user}, form);
    EXPECT_TRUE(id) << (id ? "" : id.error().message);
    return id ? *id : 0;
  }

  // The operator of the installation (the Drift menu): drift@inkasso.dk, "Drift Ansvarlig".
  int64_t make_operator() {
    const int64_t id = make_user("drift@inkasso.dk", "kodeord-1234", "Drift", "Ansvarlig");
    EXPECT_TRUE(set_installation_operator(*db_, "drift@inkasso.dk", true));
    return id;
  }

  // A new company debtor (CVR 27355021, Gaden 2) and its case with one claim. The defaults are
  // the case of make_debtor_case below.
  struct CaseSpec {
    std::string debtor_name = "Skyldner ApS";
    std::string email;
    std::string mobile;
    std::string postal_code = "8000";
    std::string city = "Aarhus C";
    std::string invoice = "F-100";
    Date invoice_date = Date::ymd(2026, 9, 15);
    Date due = Date::ymd(2026, 10, 1);
    Money principal = Money::from_kroner(10'000);
    std::vector<SentReminder> reminders;  // sent before the case was created
  };

  // 2.000,00 kr. (F-1, invoice 15-09-2026, due 01-10-2026): nothing sent yet.
  static CaseSpec small_case(const std::string& debtor_name = "Skyldner ApS") {
    CaseSpec s;
    s.debtor_name = debtor_name;
    s.invoice = "F-1";
    s.principal = Money::from_kroner(2'000);
    return s;
  }

  // 10.000,00 kr. (F-100, invoice 15-05-2026, due 01-06-2026) with a reminder on 05-06-2026 and
  // the collection notice on 20-06-2026 already sent (100,00 kr. each): ready for court today.
  static CaseSpec court_ready_case(const std::string& debtor_name = "Skyldner ApS") {
    CaseSpec s;
    s.debtor_name = debtor_name;
    s.invoice_date = Date::ymd(2026, 5, 15);
    s.due = Date::ymd(2026, 6, 1);
    s.reminders.push_back(SentReminder{Date::ymd(2026, 6, 5), Money::from_kroner(100), false});
    s.reminders.push_back(SentReminder{Date::ymd(2026, 6, 20), Money::from_kroner(100), true});
    return s;
  }

  // Makes the debtor and the case of `spec` in `account` as `user`. Returns the case number
  // (0 after a failed expectation).
  int64_t make_spec_case(int64_t user, int64_t account, const CaseSpec& spec) {
    DebtorInput in;
    in.kind = DebtorKind::company;
    in.name = spec.debtor_name;
    in.cvr = "27355021";
    in.email = spec.email;
    in.mobile = spec.mobile;
    in.street = "Gaden 2";
    in.postal_code = spec.postal_code;
    in.city = spec.city;
    auto debtor = create_debtor(*db_, clock_, *box_, Actor{user}, account, in);
    EXPECT_TRUE(debtor) << (debtor ? "" : debtor.error().message);
    if (!debtor) return 0;
    NewCase c;
    c.debtor_id = *debtor;
    c.claims.push_back(Claim{spec.invoice, spec.invoice_date, spec.due, spec.principal});
    c.reminders = spec.reminders;
    auto created = create_case(*db_, clock_, *box_, Actor{user}, account, c);
    EXPECT_TRUE(created) << (created ? "" : created.error().message);
    return created ? created->number : 0;
  }

  // A case of 10.000,00 kr. (invoice 15-09-2026, due 01-10-2026) against a new company debtor
  // of `account` in Aarhus with the given e-mail address and mobile number. Returns its number.
  int64_t make_debtor_case(int64_t user, int64_t account, const std::string& email,
                           const std::string& mobile = "",
                           const std::string& debtor_name = "Skyldner ApS") {
    CaseSpec spec;
    spec.debtor_name = debtor_name;
    spec.email = email;
    spec.mobile = mobile;
    return make_spec_case(user, account, spec);
  }

  // The case page's worked example against `debtor_id`: a 10.000,00 kr. claim ("Faktura 1001",
  // 18-07-2026, due 01-08-2026) with procesrente from the 31st day, a first reminder on
  // 05-08-2026 with a 100 kr. fee and a payment of 2.000,00 kr. on 01-10-2026.
  static NewCase worked_example(int64_t debtor_id) {
    NewCase c;
    c.debtor_id = debtor_id;
    c.claims.push_back(Claim{"Faktura 1001", Date::ymd(2026, 7, 18), Date::ymd(2026, 8, 1),
                             Money::from_kroner(10'000)});
    c.reminders.push_back(SentReminder{Date::ymd(2026, 8, 5), Money::from_kroner(100)});
    c.payments.push_back(RecordedPayment{Date::ymd(2026, 10, 1), Money::from_kroner(2'000),
                                         PaymentMethod::bank_transfer});
    c.track = Track::standard;
    c.interest = InterestSettings{InterestKind::procesrente, InterestStart::day31, 0};
    return c;
  }

  // The case's current version (-1 when it cannot be read).
  int64_t case_version(int64_t user, int64_t account, int64_t number) {
    auto v = get_case(*db_, clock_, Actor{user}, account, number);
    EXPECT_TRUE(v) << (v ? "" : v.error().message);
    return v ? v->stored.version : -1;
  }

  // A reminder dated 23-11-2026 (fee 100,00 kr., deadline 03-12-2026) on the case with its
  // letter, sent as `sending` says; as the action form adds it. Returns the document's id.
  int64_t send_reminder(int64_t user, int64_t account, int64_t number,
                        const SendingChoice& sending) {
    Action a;
    a.type = ActionType::reminder;
    a.date = Date::ymd(2026, 11, 23);
    a.fee = Money::from_kroner(100);
    a.deadline = Date::ymd(2026, 12, 3);
    return act_with_document(user, account, number, a, sending);
  }

  // A payment order (or an enforcement request) today, its court fee added to the case, with
  // its document (kept on the case, not sent). Returns the document's id.
  int64_t file_court_action(int64_t user, int64_t account, int64_t number,
                            ActionType type = ActionType::payment_order) {
    Action a;
    a.type = type;
    a.date = clock_.today();
    a.court_fee_added = true;
    return act_with_document(user, account, number, a, SendingChoice{});
  }

  // `action` on the case with its document, as `sending` says. Returns the document's id (0
  // when the action makes none or was refused, which fails the test).
  int64_t act_with_document(int64_t user, int64_t account, int64_t number, const Action& action,
                            const SendingChoice& sending) {
    auto made =
        add_action_with_document(*db_, clock_, *box_, Installation{}, Actor{user}, account, number,
                                 case_version(user, account, number), action, sending);
    EXPECT_TRUE(made) << (made ? "" : made.error().message);
    return made && made->document_id ? *made->document_id : 0;
  }

  // A client logged in as `user` in `account` without going through the login form (which
  // auth_test tests): a session made directly, its token in the cookie.
  WebClient logged_in_client(int64_t user, std::optional<int64_t> account) {
    WebClient c = client();
    auto s = create_session(*db_, clock_, user, account);
    c.set_cookie("inkasso_session", s.token);
    c.get("/");  // to be shown a page with the session's CSRF token
    return c;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<SecretBox> box_;
  FixedClock clock_{kNow, Date::ymd(2026, 11, 23)};
  std::unique_ptr<web::AppServer> server_;
  std::thread thread_;
};

}  // namespace inkasso::testing
