#include "chat_script.h"

#include <fstream>

namespace backcoach::bench {

result<std::vector<std::string>> load_script(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error_code(errc::not_found);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos || line.front() == '#') continue;
    lines.push_back(std::move(line));
  }
  if (lines.empty()) return make_error_code(errc::invalid_argument);
  return lines;
}

}  // namespace backcoach::bench
