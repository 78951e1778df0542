#pragma once

#include <CLI/CLI.hpp>

namespace backcoach::cli {

// `backcoach chat [--json] [--rules DIR] [--intents DIR]`: a conversation with the
// engine on standard input/output, one message per line. With --json, one JSON
// object per turn (docs/rule-language.md, "backcoach chat --json").
void add_chat_command(CLI::App& app);

}  // namespace backcoach::cli
