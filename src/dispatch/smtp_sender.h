// E-mail over SMTP with libcurl: smtp:// (optionally STARTTLS, required when asked) or smtps://,
// with a login when configured. The message is sent from the installation's address with the
// creditor's name shown and the creditor as Reply-To; a text part, a small HTML part and the PDF
// attached; a Message-ID and the header `X-Inkasso-Dispatch: <id>`; the list headers of a
// one-click unsubscribe when the message asks for them (the follow-up digest).
//
// Thread-safety: one SmtpSender per thread. It keeps one CURL handle, so the connection to the
// server is kept between messages (the speed of a batch depends on it). Never logs the password
// or a message's content.
#pragma once

#include <cstdint>
#include <string>

#include "dispatch/send_result.h"

namespace inkasso {

struct SmtpConfig {
  std::string url;            // "smtp://host:587" or "smtps://host:465"
  bool use_starttls = false;  // smtp:// only: STARTTLS, and refuse to go on without it
  std::string username;       // "" for no login
  std::string password;
  std::string from_address;  // the installation's sender address (envelope and From)
  std::string from_name;     // shown when a message has no sender name of its own
  long connect_timeout_seconds = 15;
  long timeout_seconds = 120;  // a whole message; the worker's lease must be longer
};

struct MailMessage {
  int64_t dispatch_id = 0;      // for X-Inkasso-Dispatch and the Message-ID
  std::string to;               // one address
  std::string cc;               // "" or one address (the creditor's copy of a court e-mail)
  std::string reply_to;         // "" or the creditor's address
  std::string sender_name;      // the creditor's name; "" for the installation's from_name
  std::string subject;          // UTF-8
  std::string text;             // the plain text, UTF-8
  std::string html;             // "" for text only
  std::string attachment;       // bytes; "" for none
  std::string attachment_name;  // ASCII file name
  int64_t date_unix = 0;        // the Date header
  // "" for none. Else the https URL of a one-click unsubscribe route: the message gets
  // List-Unsubscribe and List-Unsubscribe-Post (mail_format.h list_unsubscribe_headers; a URL
  // that could inject a header gets neither). Only the follow-up digest sets it: a debtor's
  // letter is no mailing list.
  std::string list_unsubscribe_url;
};

class SmtpSender {
 public:
  explicit SmtpSender(SmtpConfig config);
  ~SmtpSender();
  SmtpSender(const SmtpSender&) = delete;
  SmtpSender& operator=(const SmtpSender&) = delete;

  // Hands one message to the server. A bad address is refused (permanent) without connecting.
  SendResult send(const MailMessage& message);

 private:
  SmtpConfig config_;
  void* curl_;  // CURL*, kept out of this header
};

}  // namespace inkasso
