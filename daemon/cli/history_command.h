#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>

namespace backcoach::cli {

struct HistoryOptions {
  std::string db;     // the database file; never created by this command
  std::string user;   // the user id
  bool json = false;  // print the export document instead of a transcript
};

// `backcoach history --db FILE USER [--json]`: one person's whole conversation,
// oldest first (time, who, what was said, flags and exercises), read-only.
void add_history_command(CLI::App& app);

// The command without argument parsing: prints to `out`, problems to `err`;
// returns the exit status (0 printed, 1 no such user or database).
int run_history(const HistoryOptions& options, std::ostream& out, std::ostream& err);

}  // namespace backcoach::cli
