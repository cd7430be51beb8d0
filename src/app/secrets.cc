#include "app/secrets.h"

#include <sodium.h>

#include <cstdlib>

namespace inkasso {

namespace {

void ensure_sodium() {
  static const bool ok = sodium_init() >= 0;
  INKASSO_ASSERT(ok);
}

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  int rc =
      crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE);
  INKASSO_ASSERT(rc == 0);  // fails only when out of memory
  return out;
}

bool verify_password(std::string_view password, const std::string& hash) {
  ensure_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Result<SecretBox> SecretBox::from_hex(std::string_view hex) {
  ensure_sodium();
  SecretBox box;
  box.key_.resize(crypto_secretbox_KEYBYTES);
  size_t len = 0;
  if (hex.size() != 2 * crypto_secretbox_KEYBYTES ||
      sodium_hex2bin(box.key_.data(), box.key_.size(), hex.data(), hex.size(), nullptr, &len,
                     nullptr) != 0 ||
      len != crypto_secretbox_KEYBYTES)
    return make_error("invalid_key", "INKASSO_SECRET_KEY must be 64 hex digits (32 bytes)");
  return box;
}

std::array<unsigned char, 32> SecretBox::derive_key(std::string_view purpose) const {
  ensure_sodium();
  INKASSO_ASSERT(key_.size() == crypto_secretbox_KEYBYTES);
  std::array<unsigned char, 32> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(purpose.data()),
                     purpose.size(), key_.data(), key_.size());
  return out;
}

Result<SecretBox> SecretBox::from_environment() {
  const char* hex = std::getenv("INKASSO_SECRET_KEY");
  if (!hex || !*hex)
    return make_error("missing_key",
                      "INKASSO_SECRET_KEY is not set: it encrypts CPR numbers and portal "
                      "passwords at rest (64 hex digits; `inkasso serve` creates one in the data "
                      "directory for the embedded default)");
  return from_hex(hex);
}

std::string SecretBox::generate_hex_key() {
  ensure_sodium();
  unsigned char key[crypto_secretbox_KEYBYTES];
  crypto_secretbox_keygen(key);
  char hex[2 * crypto_secretbox_KEYBYTES + 1];
  sodium_bin2hex(hex, sizeof hex, key, sizeof key);
  sodium_memzero(key, sizeof key);
  return hex;
}

std::vector<unsigned char> SecretBox::seal(std::string_view plaintext) const {
  std::vector<unsigned char> out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                 plaintext.size());
  randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        out.data(), key_.data());
  return out;
}

Result<std::string> SecretBox::open(const std::vector<unsigned char>& sealed) const {
  if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return make_error("decrypt", "a stored secret is damaged");
  std::string out(sealed.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(
          reinterpret_cast<unsigned char*>(out.data()), sealed.data() + crypto_secretbox_NONCEBYTES,
          sealed.size() - crypto_secretbox_NONCEBYTES, sealed.data(), key_.data()) != 0)
    return make_error("decrypt", "a stored secret cannot be read with this INKASSO_SECRET_KEY");
  return out;
}

std::string random_password(size_t length) {
  ensure_sodium();
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (size_t i = 0; i < length; ++i)
    out.push_back(kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)]);
  return out;
}

std::string to_hex(const std::vector<unsigned char>& bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  hex.pop_back();
  return hex;
}

std::optional<std::vector<unsigned char>> from_hex(std::string_view hex) {
  if (hex.size() % 2) return std::nullopt;
  std::vector<unsigned char> out(hex.size() / 2);
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
      end != hex.data() + hex.size())
    return std::nullopt;
  out.resize(len);
  return out;
}

}  // namespace inkasso
