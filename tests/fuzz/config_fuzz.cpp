// libFuzzer target: the daemon's --config file. The input is the YAML file's content;
// backcoachd's own command line reads it (CLI11 with the YamlConfig formatter).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/config.h"
#include "fuzz_check.h"

using namespace backcoach;

namespace {

const std::string* path = nullptr;  // the config file, rewritten for each input

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  path = new std::string((std::filesystem::temp_directory_path() /
                          ("backcoach-fuzz-config-" + std::to_string(::getpid()) + ".yaml"))
                             .string());
  std::atexit([] { std::filesystem::remove(*path); });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(*path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const char* argv[] = {"backcoachd", "--config", path->c_str()};
  std::ostringstream out, err;
  const auto parsed = app::parse_config(3, argv, out, err);
  // Either a configuration the daemon can start with, or an exit code and a reason.
  if (parsed.config) {
    FUZZ_CHECK(parsed.exit_code == 0);
    FUZZ_CHECK(parsed.config->threads >= 1 && parsed.config->threads <= 256);
    FUZZ_CHECK(parsed.config->history_limit >= 0 && parsed.config->history_limit <= 1000);
  } else {
    FUZZ_CHECK(parsed.exit_code != 0 || !out.str().empty());
  }
  return 0;
}
