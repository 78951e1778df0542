#pragma once

#include <string>

namespace backcoach::cli {

// Where rules/ and intents/ are when the operator names none: the source tree this
// binary was built from (BACKCOACH_SOURCE_DIR, set by CMake).
inline std::string default_rules_dir() { return std::string(BACKCOACH_SOURCE_DIR) + "/rules"; }
inline std::string default_intents_dir() {
  return std::string(BACKCOACH_SOURCE_DIR) + "/intents";
}

}  // namespace backcoach::cli
