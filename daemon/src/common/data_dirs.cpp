#include "common/data_dirs.h"

#include <system_error>

namespace backcoach {
namespace fs = std::filesystem;

namespace {

bool holds_rules(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "rules", ec);
}

DataDirs installed_layout(const fs::path& exe) {
  const fs::path share = (exe.parent_path() / BACKCOACH_BIN_TO_DATA).lexically_normal();
  return {share / "rules", share / "intents", share / "web"};
}

}  // namespace

DataDirs find_data_dirs(const fs::path& exe, const fs::path& source_dir) {
  const DataDirs installed = installed_layout(exe);
  if (holds_rules(installed.rules.parent_path())) return installed;
  if (!source_dir.empty() && holds_rules(source_dir)) {
    return {source_dir / "rules", source_dir / "intents", source_dir / "web" / "public"};
  }
  return installed;
}

DataDirs default_data_dirs() {
  std::error_code ec;
  // /proc/self/exe rather than argv[0]: it is the real file, wherever the caller's PATH or
  // working directory pointed, and symlinks to it (/usr/local/bin/backcoachd) are resolved.
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  // The source tree is compiled in for one reason: a binary run from its build folder
  // (deploy/run.sh) has no share/backcoach beside it, and finds the checkout's data instead.
  return find_data_dirs(ec ? fs::path() : exe, BACKCOACH_SOURCE_DIR);
}

}  // namespace backcoach
