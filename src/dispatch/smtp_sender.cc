#include "dispatch/smtp_sender.h"

#include <sodium.h>

#include <memory>

#include "core/assert.h"
#include "dispatch/curl_support.h"
#include "dispatch/mail_format.h"

namespace inkasso {

namespace {

struct MimeDeleter {
  void operator()(curl_mime* m) const { curl_mime_free(m); }
};
using Mime = std::unique_ptr<curl_mime, MimeDeleter>;

std::string domain_of(const std::string& address) {
  size_t at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

std::string random_hex(size_t bytes) {
  unsigned char buf[16];
  INKASSO_ASSERT(bytes <= sizeof buf);
  randombytes_buf(buf, bytes);
  char hex[sizeof buf * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, buf, bytes);
  return hex;
}

void add_text_part(curl_mime* mime, const std::string& content, const char* type) {
  curl_mimepart* part = curl_mime_addpart(mime);
  curl_mime_data(part, content.data(), content.size());
  curl_mime_type(part, type);
  curl_mime_encoder(part, "quoted-printable");
}

SendResult result(SendOutcome outcome, std::string reason, bool channel_down = false) {
  SendResult r;
  r.outcome = outcome;
  r.reason = std::move(reason);
  r.channel_down = channel_down;
  return r;
}

// The SMTP stage a failure happened in, from curl's error text ("RCPT failed: 550").
bool stage_is(const char* error, const char* stage) {
  return std::string_view(error).find(stage) != std::string_view::npos;
}

}  // namespace

SmtpSender::SmtpSender(SmtpConfig config)
    : config_(std::move(config)), curl_(curl::new_curl_handle()) {
  INKASSO_ASSERT(sodium_init() >= 0);
}

SmtpSender::~SmtpSender() {
  curl::free_curl_handle(static_cast<CURL*>(curl_));
}

SendResult SmtpSender::send(const MailMessage& m) {
  if (!valid_email_address(m.to))
    return result(SendOutcome::permanent, "E-mailadressen \"" + m.to + "\" er ugyldig.");
  if (!m.cc.empty() && !valid_email_address(m.cc))
    return result(SendOutcome::permanent,
                  "Kopimodtagerens e-mailadresse \"" + m.cc + "\" er ugyldig.");
  if (!m.reply_to.empty() && !valid_email_address(m.reply_to))
    return result(SendOutcome::permanent, "Svaradressen \"" + m.reply_to + "\" er ugyldig.");

  CURL* curl = static_cast<CURL*>(curl_);
  char error[CURL_ERROR_SIZE] = "";
  const std::string from = "<" + config_.from_address + ">";
  // Resets the handle's options; the live connection is kept, so the next message reuses it.
  curl::begin_transfer(curl, config_.url, error, config_.connect_timeout_seconds,
                       config_.timeout_seconds);

  const std::string message_id = "<inkasso." + std::to_string(m.dispatch_id) + "." + random_hex(8) +
                                 "@" + domain_of(config_.from_address) + ">";
  curl::Slist headers;
  headers.add("Date: " + format_message_date(m.date_unix));
  headers.add("From: " + format_mailbox(m.sender_name.empty() ? config_.from_name : m.sender_name,
                                        config_.from_address));
  headers.add("To: <" + m.to + ">");
  if (!m.cc.empty()) headers.add("Cc: <" + m.cc + ">");
  if (!m.reply_to.empty()) headers.add("Reply-To: " + format_mailbox(m.sender_name, m.reply_to));
  headers.add("Subject: " + encode_header_text(m.subject));
  headers.add("Message-ID: " + message_id);
  headers.add("X-Inkasso-Dispatch: " + std::to_string(m.dispatch_id));
  for (const std::string& line : list_unsubscribe_headers(m.list_unsubscribe_url))
    headers.add(line);

  curl::Slist recipients;
  recipients.add("<" + m.to + ">");
  if (!m.cc.empty()) recipients.add("<" + m.cc + ">");

  Mime mime(curl_mime_init(curl));
  const std::string text = crlf_lines(m.text);
  if (m.html.empty()) {
    add_text_part(mime.get(), text, "text/plain; charset=utf-8");
  } else {
    // multipart/alternative inside multipart/mixed: the text and the HTML version of it.
    curl_mime* alternative = curl_mime_init(curl);
    add_text_part(alternative, text, "text/plain; charset=utf-8");
    const std::string html = crlf_lines(m.html);
    add_text_part(alternative, html, "text/html; charset=utf-8");
    curl_mimepart* part = curl_mime_addpart(mime.get());
    curl_mime_subparts(part, alternative);  // owned by `mime` from here
    curl_mime_type(part, "multipart/alternative");
  }
  if (!m.attachment.empty()) {
    curl_mimepart* part = curl_mime_addpart(mime.get());
    curl_mime_data(part, m.attachment.data(), m.attachment.size());
    curl_mime_type(part, "application/pdf");
    curl_mime_filename(part, m.attachment_name.c_str());
    curl_mime_encoder(part, "base64");
  }

  if (config_.use_starttls)
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!config_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, config_.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime.get());

  // Leaves the handle pointing at none of the lists and the MIME tree freed on return.
  const curl::TransferOutcome done = curl::perform_transfer(curl);
  const CURLcode rc = done.code;
  const long code = done.response_code;
  const curl_off_t uploaded = done.uploaded;

  if (rc == CURLE_OK) {
    SendResult r;
    r.outcome = SendOutcome::accepted;
    r.provider_id = message_id;
    return r;
  }
  const std::string server = " (SMTP " + std::to_string(code) + ")";
  if (code >= 400 && code < 600) {
    const bool temporary = code < 500;
    // A refused sender or login is the installation's problem, not this recipient's: every
    // message would fail alike, so the batch waits and this one counts as a temporary failure.
    if (stage_is(error, "MAIL") || code == 530 || code == 535)
      return result(
          SendOutcome::temporary,
          "Mailserveren afviste afsenderen eller login" + server + "; vi prøver igen senere.",
          true);
    if (stage_is(error, "RCPT"))
      return temporary
                 ? result(SendOutcome::temporary,
                          "Modtagerens mailserver kunne ikke tage imod lige nu" + server +
                              "; vi prøver igen senere.")
                 : result(SendOutcome::permanent, "Modtagerens mailserver afviste adressen" +
                                                      server + ". Kontrollér e-mailadressen.");
    return temporary
               ? result(SendOutcome::temporary, "Mailserveren kunne ikke tage imod lige nu" +
                                                    server + "; vi prøver igen senere.")
               : result(SendOutcome::permanent, "Mailserveren afviste e-mailen" + server + ".");
  }
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_USE_SSL_FAILED:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_LOGIN_DENIED:
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return result(SendOutcome::temporary,
                    "Kunne ikke forbinde til mailserveren; vi prøver igen senere.", true);
    default:
      break;
  }
  // The connection broke or timed out. Before the message went out it is safe to try again;
  // after, the server may have taken it.
  if (uploaded > 0)
    return result(SendOutcome::uncertain,
                  "Forbindelsen til mailserveren blev afbrudt under afsendelsen; kontrollér om "
                  "modtageren fik den, før du sender igen.");
  return result(SendOutcome::temporary,
                "Forbindelsen til mailserveren blev afbrudt; vi prøver igen senere.", true);
}

}  // namespace inkasso
