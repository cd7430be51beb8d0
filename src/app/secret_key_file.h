// Where the key that seals CPR numbers and portal passwords (secrets.h) comes from.
//
// INKASSO_SECRET_KEY wins when it is set. Otherwise the embedded default (SQLite in the data
// directory) keeps its key next to its database, in `<data_dir>/secret.key` (64 hex digits and a
// newline, mode 0600), created on first use, so that `inkasso` works out of the box and the key
// travels with the data it opens. A PostgreSQL installation has no data directory of its own:
// there the key must come from the environment, and its absence is an error.
//
// Losing the key makes the sealed CPR numbers and portal passwords unreadable: back the file up
// with the database.
#pragma once

#include <string>

#include "app/secrets.h"
#include "core/result.h"

namespace inkasso {

// The file name of the key in the data directory.
inline constexpr const char* kSecretKeyFileName = "secret.key";

// The SecretBox to use: from INKASSO_SECRET_KEY; else, when `embedded`, from
// `<data_dir>/secret.key` (created with a fresh random key when missing; the directory too);
// else SecretBox::from_environment's error. A key file that exists but does not hold 64 hex
// digits, or that cannot be read or written, is an error (never silently replaced).
Result<SecretBox> secret_box_for(const std::string& data_dir, bool embedded);

}  // namespace inkasso
