#include "app/yaml_config.h"

#include <gtest/gtest.h>

#include <sstream>

namespace backcoach::app {
namespace {

std::vector<CLI::ConfigItem> read(const std::string& text) {
  std::istringstream in(text);
  return YamlConfig().from_config(in);
}

TEST(YamlConfig, ScalarsAndListsBecomeItems) {
  const auto items = read("listen: 0.0.0.0:80\nallow_origin: [https://a, https://b]\nthreads: 4\n");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].name, "listen");
  EXPECT_EQ(items[0].inputs, std::vector<std::string>{"0.0.0.0:80"});
  EXPECT_EQ(items[1].name, "allow-origin");
  EXPECT_EQ(items[1].inputs, (std::vector<std::string>{"https://a", "https://b"}));
  EXPECT_EQ(items[2].inputs, std::vector<std::string>{"4"});
}

TEST(YamlConfig, EmptyFileIsNoItems) { EXPECT_TRUE(read("").empty()); }

TEST(YamlConfig, NestedMapsAndSyntaxErrorsNameTheLine) {
  try {
    read("listen: 1\nlimits:\n  x: 1\n");
    FAIL() << "nested map accepted";
  } catch (const CLI::ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read("a: [1, 2\n"), CLI::ParseError);
  EXPECT_THROW(read("- just\n- a list\n"), CLI::ParseError);
}

// Found by fuzzing (tests/fuzz/corpus/config/map_key): a key that is itself a map or a
// list threw yaml-cpp's bad conversion, which CLI11 does not catch: backcoachd aborted.
TEST(YamlConfig, AKeyThatIsNotANameIsAConfigError) {
  for (const char* text : {"{a: b}: c\n", "? [a, b]\n: c\n"}) {
    SCOPED_TRACE(text);
    try {
      read(text);
      FAIL() << "accepted";
    } catch (const CLI::ParseError& e) {
      EXPECT_NE(std::string(e.what()).find("line 1"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace backcoach::app
