#pragma once

#include <string>
#include <string_view>

#include "common/errc.h"

namespace backcoach::telegram {

// The exercise pictures as PNG, rendered from web/public/img/exercises/*.svg at build time
// (daemon/src/telegram/CMakeLists.txt) and installed to share/backcoach/img/exercises.

// The build tree's folder of them: what a daemon started from the build uses by default.
std::string default_exercise_png_dir();

// The bytes of `<dir>/<exercise_id>.png`. errc::invalid_argument for an id that is not a
// plain name ([a-z0-9_]+), errc::not_found when there is no such file. Reads the disk: call
// at start-up or off the I/O threads, and keep the bytes (or Telegram's file_id) after.
result<std::string> load_exercise_png(const std::string& dir, std::string_view exercise_id);

}  // namespace backcoach::telegram
