#include "dialogue/token_rewriter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace backcoach::dialogue {
namespace {

// The token stage alone, on a small hand-written config.
class TokenRewriterTest : public ::testing::Test {
 protected:
  TokenRewriterTest() : rewriter_(config()) {}

  static NormalizerConfig config() {
    NormalizerConfig c;
    c.phrases = {{"a week", "1 week"}, {"twice a week", "twice per week"}, {"no one", "nobody"}};
    c.number_words = {{"one", 1},  {"five", 5},    {"seven", 7},
                      {"ten", 10}, {"twenty", 20}, {"hundred", 100}};
    c.number_articles = {"a", "an"};
    c.number_conjunctions = {"and"};
    c.fraction_separators = {"/", "of"};
    c.fraction_canonical = "out of";
    return c;
  }

  std::string rewrite(const std::string& text) const {
    std::vector<std::string> words = split_on_spaces(text);
    TokenRewriter::Tokens tokens(words.begin(), words.end());
    TokenRewriter::Tokens spare;
    TokenArena arena(text.size() + 32);
    rewriter_.rewrite(tokens, spare, arena);
    std::string out;
    for (std::string_view t : tokens) out += (out.empty() ? "" : " ") + std::string(t);
    return out;
  }

  TokenRewriter rewriter_;
};

TEST_F(TokenRewriterTest, RewritesPhrasesNumbersArticlesAndFractions) {
  const std::pair<const char*, const char*> rows[] = {
      {"", ""},
      {"for a week", "for 1 week"},
      {"twice a week", "twice per week"},
      {"no one", "nobody"},
      {"twenty five", "25"},
      {"a hundred and seven", "107"},
      {"five hundred", "500"},
      {"hundred", "100"},
      {"one one", "1 1"},
      {"about a 6", "about 6"},
      {"an a 6", "6"},
      {"a dog", "a dog"},
      {"seven / ten", "7 out of 10"},
      {"7 of 10", "7 out of 10"},
      {"7 / 10 / 5", "7 out of 10 out of 5"},
      {"6.5 / 10", "6.5 out of 10"},
      {"6. / 10", "6. / 10"},
      {"7 / x", "7 / x"},
      {"and five", "and 5"},
  };
  for (const auto& [in, out] : rows) EXPECT_EQ(rewrite(in), out) << "input: \"" << in << "\"";
}

TEST(TokenArenaTest, NeverGrowsAndFallsBackWhenFull) {
  TokenArena arena(4);
  const std::string_view first = arena.keep("abc", "x");
  EXPECT_EQ(first, "abc");
  EXPECT_EQ(arena.keep("de", "fallback"), "fallback");
  EXPECT_EQ(arena.keep("d", "fallback"), "d");
  EXPECT_EQ(first, "abc");  // still valid: the buffer never moved
}

TEST(SplitOnSpacesTest, IgnoresRunsOfSpaces) {
  EXPECT_EQ(split_on_spaces("  a  b c "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(split_on_spaces("").empty());
}

}  // namespace
}  // namespace backcoach::dialogue
