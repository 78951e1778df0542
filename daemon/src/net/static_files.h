#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/errc.h"

namespace backcoach::net {

// The web root (demo page, widget script and style, exercise pictures) read into
// memory once, so serving a file never touches the disk on an I/O thread and a
// request can only ever name a file that was found under the root.
// Immutable after load(); safe from any thread. Reloaded (a new object) on SIGHUP.
class StaticFiles {
 public:
  struct File {
    std::string body;
    std::string content_type;
    std::string etag;           // strong validator: "\"<16 hex digits of SHA-256>\""
    std::string cache_control;  // revalidate pages/scripts; images may be cached a day
  };

  // Reads every regular file under `root` (no dot files, none over `max_file_bytes`).
  // Fails when `root` is not a readable directory.
  static result<std::shared_ptr<const StaticFiles>> load(const std::string& root,
                                                         std::size_t max_file_bytes = 8 << 20);

  // The file for a request target ("/", "/widget.js?v=2"), or null when there is
  // none or the target is not a safe path.
  const File* find(std::string_view target) const;

  std::size_t size() const { return files_.size(); }

  // The canonical path a request target names ("/" is "/index.html"), or nullopt
  // when the target is unsafe: not absolute, "..", "." or empty segments, hidden
  // segments, backslashes, percent-escapes, control characters.
  static std::optional<std::string> safe_path(std::string_view target);

  static std::string content_type_for(std::string_view path);

 private:
  std::map<std::string, File, std::less<>> files_;
};

}  // namespace backcoach::net
