#include "dispatch/worker.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <thread>

#include "dispatch/mail_format.h"
#include "dispatch/tracking.h"
#include "store/dispatch_store.h"

namespace inkasso {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

Error env_error(const char* name, const std::string& why) {
  return make_error("invalid_config", std::string(name) + ": " + why, name);
}

std::string default_worker_name() {
  char host[256] = "";
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] ? host : "worker") + ":" + std::to_string(::getpid());
}

// How long the rows of a channel found down wait before the next round tries it again.
constexpr int64_t kChannelDownWaitSeconds = 60;

}  // namespace

Result<DispatchConfig> dispatch_config_from_env(std::string_view sms_callback_secret) {
  DispatchConfig c;
  if (std::string url = env("INKASSO_SMTP_URL"); !url.empty()) {
    if (!url.starts_with("smtp://") && !url.starts_with("smtps://"))
      return env_error("INKASSO_SMTP_URL", "expected smtp://host:port or smtps://host:port");
    SmtpConfig smtp;
    smtp.url = url;
    std::string tls = env("INKASSO_SMTP_STARTTLS");
    if (tls == "1" || tls == "true" || tls == "yes")
      smtp.use_starttls = true;
    else if (!tls.empty() && tls != "0" && tls != "false" && tls != "no")
      return env_error("INKASSO_SMTP_STARTTLS", "expected 1/true/yes or 0/false/no");
    if (smtp.use_starttls && url.starts_with("smtps://"))
      return env_error("INKASSO_SMTP_STARTTLS", "smtps:// is TLS already; use smtp:// with it");
    smtp.username = env("INKASSO_SMTP_USER");
    smtp.password = env("INKASSO_SMTP_PASSWORD");
    smtp.from_address = env("INKASSO_MAIL_FROM");
    if (!valid_email_address(smtp.from_address))
      return env_error("INKASSO_MAIL_FROM", "an e-mail address is required with INKASSO_SMTP_URL");
    smtp.from_name = env("INKASSO_MAIL_FROM_NAME");
    if (smtp.from_name.empty()) smtp.from_name = "Inkasso";
    c.smtp = std::move(smtp);
  }
  if (std::string public_url = env("INKASSO_PUBLIC_URL"); !public_url.empty()) {
    if (!public_url.starts_with("http://") && !public_url.starts_with("https://"))
      return env_error("INKASSO_PUBLIC_URL", "expected http(s)://host[:port]");
    while (public_url.ends_with("/")) public_url.pop_back();
    c.public_url = public_url;
  }
  if (std::string url = env("INKASSO_SMS_URL"); !url.empty()) {
    if (!url.starts_with("http://") && !url.starts_with("https://"))
      return env_error("INKASSO_SMS_URL", "expected an http(s):// URL");
    SmsConfig sms;
    sms.url = url;
    sms.token = env("INKASSO_SMS_TOKEN");
    if (sms.token.empty()) return env_error("INKASSO_SMS_TOKEN", "required with INKASSO_SMS_URL");
    sms.sender = env("INKASSO_SMS_SENDER");
    if (sms.sender.empty()) sms.sender = "Inkasso";
    if (sms.sender.size() > 11) return env_error("INKASSO_SMS_SENDER", "at most 11 characters");
    if (!sms_callback_secret.empty())
      sms.callback_url = c.public_url + "/sms/kvittering/" + std::string(sms_callback_secret);
    c.sms = std::move(sms);
  }
  return c;
}

DispatchWorker::DispatchWorker(Database& db, DispatchConfig config)
    : db_(db), config_(std::move(config)) {
  INKASSO_ASSERT(config_.batch_size >= 1 && config_.batch_size <= 1000);
  INKASSO_ASSERT(config_.lease_seconds >= 0 && config_.poll_seconds >= 0);
  if (config_.worker_name.empty()) config_.worker_name = default_worker_name();
  if (config_.smtp) smtp_ = std::make_unique<SmtpSender>(*config_.smtp);
  if (config_.sms) sms_ = std::make_unique<SmsGateway>(*config_.sms);
}

DispatchWorker::~DispatchWorker() = default;

void DispatchWorker::log(const std::string& line) const {
  if (config_.log) config_.log(line);
}

int DispatchWorker::run_once(int64_t now) {
  report_ = RoundReport{};
  soci::session sql(db_.pool());
  const std::string& me = config_.worker_name;
  if (first_round_) {
    // The earlier process under this name has stopped: its rows need no lease to run out.
    RecoveryReport own = recover_worker(sql, me, now);
    report_.recovered_released += own.released;
    report_.recovered_failed += own.failed;
    first_round_ = false;
  }
  RecoveryReport others = recover_interrupted(sql, now, config_.lease_seconds);
  report_.recovered_released += others.released;
  report_.recovered_failed += others.failed;

  std::vector<ClaimedDispatch> batch = claim_due_dispatches(sql, me, now, config_.batch_size);
  report_.claimed = static_cast<int>(batch.size());
  bool smtp_down = false, sms_down = false;

  auto fail = [&](const ClaimedDispatch& d, const std::string& why) {
    if (mark_failed_permanent(sql, d.id, me, why, now)) ++report_.failed;
  };
  auto record = [&](const ClaimedDispatch& d, const SendResult& r, bool& channel_down) {
    switch (r.outcome) {
      case SendOutcome::accepted:
        if (d.channel == Channel::sms ? mark_sent(sql, d.id, me, r.provider_id, now)
                                      : mark_received(sql, d.id, me, r.provider_id, now)) {
          ++(d.channel == Channel::sms ? report_.sent : report_.received);
        }
        break;
      case SendOutcome::temporary: {
        auto status = mark_failed_temporary(sql, d.id, me, r.reason, now);
        if (status == DispatchStatus::waiting) ++report_.retrying;
        if (status == DispatchStatus::failed) ++report_.failed;
        if (r.channel_down) channel_down = true;
        break;
      }
      case SendOutcome::permanent:
      case SendOutcome::uncertain:
        fail(d, r.reason);
        break;
    }
  };

  for (const ClaimedDispatch& d : batch) {
    const bool is_sms = d.channel == Channel::sms;
    if (is_sms ? !sms_ : !smtp_) {
      fail(d, is_sms ? "SMS er ikke sat op på denne installation."
                     : "E-mail er ikke sat op på denne installation.");
      continue;
    }
    if (is_sms ? sms_down : smtp_down) {
      if (release_dispatch(sql, d.id, me, now + kChannelDownWaitSeconds)) ++report_.released;
      continue;
    }
    // Refusals known before sending cost no attempt.
    std::optional<int64_t> msisdn;
    if (is_sms) {
      auto n = normalise_msisdn(d.recipient);
      if (!n) {
        fail(d, n.error().message);
        continue;
      }
      msisdn = *n;
    } else if (!valid_email_address(d.recipient)) {
      fail(d, "E-mailadressen \"" + d.recipient + "\" er ugyldig.");
      continue;
    }

    TrackingToken token = new_tracking_token();
    // Committed before the message leaves: after a crash this row is known to be in flight.
    if (!begin_attempt(sql, d.id, me, token.hash, now)) continue;  // no longer ours
    const std::string link = tracking_link(config_.public_url, token.token);
    if (is_sms) {
      SmsMessage m;
      m.dispatch_id = d.id;
      m.msisdn = *msisdn;
      m.text = sms_text(d.body, link);
      record(d, sms_->send(m), sms_down);
    } else {
      MailMessage m;
      m.dispatch_id = d.id;
      m.to = d.recipient;
      m.cc = d.copy_to;
      m.reply_to = d.reply_to;
      m.sender_name = d.sender_name;
      m.subject = d.subject;
      m.text = with_link(d.body, link);
      m.html = text_to_html(m.text);
      m.attachment = d.pdf;
      m.attachment_name = d.file_name;
      m.date_unix = now;
      record(d, smtp_->send(m), smtp_down);
    }
  }
  if (report_.claimed > 0 || report_.recovered_released > 0 || report_.recovered_failed > 0)
    log("udsendelse: " + std::to_string(report_.claimed) + " taget, " +
        std::to_string(report_.received) + " modtaget af mailserver, " +
        std::to_string(report_.sent) + " SMS sendt, " + std::to_string(report_.retrying) +
        " prøves igen, " + std::to_string(report_.failed) + " fejlet, " +
        std::to_string(report_.released) + " udskudt; genoptaget " +
        std::to_string(report_.recovered_released) + ", afbrudt " +
        std::to_string(report_.recovered_failed));
  return report_.claimed;
}

void DispatchWorker::run(const std::atomic<bool>& stop,
                         const std::function<void(int64_t)>& before_round) {
  while (!stop.load()) {
    const int64_t now = static_cast<int64_t>(std::time(nullptr));
    bool full = false;
    try {
      if (before_round) before_round(now);
      full = run_once(now) >= config_.batch_size;
    } catch (const std::exception& e) {
      log(std::string("udsendelse: runden fejlede: ") + e.what());
      // Put back what this round claimed but did not begin (a begun row is failed as
      // interrupted: it may have gone out).
      try {
        soci::session sql(db_.pool());
        recover_worker(sql, config_.worker_name, now);
      } catch (const std::exception& again) {
        log(std::string("udsendelse: oprydning fejlede: ") + again.what());
      }
    }
    if (full) continue;
    for (int i = 0; i < config_.poll_seconds * 10 && !stop.load(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace inkasso
