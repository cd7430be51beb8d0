// The one-click unsubscribe link of the follow-up digest: /opfoelgningsmail/afmeld/<token>.
//
// The token names the user and proves it came from us: "<user id>-<32 hex digits>", the hex
// being a BLAKE2b-128 keyed hash of the user id under SecretBox::derive_key("digest unsubscribe
// v1"). Nothing is stored; it never expires (an old mail's link still works, as mail clients
// expect of List-Unsubscribe); it only ever turns the digest off, so a leaked link can do no
// more than that. Changing the installation's key invalidates old links.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/secrets.h"
#include "core/result.h"
#include "store/database.h"

namespace inkasso {

std::string digest_unsubscribe_token(const SecretBox& box, int64_t user_id);

// The user the token was made for, or nullopt when it is malformed or its hash is wrong
// (compared in constant time).
std::optional<int64_t> user_of_unsubscribe_token(const SecretBox& box, std::string_view token);

// Turns the digest off for the token's user (users.digest_subscribed = 0; the same flag as the
// checkbox on /konto/min-bruger). Idempotent. not_found for a token that is not ours or a user
// that no longer exists.
Status unsubscribe_digest(Database& db, const SecretBox& box, std::string_view token);

}  // namespace inkasso
