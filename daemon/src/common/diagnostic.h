#pragma once

#include <string>

namespace backcoach {

// A problem found in a configuration, rule or intent file, located where it is.
struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when the problem has no single place
  int column = 0;  // 1-based
  std::string message;

  // "file:line:column: message" (or "file: message" without a place).
  std::string to_string() const {
    if (line <= 0) return file + ": " + message;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
  }
};

}  // namespace backcoach
