#pragma once

#include <filesystem>

namespace backcoach {

// Where the data the daemon and the CLI read lives when no flag names it: the rule set
// (rules/, intents/) and the web root (demo page, widget, drawings).
struct DataDirs {
  std::filesystem::path rules;
  std::filesystem::path intents;
  std::filesystem::path web_root;
};

// The dirs for an executable at `exe`, in this order:
//   1. installed: <exe's folder>/<BACKCOACH_BIN_TO_DATA> (../share/backcoach under an install
//      prefix) when it holds rules/: rules/, intents/, web/;
//   2. the build tree: `source_dir` when it holds rules/: rules/, intents/, web/public/;
//   3. otherwise the installed layout again, so that the error an operator reads names the
//      place the files belong.
// Reads the file system (existence only); never throws.
DataDirs find_data_dirs(const std::filesystem::path& exe, const std::filesystem::path& source_dir);

// find_data_dirs() for this process (/proc/self/exe) and the source tree it was built from.
DataDirs default_data_dirs();

}  // namespace backcoach
