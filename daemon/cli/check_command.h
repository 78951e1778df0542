#pragma once

#include <CLI/CLI.hpp>

namespace backcoach::cli {

// `backcoach check [RULES_DIR [INTENTS_DIR]]`: loads and validates the rule set, prints
// every problem as file:line:column: why, exits 1 when there is any.
void add_check_command(CLI::App& app);

}  // namespace backcoach::cli
