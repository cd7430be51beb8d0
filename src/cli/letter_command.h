// `inkasso letter ...`: letters from a case file, for support and tests (src/docs).
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace inkasso {

// Adds the `letter` subcommands to `app`; the one the user chose sets `chosen`, which main calls
// after parsing and whose result is the exit code.
void add_letter_command(CLI::App& app, std::function<int()>& chosen);

}  // namespace inkasso
