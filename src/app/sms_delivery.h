// SMS delivery reports: the SMS gateway posts them to `<public url>/sms/kvittering/<secret>`
// (web/sms_callback_pages.cc), and they move the sending on (dispatch_store.h
// apply_delivery_report).
//
// The secret in the URL authenticates the gateway: whoever knows it can mark this installation's
// SMS sendings delivered or failed. It is derived from the installation's key (secrets.h
// derive_key with its own purpose), so the web and every dispatch worker of the installation
// find the same one without anything new to configure, and a new key gives a new URL. It is
// never logged (web/server.cc keeps it out of the request log).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "app/context.h"
#include "app/secrets.h"
#include "store/database.h"
#include "store/dispatch_store.h"

namespace inkasso {

// The secret of the callback URL: 64 lower-case hex digits (URL-safe).
std::string sms_callback_secret(const SecretBox& box);

// Whether `given` is that secret, compared in constant time (its length, always 64, is no
// secret).
bool is_sms_callback_secret(const SecretBox& box, std::string_view given);

// Records the gateway's report on its message `provider_id` at the clock's time: delivered →
// 'received'; failed → 'failed' with `error` (Danish, for the creditor). Returns false when no SMS
// sending has that id yet (the report overtook the worker's record of the send): the gateway
// should be asked to repeat it. Database failures throw.
bool record_sms_delivery(Database& db, const Clock& clock, const std::string& provider_id,
                         DeliveryOutcome outcome, const std::string& error);

}  // namespace inkasso
