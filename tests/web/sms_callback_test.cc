// The SMS gateway's delivery reports over HTTP (POST /sms/kvittering/{secret}): the dispatch
// worker sends a real SMS to a gateway on loopback with the callback URL, and the report posted
// to that URL moves the sending on; a wrong secret, a body that is no report, a report that came
// too early.
#include <httplib.h>

#include <mutex>

#include <nlohmann/json.hpp>

#include "app/letters.h"
#include "app/sms_delivery.h"
#include "dispatch/worker.h"
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

// The gateway: takes every message, answers {"ids": [4711, 4712, ...]} and keeps the requests.
class FakeGateway {
 public:
  FakeGateway() {
    server_.Post("/rest/mtsms", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mu_);
      requests_.push_back(nlohmann::json::parse(req.body));
      res.set_content("{\"ids\": [" + std::to_string(next_id_++) + "]}", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeGateway() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/rest/mtsms"; }
  std::vector<nlohmann::json> requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  std::mutex mu_;
  std::vector<nlohmann::json> requests_;
  int64_t next_id_ = 4711;
  int port_ = 0;
};

class SmsCallback : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    user_ = make_user("jens@hansen.dk");
    account_ = make_company(user_);
  }

  // A case with a reminder sent by SMS to 12 34 56 78, its document rendered.
  void queue_sms_reminder(const std::string& debtor_name) {
    CaseSpec spec = small_case(debtor_name);
    spec.mobile = "12 34 56 78";
    const int64_t number = make_spec_case(user_, account_, spec);
    ASSERT_GT(number, 0);
    SendingChoice sms;
    sms.sms = true;
    ASSERT_GT(send_reminder(user_, account_, number, sms), 0);
    ASSERT_EQ(render_pending_documents(*db_, clock_), 1);
  }

  // The worker sends what is due to `gw`, asking for reports at this server's callback.
  void run_worker(FakeGateway& gw) {
    DispatchConfig config;
    SmsConfig sms;
    sms.url = gw.url();
    sms.token = "gw-token";
    sms.sender = "Hansen";
    sms.callback_url = base_url() + "/sms/kvittering/" + sms_callback_secret(*box_);
    config.sms = sms;
    config.worker_name = "web-test";
    DispatchWorker worker(*db_, config);
    worker.run_once(kNow);
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  // POSTs `body` as the gateway does (JSON, no cookies, no CSRF token) to `path`.
  HttpResult post_json(const std::string& path, const std::string& body) {
    httplib::Client gateway("127.0.0.1", server_->port());
    auto res = gateway.Post(path, body, "application/json");
    HttpResult out;
    if (!res) {
      ADD_FAILURE() << "no response";
      return out;
    }
    out.status = res->status;
    out.body = res->body;
    return out;
  }

  std::string status_of(int64_t id, std::string* error = nullptr) {
    soci::session sql(db_->pool());
    std::string status, err;
    soci::indicator ind = soci::i_ok;
    long long i = id;
    sql << "SELECT status, error FROM dispatches WHERE id = :i", soci::use(i), soci::into(status),
        soci::into(err, ind);
    if (error) *error = ind == soci::i_ok ? err : "";
    return status;
  }

  int64_t user_ = 0;
  int64_t account_ = 0;
};

TEST_F(SmsCallback, TheGatewaysReportOnItsCallbackMovesTheSendingOn) {
  queue_sms_reminder("Alfa ApS");
  queue_sms_reminder("Beta ApS");
  FakeGateway gw;
  run_worker(gw);
  auto sent = gw.requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(status_of(1), "sent");
  EXPECT_EQ(status_of(2), "sent");

  // The URL the gateway was given holds the secret, and it is this server's.
  const std::string callback = sent[0]["callback_url"];
  const std::string prefix = base_url() + "/sms/kvittering/";
  ASSERT_EQ(callback.rfind(prefix, 0), 0u) << callback;
  const std::string path = callback.substr(base_url().size());
  EXPECT_EQ(callback.size() - prefix.size(), 64u);

  // Delivered: the first SMS (gateway id 4711, userref 1) becomes received.
  auto r = post_json(path, R"({"id": 4711, "msisdn": 4512345678, "time": 1795428100,
                              "status": "DELIVERED", "userref": "1"})");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(status_of(1), "received");
  EXPECT_EQ(status_of(2), "sent");

  // An interim report changes nothing but is answered 200 (the gateway must not repeat it).
  r = post_json(path, R"({"id": 4712, "msisdn": 4512345678, "status": "ENROUTE"})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(status_of(2), "sent");

  // Expired: the second fails with the Danish reason and the gateway's words.
  r = post_json(path, R"({"id": 4712, "msisdn": 4512345678, "status": "EXPIRED",
                         "error": "Absent subscriber"})");
  EXPECT_EQ(r.status, 200);
  std::string error;
  EXPECT_EQ(status_of(2, &error), "failed");
  EXPECT_EQ(error,
            "SMS'en kunne ikke leveres i tide (telefonen var slukket eller uden dækning) "
            "(EXPIRED: Absent subscriber).");

  // The creditor sees both on the case's timeline.
  WebClient c = logged_in_client(user_, account_);
  EXPECT_TRUE(c.get("/sager/1").has("<strong>Modtaget</strong>"));
  EXPECT_TRUE(c.get("/sager/2").has("Absent subscriber"));
}

TEST_F(SmsCallback, AWrongSecretIsNotFoundAndChangesNothing) {
  queue_sms_reminder("Alfa ApS");
  FakeGateway gw;
  run_worker(gw);
  ASSERT_EQ(status_of(1), "sent");
  const std::string report = R"({"id": 4711, "status": "DELIVERED"})";
  std::string secret = sms_callback_secret(*box_);
  std::string wrong = secret;
  wrong.back() = wrong.back() == '0' ? '1' : '0';  // one digit off, same length
  EXPECT_EQ(post_json("/sms/kvittering/" + wrong, report).status, 404);
  EXPECT_EQ(post_json("/sms/kvittering/" + secret.substr(0, 63), report).status, 404);
  EXPECT_EQ(post_json("/sms/kvittering/" + secret + "0", report).status, 404);
  EXPECT_EQ(post_json("/sms/kvittering/", report).status, 404);
  EXPECT_EQ(post_json("/sms/kvittering", report).status, 404);
  // Another installation's key gives another secret.
  auto other =
      SecretBox::from_hex("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  ASSERT_TRUE(other);
  EXPECT_NE(sms_callback_secret(*other), secret);
  EXPECT_EQ(post_json("/sms/kvittering/" + sms_callback_secret(*other), report).status, 404);
  EXPECT_EQ(status_of(1), "sent");
  // The right one works.
  EXPECT_EQ(post_json("/sms/kvittering/" + secret, report).status, 200);
  EXPECT_EQ(status_of(1), "received");
}

TEST_F(SmsCallback, ABodyThatIsNoReportIs400AndAnEarlyReport503) {
  queue_sms_reminder("Alfa ApS");
  const std::string path = "/sms/kvittering/" + sms_callback_secret(*box_);
  EXPECT_EQ(post_json(path, "ikke json").status, 400);
  EXPECT_EQ(post_json(path, "[1, 2]").status, 400);
  EXPECT_EQ(post_json(path, R"({"status": "DELIVERED"})").status, 400) << "no id";
  EXPECT_EQ(post_json(path, R"({"id": 4711})").status, 400) << "no status";
  EXPECT_EQ(post_json(path, "").status, 400);
  // A report on a message no sending has yet (the worker has not recorded the send): 503, so
  // that the gateway repeats it; the waiting row is untouched.
  EXPECT_EQ(post_json(path, R"({"id": 4711, "status": "DELIVERED"})").status, 503);
  EXPECT_EQ(status_of(1), "waiting");
  // Only POST.
  httplib::Client browser("127.0.0.1", server_->port());
  auto get = browser.Get(path);
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 405);
}

}  // namespace
}  // namespace inkasso::testing
