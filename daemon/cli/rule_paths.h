#pragma once

#include <filesystem>
#include <string>

#include "common/data_dirs.h"

namespace backcoach::cli {

// Where rules/ and intents/ are when the operator names none. The working directory's,
// when it holds both: `backcoach chat` or `check` run in a checkout reads the data being
// edited there (another worktree of the same code needs no build of its own). Otherwise
// common/data_dirs.h: share/backcoach beside an installed binary, the source tree beside
// a built one.
inline DataDirs cli_data_dirs() {
  std::error_code ec;
  if (std::filesystem::is_directory("rules", ec) && std::filesystem::is_directory("intents", ec)) {
    const auto here = std::filesystem::current_path(ec);
    if (!ec) return DataDirs{here / "rules", here / "intents", {}};
  }
  return default_data_dirs();
}
inline std::string default_rules_dir() { return cli_data_dirs().rules.string(); }
inline std::string default_intents_dir() { return cli_data_dirs().intents.string(); }

}  // namespace backcoach::cli
