#include "app/sms_delivery.h"

#include <sodium.h>

namespace inkasso {

namespace {

// The purpose the key is derived for; changing it changes every installation's callback URL.
constexpr std::string_view kCallbackPurpose = "sms-delivery-callback";

}  // namespace

std::string sms_callback_secret(const SecretBox& box) {
  const std::array<unsigned char, 32> key = box.derive_key(kCallbackPurpose);
  char hex[2 * 32 + 1];
  sodium_bin2hex(hex, sizeof hex, key.data(), key.size());
  return hex;
}

bool is_sms_callback_secret(const SecretBox& box, std::string_view given) {
  const std::string expected = sms_callback_secret(box);
  if (given.size() != expected.size()) return false;
  return sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

bool record_sms_delivery(Database& db, const Clock& clock, const std::string& provider_id,
                         DeliveryOutcome outcome, const std::string& error) {
  soci::session sql(db.pool());
  return apply_delivery_report(sql, provider_id, outcome, error, clock.now_unix());
}

}  // namespace inkasso
