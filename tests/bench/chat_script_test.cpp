#include "chat_script.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace backcoach::bench {
namespace {

TEST(ChatScriptTest, ShippedScriptIsAConversation) {
  auto lines = load_script(BACKCOACH_BENCH_SCRIPT);
  ASSERT_TRUE(lines) << lines.error().message();
  EXPECT_GE(lines->size(), 20u);
  for (const auto& line : *lines) {
    EXPECT_FALSE(line.empty());
    EXPECT_NE(line.front(), '#');
  }
}

TEST(ChatScriptTest, SkipsCommentsAndBlankLines) {
  const auto path = std::filesystem::temp_directory_path() / "backcoach_script_test.txt";
  {
    std::ofstream out(path);
    out << "# heading\n\nfirst\r\n  \nsecond\n";
  }
  auto lines = load_script(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(lines);
  EXPECT_EQ(*lines, (std::vector<std::string>{"first", "second"}));
}

TEST(ChatScriptTest, MissingOrEmptyScriptIsAnError) {
  EXPECT_EQ(load_script("/nonexistent/script.txt").error(), make_error_code(errc::not_found));
  const auto path = std::filesystem::temp_directory_path() / "backcoach_empty_script.txt";
  {
    std::ofstream out(path);
    out << "# only a comment\n";
  }
  EXPECT_EQ(load_script(path.string()).error(), make_error_code(errc::invalid_argument));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace backcoach::bench
