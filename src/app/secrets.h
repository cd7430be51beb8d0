// Passwords and secrets at rest (libsodium).
//  - Passwords: argon2id (crypto_pwhash_str at the interactive limits, ~90 ms a hash).
//  - Secrets that must be read back (a CPR number, a case's portal password): XSalsa20-Poly1305
//    (crypto_secretbox) with a random nonce, under a 32-byte key from the environment
//    variable INKASSO_SECRET_KEY (64 hex digits). Never logged.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace inkasso {

std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& hash);

class SecretBox {
 public:
  // From INKASSO_SECRET_KEY; fails with a clear message when it is missing or malformed.
  static Result<SecretBox> from_environment();
  static Result<SecretBox> from_hex(std::string_view hex64);
  // A fresh random key as 64 hex digits (for `inkasso` to create one in a new data directory).
  static std::string generate_hex_key();

  std::vector<unsigned char> seal(std::string_view plaintext) const;  // nonce || ciphertext
  // A key for one purpose ("portal-link", ...), derived from this box's key (BLAKE2b keyed with
  // it over `purpose`): keyed hashes use it, never the box's own key.
  std::array<unsigned char, 32> derive_key(std::string_view purpose) const;
  Result<std::string> open(const std::vector<unsigned char>& sealed) const;

 private:
  std::vector<unsigned char> key_;
};

// A random password of unambiguous characters (no 0/O, 1/l/I), e.g. for the debtor portal.
std::string random_password(size_t length = 10);

// Sealed bytes travel to and from the database as lowercase hex text (SOCI 4.0 has no portable
// binding for bytes). from_hex: nullopt for text that is not hex of whole bytes.
std::string to_hex(const std::vector<unsigned char>& bytes);
std::optional<std::vector<unsigned char>> from_hex(std::string_view hex);

}  // namespace inkasso
