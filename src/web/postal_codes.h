// Danish postal codes and their towns, from the reference table compiled into the program
// (src/web/data/postnumre.csv, embedded.h), so a form can fill in the town when the postal code
// is typed: on the server when the town was left blank, and in the browser through
// GET /postnumre/{code} (account_pages.cc).
//
// Thread-safety: the table is parsed once, on first use, and is read-only afterwards.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace inkasso::web {

// The town of a 4-digit postal code ("8000" → "Aarhus C"); nullopt for anything else, including
// codes with spaces around them (callers trim what people typed).
std::optional<std::string> town_for_postal_code(std::string_view code);

}  // namespace inkasso::web
