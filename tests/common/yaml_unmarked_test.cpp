#include "common/yaml_unmarked.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace backcoach {
namespace {

namespace fs = std::filesystem;

// The tree yaml-cpp's own parser builds and the one built from libyaml's events agree on
// everything the loaders read: kinds, scalars, tags, order, sizes.
::testing::AssertionResult same(const YAML::Node& a, const YAML::Node& b, const std::string& at) {
  if (a.Type() != b.Type()) return ::testing::AssertionFailure() << at << ": kind differs";
  if (a.Tag() != b.Tag()) {
    return ::testing::AssertionFailure()
           << at << ": tag '" << a.Tag() << "' != '" << b.Tag() << "'";
  }
  if (a.IsScalar()) {
    if (a.Scalar() == b.Scalar()) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << at << ": '" << a.Scalar() << "' != '" << b.Scalar() << "'";
  }
  if (a.size() != b.size()) return ::testing::AssertionFailure() << at << ": size differs";
  if (a.IsSequence()) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      auto r = same(a[i], b[i], at + "/" + std::to_string(i));
      if (!r) return r;
    }
  } else if (a.IsMap()) {
    for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
      auto r = same(ia->first, ib->first, at + "/key");
      if (!r) return r;
      r = same(ia->second, ib->second,
               at + "/" + (ia->first.IsScalar() ? ia->first.Scalar() : "?"));
      if (!r) return r;
    }
  }
  return ::testing::AssertionSuccess();
}

YAML::Node unmarked(const std::string& text) {
  std::string why;
  auto doc = load_yaml_unmarked(text, why);
  EXPECT_TRUE(doc.has_value()) << why;
  return doc.value_or(YAML::Node());
}

TEST(YamlUnmarked, BuildsWhatYamlCppBuildsForTheShapesTheRulesUse) {
  const std::string text =
      "# a comment\n"
      "intents:\n"
      "  - id: numbness\n"
      "    patterns: ['\\bnumb\\b', \"pins and needles\"]\n"
      "    examples:\n"
      "      - plain text, with a comma\n"
      "      - >-\n"
      "        folded over\n"
      "        two lines\n"
      "    empty:\n"
      "    tilde: ~\n"
      "    word_null: null\n"
      "    quoted_null: 'null'\n"
      "    number: 42\n"
      "    flow: {a: 1, b: [x, y]}\n"
      "  - id: second\n"
      "    pseudo: &shared ['\\bno better\\b', 'x']\n"
      "    again: *shared\n"
      "    unicode: \"caf\\u00e9 – ok\"\n";
  EXPECT_TRUE(same(YAML::Load(text), unmarked(text), ""));
}

TEST(YamlUnmarked, KeepsARepeatedKeyTwiceInFileOrderAsYamlCppDoes) {
  const std::string text = "a: 1\nb: 2\na: 3\n";
  const YAML::Node doc = unmarked(text);
  EXPECT_TRUE(same(YAML::Load(text), doc, ""));
  ASSERT_EQ(doc.size(), 3u);
  EXPECT_EQ(doc["a"].as<int>(), 1);  // a lookup finds the first, as in yaml-cpp
}

TEST(YamlUnmarked, AnAliasSharesItsAnchorsNode) {
  const YAML::Node doc = unmarked("x: &a [1, 2]\ny: *a\n");
  EXPECT_TRUE(doc["x"].is(doc["y"]));
}

TEST(YamlUnmarked, NodesCarryNoMark) {
  const YAML::Node doc = unmarked("a:\n  b: 1\n");
  EXPECT_TRUE(doc["a"]["b"].Mark().is_null());
}

TEST(YamlUnmarked, AnEmptyDocumentIsNullAndOnlyTheFirstDocumentIsRead) {
  EXPECT_TRUE(unmarked("# nothing here\n").IsNull());
  EXPECT_TRUE(same(YAML::Load("a: 1\n---\nb: 2\n"), unmarked("a: 1\n---\nb: 2\n"), ""));
}

TEST(YamlUnmarked, ASyntaxErrorOrAnUnknownAliasIsReportedNotThrown) {
  std::string why;
  EXPECT_FALSE(load_yaml_unmarked("a: [unclosed\nb: 2\n", why).has_value());
  EXPECT_FALSE(why.empty());
  why.clear();
  EXPECT_FALSE(load_yaml_unmarked("a: *nowhere\n", why).has_value());
  EXPECT_FALSE(why.empty());
}

// Every file of the real rule set parses to the same tree both ways.
TEST(YamlUnmarked, TheRealRuleFilesReadTheSameBothWays) {
  int files = 0;
  for (const char* dir : {"rules", "intents"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(BACKCOACH_SOURCE_DIR) / dir)) {
      if (entry.path().extension() != ".yaml") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
      EXPECT_TRUE(same(YAML::Load(text), unmarked(text), entry.path().filename().string()));
      ++files;
    }
  }
  EXPECT_GT(files, 20);
}

}  // namespace
}  // namespace backcoach
