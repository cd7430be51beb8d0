// SMS through the gateway: a loopback HTTP server (cpp-httplib) plays the gateway, checks the
// token and the request, answers with ids, and its delivery reports are applied.
#include <gtest/gtest.h>

#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/local_time.h"
#include "app/secrets.h"
#include "app/sms_delivery.h"
#include "dispatch/worker.h"
#include "store/dispatch_store.h"
#include "tests/dispatch/dispatch_fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

constexpr int64_t kNow = 1'750'000'000;

// The gateway: POST /rest/mtsms. Answers {"ids": [next id]} to a request with the right token,
// or the status set in `fail_with` (with a GatewayAPI-style error body).
class FakeGateway {
 public:
  FakeGateway() {
    server_.Post("/rest/mtsms", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mu_);
      requests.push_back(req.body);
      auth.push_back(req.get_header_value("Authorization"));
      content_type.push_back(req.get_header_value("Content-Type"));
      if (req.get_header_value("Authorization") != "Token gw-token-123") {
        res.status = 401;
        res.set_content(R"({"code":"0x0213","message":"Unauthorized"})", "application/json");
        return;
      }
      if (fail_with) {
        res.status = fail_with;
        res.set_content(R"({"code":"0x0100","message":"Invalid recipient"})", "application/json");
        return;
      }
      res.set_content("{\"ids\": [" + std::to_string(next_id++) + "]}", "application/json");
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

  std::vector<std::string> requests, auth, content_type;
  int fail_with = 0;
  int64_t next_id = 4711;

 private:
  httplib::Server server_;
  std::thread thread_;
  std::mutex mu_;
  int port_ = 0;
};

class SmsDispatch : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    case_ = testing::insert_case_rows(db(), "Kreditor A/S", "Jensen", 5);
    doc_ = testing::insert_document_row(db(), case_, "reminder", "Rykker nr. 1",
                                        testing::sample_pdf());
  }
  DispatchConfig config(const FakeGateway& gw, const std::string& token = "gw-token-123") {
    DispatchConfig c;
    SmsConfig sms;
    sms.url = gw.url();
    sms.token = token;
    sms.sender = "Kreditor";
    sms.callback_url = "https://inkasso.example/sms/kvittering";
    c.sms = sms;
    c.public_url = "https://inkasso.example";
    c.worker_name = "sms-worker";
    return c;
  }
  testing::DispatchState state(int64_t id) { return testing::dispatch_state(db(), id); }

  testing::CaseRows case_;
  int64_t doc_ = 0;
};

TEST_P(SmsDispatch, SentThroughTheGatewayThenDeliveredByItsReport) {
  FakeGateway gw;
  const int64_t id =
      testing::queue_dispatch(db(), case_, doc_, Channel::sms, "+45 12 34 56 78", kNow - 60,
                              "Kreditor A/S: Du har fået en rykker – se den her: {{link}}");
  DispatchWorker worker(db(), config(gw));
  ASSERT_EQ(worker.run_once(kNow), 1);
  EXPECT_EQ(worker.last_round().sent, 1);

  ASSERT_EQ(gw.requests.size(), 1u);
  EXPECT_EQ(gw.auth[0], "Token gw-token-123");
  EXPECT_EQ(gw.content_type[0], "application/json");
  auto body = nlohmann::json::parse(gw.requests[0]);
  EXPECT_EQ(body["sender"], "Kreditor");
  EXPECT_EQ(body["recipients"], nlohmann::json::parse(R"([{"msisdn": 4512345678}])"));
  EXPECT_EQ(body["callback_url"], "https://inkasso.example/sms/kvittering");
  EXPECT_EQ(body["userref"], std::to_string(id));
  const std::string message = body["message"];
  const std::string prefix =
      "Kreditor A/S: Du har fået en rykker - se den her: "
      "https://inkasso.example/aabn/";
  ASSERT_EQ(message.rfind(prefix, 0), 0u) << message;  // the dash written plainly (GSM-7)
  const std::string token = message.substr(prefix.size());
  EXPECT_EQ(token.size(), 43u);
  EXPECT_TRUE(is_gsm7(message));

  auto s = state(id);
  EXPECT_EQ(s.status, "sent");
  EXPECT_EQ(s.provider_id, "4711");
  EXPECT_FALSE(s.received);
  EXPECT_EQ(s.tracking_hash, tracking_token_hash(token));

  // The gateway's report, as it would POST it to the callback.
  auto report = parse_delivery_report(
      R"({"id": 4711, "msisdn": 4512345678, "time": 1750000100, "status": "DELIVERED",
          "userref": ")" +
      std::to_string(id) + "\"}");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->state, SmsDeliveryReport::State::delivered);
  soci::session sql(db().pool());
  ASSERT_TRUE(
      apply_delivery_report(sql, report->provider_id, DeliveryOutcome::delivered, "", kNow + 40));
  s = state(id);
  EXPECT_EQ(s.status, "received");
  EXPECT_TRUE(s.received);
}

TEST_P(SmsDispatch, UndeliveredReportFailsTheRowWithADanishReason) {
  FakeGateway gw;
  const int64_t id =
      testing::queue_dispatch(db(), case_, doc_, Channel::sms, "12345678", kNow - 60);
  DispatchWorker worker(db(), config(gw));
  ASSERT_EQ(worker.run_once(kNow), 1);
  auto report = parse_delivery_report(
      R"({"id": 4711, "msisdn": 4512345678, "status": "EXPIRED", "error": "Absent subscriber"})");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->state, SmsDeliveryReport::State::failed);
  soci::session sql(db().pool());
  ASSERT_TRUE(apply_delivery_report(sql, report->provider_id, DeliveryOutcome::failed,
                                    delivery_failure_reason(*report), kNow + 40));
  auto s = state(id);
  EXPECT_EQ(s.status, "failed");
  EXPECT_EQ(s.error,
            "SMS'en kunne ikke leveres i tide (telefonen var slukket eller uden dækning) "
            "(EXPIRED: Absent subscriber).");
}

TEST_P(SmsDispatch, GatewayRefusalsAndBadNumbers) {
  FakeGateway gw;
  gw.fail_with = 422;
  const int64_t refused =
      testing::queue_dispatch(db(), case_, doc_, Channel::sms, "12345678", kNow - 60);
  const int64_t foreign =
      testing::queue_dispatch(db(), case_, doc_, Channel::sms, "+46 701234567", kNow - 60);
  DispatchWorker worker(db(), config(gw));
  ASSERT_EQ(worker.run_once(kNow), 2);
  EXPECT_EQ(state(refused).status, "failed");
  EXPECT_EQ(state(refused).error, "SMS-tjenesten afviste beskeden (HTTP 422): Invalid recipient.");
  EXPECT_EQ(state(foreign).status, "failed");
  EXPECT_EQ(state(foreign).attempts, 0);
  EXPECT_NE(state(foreign).error.find("ikke et dansk nummer"), std::string::npos);
  EXPECT_EQ(gw.requests.size(), 1u) << "the foreign number never reached the gateway";
}

TEST_P(SmsDispatch, GatewayErrorsAreRetriedAndAWrongTokenHoldsTheBatch) {
  FakeGateway gw;
  gw.fail_with = 503;
  const int64_t a = testing::queue_dispatch(db(), case_, doc_, Channel::sms, "12345678", kNow - 60);
  const int64_t b = testing::queue_dispatch(db(), case_, doc_, Channel::sms, "22345678", kNow - 60);
  {
    DispatchWorker worker(db(), config(gw));
    ASSERT_EQ(worker.run_once(kNow), 2);
    EXPECT_EQ(state(a).status, "waiting");
    EXPECT_EQ(state(a).attempts, 1);
    EXPECT_EQ(state(b).attempts, 0) << "a 5xx holds the rest of the batch";
  }
  gw.fail_with = 0;
  {
    DispatchWorker worker(db(), config(gw, "wrong-token"));
    ASSERT_EQ(worker.run_once(kNow + 60), 2);
    EXPECT_EQ(state(a).attempts, 2);
    EXPECT_EQ(state(a).error,
              "SMS-tjenesten afviste installationens adgangsnøgle (HTTP 401); vi prøver igen "
              "senere.");
    EXPECT_EQ(state(b).attempts, 0);
  }
  DispatchWorker worker(db(), config(gw));
  ASSERT_EQ(worker.run_once(kNow + 3600), 2);
  EXPECT_EQ(state(a).status, "sent");
  EXPECT_EQ(state(b).status, "sent");
}

// Sets environment variables for one test and puts back what was there before.
class ScopedEnv {
 public:
  ~ScopedEnv() {
    for (const auto& [name, old] : saved_) {
      if (old)
        setenv(name.c_str(), old->c_str(), 1);
      else
        unsetenv(name.c_str());
    }
  }
  void set(const std::string& name, const std::string& value) {
    if (!saved_.count(name)) {
      const char* old = std::getenv(name.c_str());
      saved_[name] = old ? std::optional<std::string>(old) : std::nullopt;
    }
    if (value.empty())
      unsetenv(name.c_str());
    else
      setenv(name.c_str(), value.c_str(), 1);
  }

 private:
  std::map<std::string, std::optional<std::string>> saved_;
};

TEST_P(SmsDispatch, TheGatewayIsGivenTheCallbackUrlWithTheInstallationsSecret) {
  FakeGateway gw;
  ScopedEnv env;
  env.set("INKASSO_SMTP_URL", "");
  env.set("INKASSO_SMS_URL", gw.url());
  env.set("INKASSO_SMS_TOKEN", "gw-token-123");
  env.set("INKASSO_SMS_SENDER", "");
  env.set("INKASSO_PUBLIC_URL", "https://inkasso.example/");
  auto box =
      SecretBox::from_hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  ASSERT_TRUE(box);
  const std::string secret = sms_callback_secret(*box);
  ASSERT_EQ(secret.size(), 64u);
  EXPECT_EQ(secret.find_first_not_of("0123456789abcdef"), std::string::npos) << "URL-safe";

  auto config = dispatch_config_from_env(secret);
  ASSERT_TRUE(config) << config.error().message;
  config->worker_name = "sms-worker";
  const int64_t id = testing::queue_dispatch(db(), case_, doc_, Channel::sms, "12345678", kNow);
  DispatchWorker worker(db(), *config);
  ASSERT_EQ(worker.run_once(kNow), 1);
  ASSERT_EQ(gw.requests.size(), 1u);
  auto body = nlohmann::json::parse(gw.requests[0]);
  EXPECT_EQ(body["callback_url"], "https://inkasso.example/sms/kvittering/" + secret);
  EXPECT_EQ(body["sender"], "Inkasso");
  EXPECT_EQ(state(id).status, "sent");

  // Without a secret no reports are asked for (a URL without it would only be refused).
  auto plain = dispatch_config_from_env("");
  ASSERT_TRUE(plain);
  plain->worker_name = "sms-worker-2";
  testing::queue_dispatch(db(), case_, doc_, Channel::sms, "22345678", kNow);
  DispatchWorker second(db(), *plain);
  ASSERT_EQ(second.run_once(kNow), 1);
  ASSERT_EQ(gw.requests.size(), 2u);
  EXPECT_FALSE(nlohmann::json::parse(gw.requests[1]).contains("callback_url"));
}

TEST_P(SmsDispatch, ALaterSendingTimeIsNotSentBeforeIt) {
  FakeGateway gw;
  // kNow is 15-06-2025 15:06:40 UTC (17:06:40 in Copenhagen). "Send senere" at 18:00 CEST =
  // 16:00 UTC: day 20,254 × 86,400 + 57,600 = 1,749,945,600 + 57,600 = 1,750,003,200.
  auto at = sending_time(Date::ymd(2025, 6, 15), 18, 0, kNow);
  ASSERT_TRUE(at.ok()) << at.error().message;
  ASSERT_EQ(*at, 1'750'003'200);
  const int64_t id = testing::queue_dispatch(db(), case_, doc_, Channel::sms, "12345678", *at);
  DispatchWorker worker(db(), config(gw));
  EXPECT_EQ(worker.run_once(kNow), 0);
  EXPECT_EQ(worker.run_once(*at - 1), 0) << "one second before";
  EXPECT_TRUE(gw.requests.empty());
  EXPECT_EQ(state(id).status, "waiting");
  EXPECT_EQ(worker.run_once(*at), 1);
  EXPECT_EQ(gw.requests.size(), 1u);
  EXPECT_EQ(state(id).status, "sent");
}

INKASSO_INSTANTIATE_BACKENDS(SmsDispatch);

TEST(SmsText, DanishNumbersAreNormalised) {
  for (const char* in : {"12 34 56 78", "12345678", "+45 12345678", "+4512345678", "004512345678",
                         "0045 1234 5678", "4512345678", "12-34-56-78"}) {
    auto n = normalise_msisdn(in);
    ASSERT_TRUE(n.ok()) << in;
    EXPECT_EQ(*n, 4512345678) << in;
  }
  for (const char* in : {"1234567", "123456789", "+46 701234567", "02345678", "12345678x", "",
                         "+45 0234 5678", "45 1234 567"}) {
    auto n = normalise_msisdn(in);
    EXPECT_FALSE(n.ok()) << in;
  }
  EXPECT_EQ(normalise_msisdn("+46 701234567").error().message,
            "Telefonnummeret \"+46 701234567\" er ikke et dansk nummer med 8 cifre; SMS sendes "
            "kun til danske numre.");
}

TEST(SmsText, LinkAndGsm7) {
  EXPECT_EQ(sms_text("“Betal” nu… se {{link}} – tak", "https://x.dk/aabn/t"),
            "\"Betal\" nu... se https://x.dk/aabn/t - tak");
  EXPECT_TRUE(is_gsm7("Hej Søren, æøå ÆØÅ €5 {ok}"));
  EXPECT_FALSE(is_gsm7("Hej ✓"));
  EXPECT_FALSE(is_gsm7("“citat”"));
}

TEST(SmsText, DeliveryReportParsing) {
  auto r = parse_delivery_report(R"({"id": "abc", "status": "ENROUTE"})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->provider_id, "abc");
  EXPECT_EQ(r->state, SmsDeliveryReport::State::pending);
  EXPECT_EQ(parse_delivery_report(R"({"id": 1, "status": "REJECTED"})")->state,
            SmsDeliveryReport::State::failed);
  EXPECT_FALSE(parse_delivery_report("not json").ok());
  EXPECT_FALSE(parse_delivery_report(R"({"status": "DELIVERED"})").ok());
  EXPECT_FALSE(parse_delivery_report(R"({"id": 1})").ok());
}

}  // namespace
}  // namespace inkasso
