#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>

namespace backcoach::cli {

struct StatsOptions {
  std::string db;     // the database file; never created by this command
  bool json = false;  // one JSON object instead of text
};

// `backcoach stats --db FILE [--json]`: users, turns and red flags by tier, read-only.
void add_stats_command(CLI::App& app);

// The command without argument parsing: prints to `out`, problems to `err`;
// returns the exit status (0 printed, 1 no readable database).
int run_stats(const StatsOptions& options, std::ostream& out, std::ostream& err);

}  // namespace backcoach::cli
