// The follow-up digest e-mail itself: Danish, a plain text and a small HTML part, the five
// counts of the TODO page with links into the application, and a one-click unsubscribe link.
// Pure: no I/O, no clock (the date is passed in).
#pragma once

#include <cstdint>
#include <string>

#include "core/date.h"
#include "dispatch/send_result.h"
#include "jobs/digest_rule.h"

namespace inkasso {

struct DigestRecipient {
  int64_t user_id = 0;
  std::string email;
  std::string first_name;
  int64_t account_id = 0;
  std::string account_name;
};

struct DigestMail {
  std::string to;
  std::string subject;  // "3 sager til opfølgning hos Hansens Tømrer ApS"
  std::string text;
  std::string html;
  // <public url>/opfoelgningsmail/afmeld/<token>: the page with the button, linked in the mail.
  std::string unsubscribe_url;
  // unsubscribe_url + "/et-klik": for the List-Unsubscribe header, where mail clients POST
  // "List-Unsubscribe=One-Click" (RFC 8058).
  std::string one_click_url;
  std::string todo_url;
};

// `public_url` without a trailing slash; `unchanged_since` is day 1 of the counts (the mail
// says "uændret siden ..." when it is before `today`).
DigestMail compose_digest_mail(const DigestRecipient& to, const DigestCounts& counts, Date today,
                               Date unchanged_since, const std::string& public_url,
                               const std::string& unsubscribe_token);

// Sends digest mails. The production one is SmtpDigestMailer (digest.h); tests may count.
// Thread-safety: one per thread, like SmtpSender.
class DigestMailer {
 public:
  virtual ~DigestMailer() = default;
  virtual SendResult send(const DigestMail& mail, int64_t now_unix) = 0;
};

}  // namespace inkasso
