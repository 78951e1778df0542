#include "common/utf8.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace backcoach {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

struct Case {
  const char* name;
  std::string bytes;
  std::string repaired;  // what repair_utf8 makes of it
};

// Well-formed text of every length class, and the edges of Unicode 15 Table 3-7.
const Case kValid[] = {
    {"empty", "", ""},
    {"ascii", "my back hurts 7/10", "my back hurts 7/10"},
    {"nul byte", std::string("a\0b", 3), std::string("a\0b", 3)},
    {"two bytes", "caf\xC3\xA9", "caf\xC3\xA9"},
    {"lowest two byte U+0080", "\xC2\x80", "\xC2\x80"},
    {"three bytes euro", "\xE2\x82\xAC", "\xE2\x82\xAC"},
    {"lowest three byte U+0800", "\xE0\xA0\x80", "\xE0\xA0\x80"},
    {"just below surrogates U+D7FF", "\xED\x9F\xBF", "\xED\x9F\xBF"},
    {"just above surrogates U+E000", "\xEE\x80\x80", "\xEE\x80\x80"},
    {"right quote", "don\xE2\x80\x99t", "don\xE2\x80\x99t"},
    {"four bytes emoji", "\xF0\x9F\x98\xA2", "\xF0\x9F\x98\xA2"},
    {"lowest four byte U+10000", "\xF0\x90\x80\x80", "\xF0\x90\x80\x80"},
    {"highest code point U+10FFFF", "\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF"},
    {"emoji zwj sequence", "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",
     "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"},
};

// Every class of ill-formed sequence, repaired by substituting maximal subparts.
const Case kInvalid[] = {
    {"lone continuation",
     "a\x80"
     "b",
     "a" + kFffd + "b"},
    {"two continuations", "\x80\xBF", kFffd + kFffd},
    {"overlong nul C0 80", "\xC0\x80", kFffd + kFffd},
    {"overlong C1 BF", "\xC1\xBF", kFffd + kFffd},
    {"overlong three byte E0 80 80", "\xE0\x80\x80", kFffd + kFffd + kFffd},
    {"overlong three byte E0 9F BF", "\xE0\x9F\xBF", kFffd + kFffd + kFffd},
    {"overlong four byte F0 8F BF BF", "\xF0\x8F\xBF\xBF", kFffd + kFffd + kFffd + kFffd},
    {"high surrogate ED A0 80", "\xED\xA0\x80", kFffd + kFffd + kFffd},
    {"low surrogate ED BF BF", "\xED\xBF\xBF", kFffd + kFffd + kFffd},
    {"above U+10FFFF F4 90 80 80", "\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd},
    {"lead F5", "\xF5\x80\x80\x80", kFffd + kFffd + kFffd + kFffd},
    {"byte FE", "x\xFE", "x" + kFffd},
    {"byte FF", "\xFFy", kFffd + "y"},
    {"truncated two byte at end", "ok\xC3", "ok" + kFffd},
    {"truncated three byte at end", "\xE2\x82", kFffd},
    {"truncated four byte at end", "\xF0\x9F\x98", kFffd},
    {"truncated then ascii",
     "\xE2\x82"
     "A",
     kFffd + "A"},
    {"truncated then valid char", "\xF0\x9F\xC3\xA9", kFffd + "\xC3\xA9"},
    {"lead then lead", "\xC3\xC3\xA9", kFffd + "\xC3\xA9"},
    // The example of Unicode 15 §3.9, "U+FFFD Substitution of Maximal Subparts".
    {"unicode example", "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
     "a" + kFffd + kFffd + kFffd + "b" + kFffd + "c" + kFffd + kFffd + "d"},
};

TEST(Utf8Test, ValidTextIsAcceptedAndRepairedUnchanged) {
  for (const Case& c : kValid) {
    SCOPED_TRACE(c.name);
    EXPECT_TRUE(is_valid_utf8(c.bytes));
    EXPECT_EQ(repair_utf8(c.bytes), c.repaired);
  }
}

TEST(Utf8Test, EveryClassOfIllFormedSequenceIsRejected) {
  for (const Case& c : kInvalid) {
    SCOPED_TRACE(c.name);
    EXPECT_FALSE(is_valid_utf8(c.bytes));
  }
}

TEST(Utf8Test, RepairReplacesEachMaximalSubpartWithOneReplacementCharacter) {
  for (const Case& c : kInvalid) {
    SCOPED_TRACE(c.name);
    const std::string repaired = repair_utf8(c.bytes);
    EXPECT_EQ(repaired, c.repaired);
    EXPECT_TRUE(is_valid_utf8(repaired));
  }
}

TEST(Utf8Test, RepairOfArbitraryBytesIsAlwaysValid) {
  std::mt19937 rng(20240601);  // fixed seed: the same bytes every run
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 2000; ++round) {
    std::string s(static_cast<std::size_t>(round % 40), '\0');
    for (char& ch : s) ch = static_cast<char>(byte(rng));
    const std::string repaired = repair_utf8(s);
    ASSERT_TRUE(is_valid_utf8(repaired)) << "round " << round;
    ASSERT_EQ(repair_utf8(repaired), repaired) << "round " << round;
    ASSERT_EQ(count_code_points(repaired), count_code_points(s)) << "round " << round;
  }
}

TEST(Utf8Test, DecodeGivesCodePointsAndLengths) {
  const std::string s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\xA2";
  const Utf8Char expected[] = {
      {U'a', 1, true}, {U'\u00E9', 2, true}, {U'\u20AC', 3, true}, {U'\U0001F622', 4, true}};
  std::size_t pos = 0;
  for (const Utf8Char& e : expected) {
    const Utf8Char c = decode_utf8(s, pos);
    EXPECT_EQ(c.code_point, e.code_point);
    EXPECT_EQ(c.length, e.length);
    EXPECT_TRUE(c.valid);
    pos += c.length;
  }
  EXPECT_EQ(pos, s.size());
  const Utf8Char bad = decode_utf8("\xED\xA0\x80", 0);
  EXPECT_FALSE(bad.valid);
  EXPECT_EQ(bad.code_point, kReplacementChar);
  EXPECT_EQ(bad.length, 1u);
}

TEST(Utf8Test, CountsCodePointsNotBytes) {
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(count_code_points("back"), 4u);
  EXPECT_EQ(count_code_points("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\xA2"), 8u);
  EXPECT_EQ(count_code_points(std::string(2000, 'x') + "\xC3\xA9"), 2001u);
  EXPECT_EQ(count_code_points("\xF0\x9F\x98"), 1u);  // one ill-formed subpart
}

TEST(Utf8Test, PrefixNeverCutsACharacterInHalf) {
  const std::string s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\xA2z";
  EXPECT_EQ(utf8_prefix(s, 0), "");
  EXPECT_EQ(utf8_prefix(s, 1), "a");
  EXPECT_EQ(utf8_prefix(s, 2), "a\xC3\xA9");
  EXPECT_EQ(utf8_prefix(s, 4), "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\xA2");
  EXPECT_EQ(utf8_prefix(s, 5), s);
  EXPECT_EQ(utf8_prefix(s, 100), s);
  EXPECT_EQ(count_code_points(utf8_prefix(std::string(3000, 'x'), 2000)), 2000u);
}

TEST(Utf8Test, AppendEncodesAndRefusesSurrogates) {
  std::string out;
  for (char32_t cp : {U'A', U'\u00E9', U'\u20AC', U'\U0001F622', U'\U0010FFFF'}) {
    append_utf8(out, cp);
  }
  EXPECT_EQ(out, "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\xA2\xF4\x8F\xBF\xBF");
  std::string bad;
  append_utf8(bad, 0xD800);
  append_utf8(bad, 0x110000);
  EXPECT_EQ(bad, kFffd + kFffd);
}

}  // namespace
}  // namespace backcoach
