// SMS through an HTTP JSON gateway in the style of GatewayAPI.com (a Danish gateway):
//
//   POST <url>   Authorization: Token <token>   Content-Type: application/json
//   {"sender": "Inkasso", "message": "...", "recipients": [{"msisdn": 4512345678}],
//    "callback_url": "https://.../sms/kvittering", "userref": "<dispatch id>"}
//   → 200 {"ids": [123]}
//
// and the delivery report the gateway later POSTs to callback_url:
//   {"id": 123, "msisdn": 4512345678, "status": "DELIVERED", "error": "...", "userref": "..."}
//
// Thread-safety: one SmsGateway per thread (it keeps one CURL handle and so its connection).
// Never logs the token or the message text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "dispatch/send_result.h"

namespace inkasso {

struct SmsConfig {
  std::string url;           // the gateway's endpoint
  std::string token;         // its API token
  std::string sender;        // the sender name shown (at most 11 letters or digits)
  std::string callback_url;  // where the gateway posts delivery reports; "" for none
  long connect_timeout_seconds = 15;
  long timeout_seconds = 30;
};

// A Danish phone number as the gateway wants it: "12 34 56 78", "+45 12345678", "0045 1234 5678",
// "4512345678" → 4512345678. Anything else is refused with a Danish message (only Danish numbers
// of 8 digits, not starting with 0).
Result<int64_t> normalise_msisdn(std::string_view phone);

// The SMS text: "{{link}}" replaced by the link, and typographic characters that GSM-7 lacks
// (curly quotes, dashes, ellipsis, non-breaking space) written plainly, so the message stays in
// GSM-7 (160 characters per part; æøå are in GSM-7).
std::string sms_text(std::string_view body, std::string_view link);

// Whether every character of the UTF-8 text is in the GSM-7 default alphabet (or its extension).
bool is_gsm7(std::string_view utf8);

struct SmsMessage {
  int64_t dispatch_id = 0;  // sent as userref
  int64_t msisdn = 0;       // normalise_msisdn
  std::string text;
};

class SmsGateway {
 public:
  explicit SmsGateway(SmsConfig config);
  ~SmsGateway();
  SmsGateway(const SmsGateway&) = delete;
  SmsGateway& operator=(const SmsGateway&) = delete;

  // Accepted: provider_id is the gateway's id (as text). 401/403 is the installation's problem
  // (temporary, channel down); 429 and 5xx temporary; other 4xx permanent with the gateway's
  // message; a timeout after the request went out is uncertain.
  SendResult send(const SmsMessage& message);

 private:
  SmsConfig config_;
  void* curl_;  // CURL*
};

struct SmsDeliveryReport {
  std::string provider_id;  // the gateway's message id, as text
  int64_t msisdn = 0;
  std::string status;  // the gateway's word: DELIVERED, UNDELIVERED, REJECTED, EXPIRED, ...
  enum class State { delivered, failed, pending } state = State::pending;
  std::string error;    // the gateway's error text, if any
  std::string userref;  // our dispatch id, when the gateway echoes it
};

// Reads a delivery report body. DELIVERED → delivered; UNDELIVERED, REJECTED, EXPIRED, SKIPPED
// → failed; anything else (ENROUTE, BUFFERED, ACCEPTED, SCHEDULED, UNKNOWN) → pending.
Result<SmsDeliveryReport> parse_delivery_report(std::string_view json);

// The Danish reason shown to the creditor for a failed report.
std::string delivery_failure_reason(const SmsDeliveryReport& report);

}  // namespace inkasso
