// Tracking links: each sending gets a fresh random token at send time; the link
// `<public_url>/aabn/<token>` replaces "{{link}}" in its text, and only the token's hash is kept
// (dispatches.tracking_token_hash), so a copy of the database opens nothing.
#pragma once

#include <string>
#include <string_view>

namespace inkasso {

struct TrackingToken {
  std::string token;  // 43 characters, URL-safe base64 of 32 random bytes (libsodium)
  std::string hash;   // hex BLAKE2b-256 of the token (store/dispatch_store.h)
};

// A new token from the operating system's random source. Thread-safe.
TrackingToken new_tracking_token();

// `public_url` + "/aabn/" + token (a trailing slash of public_url is not doubled).
std::string tracking_link(std::string_view public_url, std::string_view token);

// `text` with every "{{link}}" replaced by `link`.
std::string with_link(std::string_view text, std::string_view link);

}  // namespace inkasso
