// `inkasso dispatch ...`: the dispatch queue's worker from the command line (src/dispatch).
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace inkasso {

// Adds the `dispatch` subcommands to `app`; the one the user chose sets `chosen`, which main
// calls after parsing and whose result is the exit code.
void add_dispatch_command(CLI::App& app, std::function<int()>& chosen);

}  // namespace inkasso
