#include "dialogue/spelling.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace backcoach::dialogue {
namespace {

// A small English word list in a temp file: the corrector never touches its words.
class SpellingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("backcoach-words-" + std::to_string(::getpid()) + ".txt");
    std::ofstream(path_) << "Lower\nsince\nfever\nbled\nbed\nbetter\naardvark's\nwhile\nwhole\n"
                            "injecting\nsweating\nrobin\n";
  }
  void TearDown() override { std::filesystem::remove(path_); }

  SpellingCorrector make(std::unordered_map<std::string, int> ours) const {
    return SpellingCorrector({path_.string()}, std::move(ours), {});
  }
  std::filesystem::path path_;
};

TEST_F(SpellingTest, CorrectsAWordOneEditFromOursThatIsNoEnglishWord) {
  const auto s = make({{"lower", 5}, {"since", 3}, {"fever", 2}, {"better", 2}});
  EXPECT_EQ(s.correct("lowr"), "lower");      // a letter left out
  EXPECT_EQ(s.correct("sinse"), "since");     // one replaced
  EXPECT_EQ(s.correct("fevre"), "fever");     // two swapped
  EXPECT_EQ(s.correct("betterr"), "better");  // one too many
}

TEST_F(SpellingTest, LeavesEnglishWordsOursShortWordsAndNonWordsAlone) {
  const auto s = make({{"bed", 4}, {"lower", 1}});
  EXPECT_EQ(s.correct("bled"), std::nullopt);   // English, though one edit from "bed"
  EXPECT_EQ(s.correct("lower"), std::nullopt);  // ours
  EXPECT_EQ(s.correct("bedd"), "bed");          // not English: corrected
}

// "injectin", "sweatin": the g a dialect drops is put back when the word with it is
// English; an English word ending in "in" ("robin") stays as it is.
TEST_F(SpellingTest, PutsBackADroppedG) {
  const auto s = make({{"lower", 1}});
  EXPECT_EQ(s.correct("injectin"), "injecting");
  EXPECT_EQ(s.correct("sweatin"), "sweating");
  EXPECT_EQ(s.correct("robin"), std::nullopt);
  EXPECT_EQ(s.correct("frobnin"), std::nullopt);  // "frobning" is no word either
}

TEST_F(SpellingTest, PicksTheMoreUsedOfTwoAndNoneOnATie) {
  const auto used = make({{"while", 9}, {"whole", 1}});
  EXPECT_EQ(used.correct("whle"), "while");
  const auto tie = make({{"while", 2}, {"whole", 2}});
  EXPECT_EQ(tie.correct("whle"), std::nullopt);
}

TEST_F(SpellingTest, IgnoresTooShortWordsAndDigits) {
  const auto s = make({{"back", 3}});
  EXPECT_EQ(s.correct("bak"), std::nullopt);  // under four letters: "bak" is in the typos list
  EXPECT_EQ(s.correct("b4ck"), std::nullopt);
}

// The words of our own texts (a quick reply's "physio") are neither corrected nor a
// correction: "physo" stays as typed, while a word one edit from ours is still corrected.
TEST_F(SpellingTest, KnowsTheWordsOfOurTextsWithoutMakingThemCorrections) {
  const SpellingCorrector s({path_.string()}, {{"lower", 2}}, {}, {"physio"});
  EXPECT_EQ(s.correct("physio"), std::nullopt);
  EXPECT_EQ(s.correct("physo"), std::nullopt);
  EXPECT_EQ(s.correct("lowr"), "lower");
}

// Read ahead on a thread of its own, the lists answer as if read on first use.
TEST_F(SpellingTest, ReadsTheListsAheadAndAnswersTheSame) {
  const auto s = make({{"bed", 4}});
  s.read_ahead();
  s.read_ahead();  // once only
  EXPECT_EQ(s.correct("bled"), std::nullopt);
  EXPECT_EQ(s.correct("bedd"), "bed");
}

TEST(SpellingWords, CountsWordsOfPatternsWithoutTheirEscapes) {
  std::unordered_map<std::string, int> counts;
  SpellingCorrector::count_words(R"(\b(?:lower|low) back\b[^.]{0,30}\bsince\w*)", counts);
  EXPECT_EQ(counts["lower"], 1);
  EXPECT_EQ(counts["back"], 1);
  EXPECT_EQ(counts["since"], 1);
  EXPECT_EQ(counts.count("blower"), 0u);  // "\b" is no letter b
  EXPECT_EQ(counts.count("w"), 0u);
}

}  // namespace
}  // namespace backcoach::dialogue
