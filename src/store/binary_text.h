// Binary data (PDFs, logos) kept in TEXT columns: SOCI binds TEXT the same way on SQLite and
// PostgreSQL, while its BLOB type is a large object on PostgreSQL (see migrations 0005, 0007).
#pragma once

#include <string>
#include <string_view>

namespace inkasso {

// Standard base64 with padding.
std::string to_base64(std::string_view bytes);
// The bytes again; throws std::runtime_error naming `what` (e.g. "documents.pdf_base64") when
// the text is not base64: the database was changed by hand.
std::string from_base64(const std::string& text, std::string_view what);
// The SHA-256 of the bytes in lower-case hex (stored beside the data to check it).
std::string sha256_hex(std::string_view bytes);

}  // namespace inkasso
