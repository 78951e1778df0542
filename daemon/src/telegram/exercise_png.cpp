#include "telegram/exercise_png.h"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace backcoach::telegram {

std::string default_exercise_png_dir() { return BACKCOACH_EXERCISE_PNG_DIR; }

result<std::string> load_exercise_png(const std::string& dir, std::string_view exercise_id) {
  const bool plain =
      !exercise_id.empty() && std::all_of(exercise_id.begin(), exercise_id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      });
  if (!plain) return make_error_code(errc::invalid_argument);
  std::ifstream in(dir + "/" + std::string(exercise_id) + ".png", std::ios::binary);
  if (!in) return make_error_code(errc::not_found);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace backcoach::telegram
