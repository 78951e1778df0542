#pragma once

#include <string>

#include "common/data_dirs.h"

namespace backcoach::cli {

// Where rules/ and intents/ are when the operator names none (common/data_dirs.h):
// share/backcoach beside an installed binary, the source tree beside a built one.
inline std::string default_rules_dir() { return default_data_dirs().rules.string(); }
inline std::string default_intents_dir() { return default_data_dirs().intents.string(); }

}  // namespace backcoach::cli
