#include "dialogue/pattern_sets.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "dialogue/pattern_text.h"

namespace backcoach::dialogue {
namespace {

// What one RE2::Set reports for `text`, sorted.
std::vector<int> one_set(const std::vector<std::string>& sources, std::string_view text) {
  RE2::Set set(pattern_options(), RE2::UNANCHORED);
  for (const auto& s : sources) set.Add(s, nullptr);
  EXPECT_TRUE(set.Compile());
  std::vector<int> fired;
  set.Match(re2::StringPiece(text.data(), text.size()), &fired);
  std::sort(fired.begin(), fired.end());
  return fired;
}

std::vector<int> sets(const PatternSets& s, std::string_view text) {
  std::vector<int> fired;
  RE2::Set::ErrorInfo info{};
  EXPECT_TRUE(s.match(text, fired, info));
  std::sort(fired.begin(), fired.end());
  return fired;
}

const std::vector<std::string> kLexicon = {
    R"(\bnumb\w*\b[^.]*\b(?:bum|groin|between my legs)\b)",
    R"(\bcan not (?:feel|tell) when i need to (?:pee|wee)\b)",
    R"(\b(?:both|my) legs\b)",
    R"(\bfever\b)",
    R"(\bhow long\b[^?]*\bhold\b)",
    R"(\b(?:weak|weakness)\b)",
    R"(\bpins and needles\b)",
};

const std::vector<std::string> kTexts = {
    "my bum is numb and i can not feel when i need to pee",
    "both legs feel weak , pins and needles , and a fever",
    "how long should i hold each stretch ?",
    "nothing at all",
    "",
};

TEST(PatternSets, NumbersAndFindsAsOneSetWhateverTheShards) {
  for (std::size_t shards : {1, 2, 3, 7, 12}) {
    std::vector<std::string> why;
    PatternSets s(kLexicon, pattern_options(), shards, why);
    ASSERT_TRUE(s.compiled()) << shards;
    ASSERT_EQ(why.size(), kLexicon.size());
    for (const auto& w : why) EXPECT_TRUE(w.empty());
    for (const auto& text : kTexts) {
      EXPECT_EQ(sets(s, text), one_set(kLexicon, text)) << shards << " shards: " << text;
    }
  }
}

TEST(PatternSets, ARefusedPatternIsNamedAndTheWholeIsUnusable) {
  std::vector<std::string> sources = kLexicon;
  sources.insert(sources.begin() + 3, "(unclosed");
  for (std::size_t shards : {1, 2, 4}) {
    std::vector<std::string> why;
    PatternSets s(sources, pattern_options(), shards, why);
    EXPECT_FALSE(s.compiled());
    ASSERT_EQ(why.size(), sources.size());
    EXPECT_NE(why[3].find("missing )"), std::string::npos) << why[3];
    for (std::size_t k = 0; k < sources.size(); ++k) {
      if (k != 3) {
        EXPECT_TRUE(why[k].empty()) << k;
      }
    }
    EXPECT_TRUE(sets(s, kTexts[1]).empty());
  }
}

TEST(PatternSets, NoPatternsFindNothing) {
  std::vector<std::string> why;
  PatternSets s({}, pattern_options(), 2, why);
  EXPECT_TRUE(s.compiled());
  EXPECT_TRUE(sets(s, "anything").empty());
}

TEST(PatternSets, AProgramOverTheBudgetIsNotCompiled) {
  RE2::Options tiny = pattern_options();
  tiny.set_max_mem(1 << 10);
  std::vector<std::string> why;
  PatternSets s({R"(\b(?:[a-z]+ ){0,40}pain\b)", R"(\bback\b)"}, tiny, 2, why);
  EXPECT_FALSE(s.compiled());
}

}  // namespace
}  // namespace backcoach::dialogue
