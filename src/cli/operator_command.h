// `inkasso operator add|remove EMAIL`: who runs the installation (users.h
// set_installation_operator): the court districts' table and the letter service's print room.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace inkasso {

// Adds the `operator` subcommands to `app`; the chosen one sets `chosen` (see main.cc).
void add_operator_command(CLI::App& app, std::function<int()>& chosen);

}  // namespace inkasso
