#include "dispatch/sms_gateway.h"

#include <memory>

#include <nlohmann/json.hpp>

#include "core/assert.h"
#include "dispatch/curl_support.h"
#include "dispatch/tracking.h"

namespace inkasso {

namespace {

// Decodes one UTF-8 character at `i` (advancing it); invalid bytes decode as U+FFFD.
char32_t next_code_point(std::string_view s, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  int extra = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
  if (extra < 0 || i + static_cast<size_t>(extra) >= s.size() + (extra == 0 ? 1 : 0)) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? b : b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + static_cast<size_t>(k)) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + static_cast<size_t>(k)) & 0x3F);
  }
  i += static_cast<size_t>(extra) + 1;
  return cp;
}

bool in_gsm7(char32_t c) {
  if (c >= 'a' && c <= 'z') return true;
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= '0' && c <= '9') return true;
  static constexpr std::u32string_view kOthers =
      U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà"
      U"^{}\\[~]|€\f";
  return kOthers.find(c) != std::u32string_view::npos;
}

size_t collect(char* data, size_t size, size_t count, void* out) {
  auto* body = static_cast<std::string*>(out);
  // A gateway's answer is small; a huge one is not worth reading.
  if (body->size() > 64 * 1024) return 0;
  body->append(data, size * count);
  return size * count;
}

SendResult result(SendOutcome outcome, std::string reason, bool channel_down = false) {
  SendResult r;
  r.outcome = outcome;
  r.reason = std::move(reason);
  r.channel_down = channel_down;
  return r;
}

// The gateway's own error message ({"message": "..."}), shortened, or "".
std::string gateway_message(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_object() && j.contains("message") && j["message"].is_string()) {
    std::string m = j["message"].get<std::string>();
    if (m.size() > 200) m.resize(200);
    return m;
  }
  return "";
}

}  // namespace

Result<int64_t> normalise_msisdn(std::string_view phone) {
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < phone.size(); ++i) {
    char c = phone[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return make_error("invalid_phone",
                        "Telefonnummeret \"" + std::string(phone) +
                            "\" indeholder tegn, der ikke hører til et "
                            "telefonnummer.",
                        "phone");
    }
  }
  std::string national;
  if (plus) {
    if (digits.size() == 10 && digits.starts_with("45")) national = digits.substr(2);
  } else if (digits.size() == 12 && digits.starts_with("0045")) {
    national = digits.substr(4);
  } else if (digits.size() == 10 && digits.starts_with("45")) {
    national = digits.substr(2);
  } else if (digits.size() == 8) {
    national = digits;
  }
  if (national.size() != 8 || national[0] == '0')
    return make_error("invalid_phone",
                      "Telefonnummeret \"" + std::string(phone) +
                          "\" er ikke et dansk nummer med 8 cifre; SMS sendes kun til danske "
                          "numre.",
                      "phone");
  return static_cast<int64_t>(4500000000LL + std::stoll(national));
}

std::string sms_text(std::string_view body, std::string_view link) {
  const std::string text = with_link(body, link);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    char32_t c = next_code_point(text, i);
    switch (c) {
      case U'\u2018':
      case U'\u2019':
      case U'\u201A':
      case U'\u00B4':
        out += '\'';
        break;
      case U'\u201C':
      case U'\u201D':
      case U'\u201E':
      case U'\u00AB':
      case U'\u00BB':
        out += '"';
        break;
      case U'\u2013':
      case U'\u2014':
      case U'\u2212':
        out += '-';
        break;
      case U'\u2026':
        out += "...";
        break;
      case U'\u00A0':
      case U'\u202F':
      case U'\t':
        out += ' ';
        break;
      default:
        out.append(text, start, i - start);
    }
  }
  return out;
}

bool is_gsm7(std::string_view utf8) {
  for (size_t i = 0; i < utf8.size();)
    if (!in_gsm7(next_code_point(utf8, i))) return false;
  return true;
}

SmsGateway::SmsGateway(SmsConfig config)
    : config_(std::move(config)), curl_(curl::new_curl_handle()) {}

SmsGateway::~SmsGateway() {
  curl::free_curl_handle(static_cast<CURL*>(curl_));
}

SendResult SmsGateway::send(const SmsMessage& m) {
  nlohmann::json request = {{"sender", config_.sender},
                            {"message", m.text},
                            {"recipients", nlohmann::json::array({{{"msisdn", m.msisdn}}})},
                            {"userref", std::to_string(m.dispatch_id)}};
  if (!config_.callback_url.empty()) request["callback_url"] = config_.callback_url;
  const std::string body = request.dump();

  CURL* curl = static_cast<CURL*>(curl_);
  curl::Slist headers;
  headers.add("Authorization: Token " + config_.token);
  headers.add("Content-Type: application/json");
  headers.add("Accept: application/json");
  std::string answer;
  char error[CURL_ERROR_SIZE] = "";
  curl::begin_transfer(curl, config_.url, error, config_.connect_timeout_seconds,
                       config_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  const curl::TransferOutcome done = curl::perform_transfer(curl);
  const CURLcode rc = done.code;
  const long status = done.response_code;
  const curl_off_t uploaded = done.uploaded;

  if (rc != CURLE_OK) {
    switch (rc) {
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
      case CURLE_COULDNT_CONNECT:
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_URL_MALFORMAT:
      case CURLE_UNSUPPORTED_PROTOCOL:
        return result(SendOutcome::temporary,
                      "Kunne ikke forbinde til SMS-tjenesten; vi prøver igen senere.", true);
      default:
        break;
    }
    if (uploaded > 0 || status != 0)
      return result(SendOutcome::uncertain,
                    "Forbindelsen til SMS-tjenesten blev afbrudt under afsendelsen; kontrollér "
                    "om modtageren fik den, før du sender igen.");
    return result(SendOutcome::temporary,
                  "Forbindelsen til SMS-tjenesten blev afbrudt; vi prøver igen senere.", true);
  }
  const std::string code = " (HTTP " + std::to_string(status) + ")";
  if (status >= 200 && status < 300) {
    auto j = nlohmann::json::parse(answer, nullptr, false);
    if (j.is_object() && j.contains("ids") && j["ids"].is_array() && !j["ids"].empty() &&
        (j["ids"][0].is_number_integer() || j["ids"][0].is_string())) {
      SendResult r;
      r.outcome = SendOutcome::accepted;
      r.provider_id = j["ids"][0].is_string() ? j["ids"][0].get<std::string>()
                                              : std::to_string(j["ids"][0].get<int64_t>());
      return r;
    }
    // Taken, but we cannot tell its id: it went out, so it must not go again.
    return result(SendOutcome::uncertain,
                  "SMS-tjenesten svarede uventet" + code +
                      "; kontrollér om modtageren fik den, før du sender igen.");
  }
  if (status == 401 || status == 403)
    return result(
        SendOutcome::temporary,
        "SMS-tjenesten afviste installationens adgangsnøgle" + code + "; vi prøver igen senere.",
        true);
  if (status == 429 || status >= 500)
    return result(SendOutcome::temporary,
                  "SMS-tjenesten kunne ikke tage imod lige nu" + code + "; vi prøver igen senere.",
                  status >= 500);
  std::string why = gateway_message(answer);
  return result(SendOutcome::permanent,
                "SMS-tjenesten afviste beskeden" + code + (why.empty() ? "" : ": " + why) + ".");
}

Result<SmsDeliveryReport> parse_delivery_report(std::string_view json) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object())
    return make_error("invalid_input", "delivery report: not a JSON object", "body");
  SmsDeliveryReport r;
  if (!j.contains("id") || !(j["id"].is_number_integer() || j["id"].is_string()))
    return make_error("invalid_input", "delivery report: no message id", "id");
  r.provider_id =
      j["id"].is_string() ? j["id"].get<std::string>() : std::to_string(j["id"].get<int64_t>());
  if (!j.contains("status") || !j["status"].is_string())
    return make_error("invalid_input", "delivery report: no status", "status");
  r.status = j["status"].get<std::string>();
  if (j.contains("msisdn") && j["msisdn"].is_number_integer())
    r.msisdn = j["msisdn"].get<int64_t>();
  if (j.contains("error") && j["error"].is_string()) r.error = j["error"].get<std::string>();
  if (j.contains("userref") && j["userref"].is_string())
    r.userref = j["userref"].get<std::string>();
  if (r.status == "DELIVERED")
    r.state = SmsDeliveryReport::State::delivered;
  else if (r.status == "UNDELIVERED" || r.status == "REJECTED" || r.status == "EXPIRED" ||
           r.status == "SKIPPED")
    r.state = SmsDeliveryReport::State::failed;
  else
    r.state = SmsDeliveryReport::State::pending;
  return r;
}

std::string delivery_failure_reason(const SmsDeliveryReport& report) {
  std::string why;
  if (report.status == "EXPIRED")
    why = "SMS'en kunne ikke leveres i tide (telefonen var slukket eller uden dækning)";
  else if (report.status == "REJECTED")
    why = "Teleselskabet afviste SMS'en";
  else
    why = "SMS'en kunne ikke leveres";
  why += " (" + report.status;
  if (!report.error.empty()) why += ": " + report.error.substr(0, 200);
  return why + ").";
}

}  // namespace inkasso
