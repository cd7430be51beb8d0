#include "dispatch/tracking.h"

#include <sodium.h>

#include "core/assert.h"
#include "store/dispatch_store.h"

namespace inkasso {

TrackingToken new_tracking_token() {
  // sodium_init is idempotent and thread-safe; randombytes needs it only for its own setup.
  INKASSO_ASSERT(sodium_init() >= 0);
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  TrackingToken t;
  t.token = text;
  t.hash = tracking_token_hash(t.token);
  return t;
}

std::string tracking_link(std::string_view public_url, std::string_view token) {
  while (!public_url.empty() && public_url.back() == '/') public_url.remove_suffix(1);
  std::string link(public_url);
  link += "/aabn/";
  link += token;
  return link;
}

std::string with_link(std::string_view text, std::string_view link) {
  static constexpr std::string_view kPlaceholder = "{{link}}";
  std::string out;
  out.reserve(text.size() + link.size());
  size_t at = 0;
  for (size_t hit = text.find(kPlaceholder); hit != std::string_view::npos;
       hit = text.find(kPlaceholder, at)) {
    out += text.substr(at, hit - at);
    out += link;
    at = hit + kPlaceholder.size();
  }
  out += text.substr(at);
  return out;
}

}  // namespace inkasso
