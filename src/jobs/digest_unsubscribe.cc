#include "jobs/digest_unsubscribe.h"

#include <sodium.h>

#include <array>
#include <charconv>

#include "app/context.h"

namespace inkasso {

namespace {

constexpr size_t kMacBytes = 16;

std::string mac_hex(const SecretBox& box, int64_t user_id) {
  const std::array<unsigned char, 32> key = box.derive_key("digest unsubscribe v1");
  const std::string message = "user:" + std::to_string(user_id);
  std::array<unsigned char, kMacBytes> mac{};
  crypto_generichash(mac.data(), mac.size(), reinterpret_cast<const unsigned char*>(message.data()),
                     message.size(), key.data(), key.size());
  std::array<char, kMacBytes * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
  return std::string(hex.data(), kMacBytes * 2);
}

}  // namespace

std::string digest_unsubscribe_token(const SecretBox& box, int64_t user_id) {
  return std::to_string(user_id) + "-" + mac_hex(box, user_id);
}

std::optional<int64_t> user_of_unsubscribe_token(const SecretBox& box, std::string_view token) {
  const size_t dash = token.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash > 18) return std::nullopt;
  const std::string_view id_text = token.substr(0, dash), mac = token.substr(dash + 1);
  if (mac.size() != kMacBytes * 2) return std::nullopt;
  int64_t id = 0;
  auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc() || end != id_text.data() + id_text.size() || id <= 0) return std::nullopt;
  const std::string expected = mac_hex(box, id);
  if (sodium_memcmp(expected.data(), mac.data(), expected.size()) != 0) return std::nullopt;
  return id;
}

Status unsubscribe_digest(Database& db, const SecretBox& box, std::string_view token) {
  const std::optional<int64_t> user = user_of_unsubscribe_token(box, token);
  if (!user) return not_found("Linket");
  soci::session sql(db.pool());
  long long id = *user;
  soci::statement st =
      (sql.prepare << "UPDATE users SET digest_subscribed = 0 WHERE id = :u", soci::use(id));
  st.execute(true);
  if (st.get_affected_rows() == 0) return not_found("Linket");
  return {};
}

}  // namespace inkasso
