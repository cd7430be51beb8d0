// The dispatch worker: sends what is due in the dispatch queue (store/dispatch_store.h) by e-mail
// and SMS and records each outcome. Several workers, in one process or many, may run against
// one database: they never take the same row, and a row is never handed over twice, even when a
// worker is killed in the middle (docs/dispatch.md, "Crash safety").
//
// Thread-safety: one DispatchWorker per thread (each keeps its own SMTP and HTTP connections).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "dispatch/sms_gateway.h"
#include "dispatch/smtp_sender.h"
#include "store/database.h"

namespace inkasso {

struct DispatchConfig {
  std::optional<SmtpConfig> smtp;  // nullopt: e-mail rows fail ("E-mail er ikke sat op ...")
  std::optional<SmsConfig> sms;    // nullopt: SMS rows fail likewise
  std::string public_url = "http://127.0.0.1:8080";  // the tracking links' base
  std::string worker_name;  // unique among running workers; "" for "<host>:<pid>"
  int batch_size = 20;      // rows claimed per round (1..1000)
  // A row claimed or being sent for longer than this is taken to belong to a worker that
  // stopped. Must exceed the longest send (SmtpConfig::timeout_seconds).
  int64_t lease_seconds = 600;
  int poll_seconds = 5;  // the pause between rounds when the queue is empty
  // Operational messages (counts, failures of the database); never addresses or contents.
  std::function<void(const std::string&)> log;
};

// The configuration from the environment: INKASSO_SMTP_URL (smtp://host:port or smtps://...,
// unset: no e-mail), INKASSO_SMTP_STARTTLS (1/true/yes), INKASSO_SMTP_USER,
// INKASSO_SMTP_PASSWORD, INKASSO_MAIL_FROM (required with SMTP), INKASSO_MAIL_FROM_NAME
// (default "Inkasso"), INKASSO_SMS_URL (unset: no SMS), INKASSO_SMS_TOKEN (required with SMS),
// INKASSO_SMS_SENDER (default "Inkasso"), INKASSO_PUBLIC_URL (default http://127.0.0.1:8080).
// An invalid value is an error naming the variable.
//
// SMS delivery reports are asked for at <public url>/sms/kvittering/<sms_callback_secret>: the
// secret authenticates the gateway to the web's callback, so the caller derives it from the
// installation's key (app/sms_delivery.h sms_callback_secret) and the web derives the same.
// Only URL-safe characters; "" asks for no delivery reports (SMS rows then stay 'sent').
Result<DispatchConfig> dispatch_config_from_env(std::string_view sms_callback_secret);

// What one round did.
struct RoundReport {
  int claimed = 0;
  int received = 0;            // e-mails accepted by the SMTP server
  int sent = 0;                // SMS accepted by the gateway
  int retrying = 0;            // temporary failures, waiting for their next attempt
  int failed = 0;              // permanent failures (uncertain ones included)
  int released = 0;            // not attempted: their channel was down
  int recovered_released = 0;  // stopped workers' rows put back in the queue
  int recovered_failed = 0;    // stopped workers' rows failed as interrupted
};

class DispatchWorker {
 public:
  DispatchWorker(Database& db, DispatchConfig config);
  ~DispatchWorker();
  DispatchWorker(const DispatchWorker&) = delete;
  DispatchWorker& operator=(const DispatchWorker&) = delete;

  // One round at `now_unix` (used for every time it records): recovers stopped workers' rows
  // (its own name's on the first round, whatever their age; others' after the lease), claims a
  // batch, sends each and records the outcome. Returns how many rows it claimed. Database
  // failures throw.
  int run_once(int64_t now_unix);

  // Rounds until `stop` is set: `before_round(now)` first in each (rendering documents, say),
  // then run_once; a full batch is followed at once by the next round, otherwise it pauses
  // poll_seconds. A failing round is logged and its rows recovered; the loop goes on.
  void run(const std::atomic<bool>& stop,
           const std::function<void(int64_t now_unix)>& before_round = {});

  const RoundReport& last_round() const { return report_; }
  const std::string& name() const { return config_.worker_name; }

 private:
  void log(const std::string& line) const;

  Database& db_;
  DispatchConfig config_;
  std::unique_ptr<SmtpSender> smtp_;
  std::unique_ptr<SmsGateway> sms_;
  bool first_round_ = true;
  RoundReport report_;
};

}  // namespace inkasso
