#include "dialogue/pattern_text.h"

#include <gtest/gtest.h>

namespace backcoach::dialogue {
namespace {

TEST(Unbounded, ACountedRepetitionBecomesAStar) {
  EXPECT_EQ(unbounded(R"(\bpain\b[^.;!?]{0,60}\bworse\b)"), R"(\bpain\b[^.;!?]*\bworse\b)");
  EXPECT_EQ(unbounded(R"((?:\w+ ){1,3}x{2}y{4,})"), R"((?:\w+ )*x*y*)");
  EXPECT_EQ(unbounded(R"(a{0,40}?b)"), R"(a*?b)");
}

TEST(Unbounded, EscapesClassesAndLiteralBracesAreKept) {
  EXPECT_EQ(unbounded(R"(\{1,2\})"), R"(\{1,2\})");          // escaped braces are literal
  EXPECT_EQ(unbounded(R"(\x{41}{2})"), R"(\x{41}*)");        // a hex escape is one character
  EXPECT_EQ(unbounded(R"([{]{2}[]{3}])"), R"([{]*[]{3}])");  // braces inside a class
  EXPECT_EQ(unbounded(R"(a{,3}b{x})"), R"(a{,3}b{x})");      // not a repetition: literal
  EXPECT_EQ(unbounded(R"(a{1)"), R"(a{1)");
}

TEST(Unbounded, TheWiderPatternMatchesEverythingTheBoundedOneDoes) {
  const std::string bounded = R"(\bstretch\w*\b[^.,;!?]{0,30}\bworse\b)";
  RE2 narrow(bounded, pattern_options()), wide(unbounded(bounded), pattern_options());
  ASSERT_TRUE(narrow.ok() && wide.ok());
  for (const char* text : {"stretching makes it worse", "stretches are worse",
                           "stretching every morning before work and after the school run worse"}) {
    if (RE2::PartialMatch(text, narrow)) {
      EXPECT_TRUE(RE2::PartialMatch(text, wide)) << text;
    }
  }
  EXPECT_FALSE(RE2::PartialMatch(
      "stretching every morning before work and after the school run worse", narrow));
  EXPECT_LT(wide.ProgramSize(), narrow.ProgramSize());
}

}  // namespace
}  // namespace backcoach::dialogue
