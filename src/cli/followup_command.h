// `inkasso followup preview|run`: batch follow-up from the command line (followup_command.cc).
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace inkasso {

// Adds the `followup` subcommands to `app`; the chosen one sets `chosen` (see main.cc).
void add_followup_command(CLI::App& app, std::function<int()>& chosen);

}  // namespace inkasso
