#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "daemon_process.h"

namespace backcoach::e2e {

// A fresh folder under the system temp dir, removed at the end.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Starts backcoachd on port 0 with its database in `dir` plus `extra` flags.
std::unique_ptr<ChildDaemon> start_daemon(const TempDir& dir, std::vector<std::string> extra = {});

// The user texts of the self-care scenario, up to the routine and one feedback.
const std::vector<std::string>& self_care_script();

}  // namespace backcoach::e2e
