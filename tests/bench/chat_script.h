#pragma once

#include <string>
#include <vector>

#include "common/errc.h"

namespace backcoach::bench {

// Reads a load script: one user message per line, in conversation order. Blank
// (whitespace-only) lines and lines starting with '#' are skipped. Fails with errc::not_found when
// the file cannot be read and errc::invalid_argument when it holds no message.
result<std::vector<std::string>> load_script(const std::string& path);

}  // namespace backcoach::bench
