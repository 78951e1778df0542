#include "dialogue/normalizer.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <memory>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "common/yaml_diag.h"

namespace backcoach::dialogue {
namespace {

// The normaliser as the daemon builds it: from intents/normalization.yaml.
class NormalizerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string path = std::string(BACKCOACH_SOURCE_DIR) + "/intents/normalization.yaml";
    std::vector<Diagnostic> errors;
    NormalizerConfig config;
    const bool ok = load_normalizer_config(YAML::LoadFile(path), YamlDiag(path, &errors), config);
    for (const Diagnostic& d : errors) ADD_FAILURE() << d.to_string();
    ASSERT_TRUE(ok);
    normalizer_ = std::make_unique<Normalizer>(config);
  }
  static void TearDownTestSuite() { normalizer_.reset(); }

  static std::string norm(std::string_view s) { return normalizer_->normalize(s); }

  struct Row {
    const char* in;
    const char* out;
  };
  static void check(const std::vector<Row>& rows) {
    for (const Row& r : rows) {
      EXPECT_EQ(norm(r.in), r.out) << "input: \"" << r.in << "\"";
    }
  }

  static std::unique_ptr<Normalizer> normalizer_;
};

std::unique_ptr<Normalizer> NormalizerTest::normalizer_;

TEST_F(NormalizerTest, LowerCasesAndSpacesTokensOnce) {
  check({
      {"", ""},
      {"   ", ""},
      {"\t\n\r", ""},
      {"My BACK Hurts", "my back hurts"},
      {"  lower   back\tpain \n", "lower back pain"},
      {"LOW BACK PAIN", "low back pain"},
      {"line one\nline two", "line 1 line 2"},
  });
}

TEST_F(NormalizerTest, KeepsSentencePunctuationAsTokens) {
  check({
      {"no numbness, but tingling", "no numbness , but tingling"},
      {"It hurts!!!", "it hurts !"},
      {"really???", "really ?"},
      {"what?!", "what ? !"},
      {"ok... fine", "ok ... fine"},
      {"ok.. fine", "ok ... fine"},
      {"stop. now", "stop . now"},
      {"yes;no:maybe", "yes ; no : maybe"},
      {"it's 6.", "it is 6 ."},
      {",,,", ","},
  });
}

TEST_F(NormalizerTest, MapsUnicodePunctuationToAscii) {
  check({
      {"I don\u2019t know", "i do not know"},
      {"I don\u2018t", "i do not"},
      {"don\u02BCt", "do not"},
      {"don\uFF07t", "do not"},
      {"don`t", "do not"},
      {"\u201Cnumb\u201D", "numb"},
      {"\u00ABnumb\u00BB", "numb"},
      {"\"numb\"", "numb"},
      {"pain \u2013 bad", "pain - bad"},
      {"pain \u2014 bad", "pain - bad"},
      {"well\u2026 maybe", "well ... maybe"},
      {"back\u00A0pain", "back pain"},
      {"back\u2009pain\u3000now", "back pain now"},
      {"ba\u200Bck", "back"},
      {"(sometimes) [left] {side}", "sometimes left side"},
      {"*really* bad", "really bad"},
      {"ok\uFF01", "ok !"},
  });
}

TEST_F(NormalizerTest, KeepsOtherNonAsciiCharacters) {
  check({
      {"caf\u00E9 au lait", "caf\u00E9 au lait"},
      {"\u00C9L\u00C8VE", "\u00C9l\u00C8ve"},  // only ASCII letters are lowered
      {"\u0431\u043E\u043B\u044C", "\u0431\u043E\u043B\u044C"},
      {"\u75DB\u3044", "\u75DB\u3044"},
  });
}

TEST_F(NormalizerTest, KeepsEmojiAsTheirOwnTokens) {
  check({
      {"it hurts \U0001F622", "it hurts \U0001F622"},
      {"pain\U0001F622", "pain \U0001F622"},
      {"\U0001F622\U0001F622 so bad", "\U0001F622\U0001F622 so bad"},
      {"\U0001F44D", "\U0001F44D"},
      {"thanks\u2764\uFE0F!", "thanks \u2764\uFE0F !"},
      {"\U0001F469\u200D\U0001F4BB at desk", "\U0001F469\u200D\U0001F4BB at desk"},
  });
}

TEST_F(NormalizerTest, ExpandsContractions) {
  check({
      {"I don't have any weakness", "i do not have any weakness"},
      {"dont", "do not"},
      {"it doesn't", "it does not"},
      {"didnt", "did not"},
      {"I can't feel the toilet paper", "i can not feel the toilet paper"},
      {"cant sleep", "can not sleep"},
      {"I cannot", "i can not"},
      {"won't", "will not"},
      {"I'm fine", "i am fine"},
      {"im 45", "i am 45"},
      {"I've had it", "i have had it"},
      {"ive", "i have"},
      {"isn't", "is not"},
      {"wasnt", "was not"},
      {"haven't", "have not"},
      {"hasn't", "has not"},
      {"couldn't", "could not"},
      {"shouldn't", "should not"},  // by the "n't" suffix
      {"they've", "they have"},
      {"we'll see", "we will see"},
      {"she'd", "she would"},
      {"it's worse", "it is worse"},
      {"that's it", "that is it"},
      {"does'nt", "does not"},  // misplaced apostrophe
  });
}

TEST_F(NormalizerTest, DropsApostrophesAfterRewriting) {
  check({
      {"child's pose", "childs pose"},
      {"my doctor's advice", "my doctors advice"},
      {"'quoted'", "quoted"},
      {"backs'", "backs"},
      {"the 90's", "the 90 s"},  // as "90s" is
  });
}

TEST_F(NormalizerTest, ExpandsSlang) {
  check({
      {"u ok?", "you ok ?"},
      {"ur routine", "your routine"},
      {"pls help thx", "please help thanks"},
      {"hurts tho", "hurts though"},
      {"abt 2 wks", "about 2 weeks"},
      {"1 wk", "1 week"},
      {"3 yrs", "3 years"},
      {"2 hrs", "2 hours"},
      {"10 mins", "10 minutes"},
      {"gonna try", "going to try"},
      {"yeah", "yes"},
      {"nope", "no"},
      {"nah not really", "no not really"},
      {"back & legs", "back and legs"},
      {"idk", "idk"},  // hedges stay as they are
      {"kinda", "kinda"},
  });
}

// "'s" is "is" or "has" before a verb or a description, a possessive otherwise.
TEST_F(NormalizerTest, ReadsApostropheSByTheWordThatFollows) {
  check({
      {"my lower back's been stiff since", "my lower back has been stiff since"},
      {"me leg's gone numb", "me leg has gone numb"},
      {"the back's killing me", "the back is killing me"},
      {"my mum's cancer", "my mums cancer"},
      {"the child's bike", "the childs bike"},
      {"back's", "backs"},  // nothing follows: as before
      {"it's fine", "it is fine"},
  });
}

TEST_F(NormalizerTest, FixesCommonTypos) {
  check({
      {"numbess in my leg", "numbness in my leg"},
      {"feeling tingly", "feeling tingly"},
      {"tinglin", "tingling"},
      {"bak pian", "back pain"},
      {"stiffnes in the morning", "stiffness in the morning"},
      {"saw my phsyio", "saw my physio"},
      {"physiotherepist", "physiotherapist"},
      {"siatica", "sciatica"},
      {"excercise", "exercise"},
      {"streching", "stretching"},
      {"weekness", "weakness"},
      {"lowerback", "lower back"},
      {"alot", "a lot"},
  });
}

TEST_F(NormalizerTest, SqueezesRepeatedLetters) {
  check({
      {"sooo bad", "so bad"},
      {"hellllp", "help"},
      {"nooo", "no"},
      {"yesss", "yes"},
      {"reallyyyy", "really"},
      {"sleeeep", "sleep"},
      {"goooood", "good"},
      {"baaaack paaaain", "back pain"},
      {"ouchhhh", "ouch"},
      {"numbnesssss", "numbness"},
      {"dooon't", "do not"},
      {"tooo much", "too much"},
      {"blahhhh", "blahh"},  // unknown either way: two letters kept
      {"AAA", "aaa"},        // a known word with a triple letter stays
      {"zzz", "zzz"},
      {"ok!!!!!!", "ok !"},
      {"1000", "1000"},  // digits are never squeezed
  });
}

TEST_F(NormalizerTest, TurnsNumberWordsIntoDigits) {
  check({
      {"zero", "0"},
      {"seven", "7"},
      {"eleven", "11"},
      {"nineteen", "19"},
      {"twenty", "20"},
      {"twenty five", "25"},
      {"twenty-five", "25"},
      {"Ninety Nine", "99"},
      {"fourty", "40"},
      {"a hundred", "100"},
      {"one hundred", "100"},
      {"hundred", "100"},
      {"two hundred and five", "205"},
      {"a hundred and twenty two", "122"},
      {"five six", "5 6"},
      {"one or two", "1 or 2"},
      {"five and ten", "5 and 10"},
      {"I am fifty five years old", "i am 55 years old"},
      {"no one helps", "nobody helps"},
  });
}

TEST_F(NormalizerTest, WritesPainScoresOneWay) {
  check({
      {"7/10", "7 out of 10"},
      {"7 / 10", "7 out of 10"},
      {"7 of 10", "7 out of 10"},
      {"7 out of 10", "7 out of 10"},
      {"7 outta 10", "7 out of 10"},
      {"seven out of ten", "7 out of 10"},
      {"Seven/Ten", "7 out of 10"},
      {"about a 6", "about 6"},
      {"about a six", "about 6"},
      {"an 8", "8"},
      {"its a 7/10", "its 7 out of 10"},
      {"6.5", "6.5"},
      {"6.5/10", "6.5 out of 10"},
      {"8ish", "8"},  // split, then "ish" (about) dropped by the slang list
      {"6-7", "6 - 7"},
      {"6 - 7", "6 - 7"},
      {"3rd day", "3rd day"},
      {"10mins", "10 minutes"},
      {"3wks", "3 weeks"},
      {"45yo", "45 years old"},
      {"45 y/o", "45 years old"},
  });
}

TEST_F(NormalizerTest, RewritesPhrases) {
  check({
      {"a couple of weeks", "2 weeks"},
      {"a couple days", "2 days"},
      {"couple of days", "2 days"},
      {"for a week", "for 1 week"},
      {"about a month", "about 1 month"},
      {"a day ago", "1 day ago"},
      {"over a year", "over 1 year"},
      {"an hour", "1 hour"},
      {"half an hour", "30 minutes"},
      {"a week and a half", "1.5 weeks"},
      {"twice a week", "twice per week"},
      {"3 times a day", "3 times per day"},
      {"3x a day", "3 times per day"},
      {"w/o numbness", "without numbness"},
      {"w/ pain", "with pain"},
  });
}

TEST_F(NormalizerTest, KeepsNegationWords) {
  check({
      {"No numbness", "no numbness"},
      {"not numb but tingly", "not numb but tingly"},
      {"never had bladder trouble", "never had bladder trouble"},
      {"without weakness", "without weakness"},
      {"nothing else", "nothing else"},
      {"nooot really", "not really"},
  });
}

TEST_F(NormalizerTest, SplitsHyphenatedWords) {
  check({
      {"x-ray", "x ray"},
      {"self-care", "self care"},
      {"covid-19", "covid 19"},
      {"- pain", "- pain"},
      {"pain--bad", "pain - bad"},
  });
}

TEST_F(NormalizerTest, CanonicalTextIsAFixedPoint) {
  for (const char* in : {"I don\u2019t have NUMBNESS!!!", "seven outta ten, about a six",
                         "a couple of wks ago", "twenty-five yrs", "sooo bad \U0001F622",
                         "w/o pain & 6.5/10", "child's pose... x-ray", "6-7 8ish 3rd"}) {
    const std::string once = norm(in);
    EXPECT_EQ(norm(once), once) << "input: \"" << in << "\"";
  }
}

TEST_F(NormalizerTest, IllFormedUtf8BecomesReplacementCharacters) {
  const std::string out = norm("bad \xC3 byte \xED\xA0\x80 here");
  EXPECT_TRUE(is_valid_utf8(out));
  EXPECT_EQ(out, "bad \uFFFD byte \uFFFD\uFFFD\uFFFD here");
}

TEST_F(NormalizerTest, HandlesVeryLongInputInOnePass) {
  std::string in;
  while (in.size() < 100 * 1024)
    in += "My bak HURTS sooo much, about a seven/ten \u2014 can't sleep! ";
  const std::string out = norm(in);
  const std::string unit = "my back hurts so much , about 7 out of 10 - can not sleep !";
  ASSERT_GE(out.size(), unit.size());
  EXPECT_EQ(out.substr(0, unit.size()), unit);
  EXPECT_EQ(out.find("  "), std::string::npos);
  EXPECT_NE(out.back(), ' ');

  const std::string one_word(100 * 1024, 'q');  // a single enormous token
  EXPECT_EQ(norm(one_word), "qq");
  const std::string bangs(100 * 1024, '!');
  EXPECT_EQ(norm(bangs), "!");
}

TEST_F(NormalizerTest, IsDeterministic) {
  const std::string in = "Twenty-five yrs, 7/10 pain, can't bend \U0001F622";
  const std::string first = norm(in);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(norm(in), first);
}

TEST_F(NormalizerTest, SplitOnlyTokenizes) {
  EXPECT_EQ(normalizer_->split("Don't  go!!"), (std::vector<std::string>{"don't", "go", "!"}));
  EXPECT_EQ(normalizer_->split("8ish 3rd"), (std::vector<std::string>{"8", "ish", "3rd"}));
  EXPECT_TRUE(normalizer_->split("").empty());
}

// A normaliser made from a hand-written config: the mechanics without the data file.
TEST(NormalizerMechanicsTest, EmptyConfigStillLowersAndTokenizes) {
  const Normalizer n{NormalizerConfig{}};
  EXPECT_EQ(n.normalize("Don't Stop!!"), "dont stop !");
  EXPECT_EQ(n.normalize("seven 7/10"), "seven 7 / 10");
}

TEST(NormalizerMechanicsTest, LongestPhraseWinsAndEmptyReplacementDeletes) {
  NormalizerConfig c;
  c.phrases = {{"a b", "x"}, {"a b c", "y"}};
  c.words = {{"um", ""}};
  const Normalizer n(c);
  EXPECT_EQ(n.normalize("a b c d"), "y d");
  EXPECT_EQ(n.normalize("a b d"), "x d");
  EXPECT_EQ(n.normalize("um um hello um"), "hello");
}

}  // namespace
}  // namespace backcoach::dialogue
