// The daily follow-up digest e-mail ("opfølgningsmail", issue 6; docs/digest.md).
//
// Once a day, from a configured hour (Copenhagen time), every user subscribed to the digest
// (users.digest_subscribed, the checkbox on /konto/min-bruger) gets, for each account they are a
// member of, one mail with the account's TODO counts (app/todo.h): cases to follow up, documents
// to print, court fees to transfer, defaulted agreements and agreement requests. Only when there
// is something; at most once a calendar day; with unchanged counts only on day 1, 2, 5, 11 and
// 42 (jobs/digest_rule.h says exactly what that means).
//
// Several servers may call run_digest_job every minute against one database: the lock row
// ("digest", today) in job_locks lets one of them run the day's job (jobs/job_lock.h), and each
// mail is claimed in digest_sends (user, account, day) before it is handed to the SMTP server,
// so even a runner that takes over from a stopped one never sends a mail twice.
//
// The clock is injected; nothing here reads the system time. Database failures throw
// (soci::soci_error); the caller's loop catches and logs them and tries again next minute.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "app/context.h"
#include "app/secrets.h"
#include "core/result.h"
#include "dispatch/smtp_sender.h"
#include "jobs/digest_mail.h"
#include "store/database.h"

namespace inkasso {

struct DigestConfig {
  int hour = 7;  // Copenhagen; the job does nothing earlier in the day (0..23)
  std::string public_url = "http://127.0.0.1:8080";  // no trailing slash
  std::string runner_name;       // this runner's name in job_locks; "" for "<host>:<pid>"
  int64_t lease_seconds = 1800;  // a stopped runner's lock is taken over after this
  int64_t retry_seconds = 300;   // after a mail server failure, the next try
  // Operational lines (counts, failures); never addresses or contents.
  std::function<void(const std::string&)> log;
};

// INKASSO_DIGEST_HOUR (0..23, default 7) and INKASSO_PUBLIC_URL (default
// http://127.0.0.1:8080, a trailing slash dropped). An invalid hour is an error naming it.
Result<DigestConfig> digest_config_from_env();

struct DigestReport {
  bool ran = false;     // this call held the day's lock and did the work
  std::string why_not;  // when not: "before_hour", "locked" (another runner, or done)
  int recipients = 0;   // (user, account) pairs looked at
  int sent = 0;         // mails the SMTP server accepted
  int failed = 0;       // refused for good, or uncertain
  int retrying = 0;     // temporary failures: the job is tried again after retry_seconds
};

DigestReport run_digest_job(Database& db, const Clock& clock, const SecretBox& box,
                            DigestMailer& mailer, const DigestConfig& config);

// The production mailer: SmtpSender from the installation's address (INKASSO_MAIL_FROM), the
// digest's text and HTML parts, and List-Unsubscribe / List-Unsubscribe-Post with the mail's
// one_click_url (RFC 2369, RFC 8058). One per thread.
class SmtpDigestMailer : public DigestMailer {
 public:
  explicit SmtpDigestMailer(SmtpConfig config);
  SendResult send(const DigestMail& mail, int64_t now_unix) override;

 private:
  SmtpSender sender_;
};

}  // namespace inkasso
