#include "telegram/exercise_png.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>

namespace backcoach::telegram {
namespace {

std::uint32_t big_endian(const std::string& bytes, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  return v;
}

// Every drawing under web/ has its PNG, and each is a real picture: the PNG signature, an
// IHDR chunk first with twice the drawing's 320x200, and more than a blank canvas weighs
// (a white 640x400 PNG is about 1.7 kB; the drawings are 10-30 kB).
TEST(ExercisePng, EveryDrawingIsRenderedAsAPng) {
  const std::filesystem::path svgs =
      std::string(BACKCOACH_SOURCE_DIR) + "/web/public/img/exercises";
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(svgs)) {
    if (entry.path().extension() != ".svg") continue;
    const auto id = entry.path().stem().string();
    SCOPED_TRACE(id);
    ++seen;
    auto png = load_exercise_png(default_exercise_png_dir(), id);
    ASSERT_TRUE(png.has_value()) << "no PNG for " << id
                                 << ".svg: list it in telegram/CMakeLists.txt";
    ASSERT_GT(png->size(), 33u);
    EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    EXPECT_EQ(big_endian(*png, 8), 13u);
    EXPECT_EQ(png->substr(12, 4), "IHDR");
    EXPECT_EQ(big_endian(*png, 16), 640u);
    EXPECT_EQ(big_endian(*png, 20), 400u);
    EXPECT_GT(png->size(), 6000u) << "too small to hold the drawing";
  }
  EXPECT_GE(seen, 10);
}

TEST(ExercisePng, RefusesAnIdThatIsNotAPlainName) {
  for (const char* id : {"", "../secret", "cat_cow.png", "Cat", "a/b"}) {
    EXPECT_EQ(load_exercise_png(default_exercise_png_dir(), id).error(),
              make_error_code(errc::invalid_argument))
        << id;
  }
  EXPECT_EQ(load_exercise_png(default_exercise_png_dir(), "no_such_exercise").error(),
            make_error_code(errc::not_found));
}

}  // namespace
}  // namespace backcoach::telegram
