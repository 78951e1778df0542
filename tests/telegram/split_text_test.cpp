#include "telegram/split_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace backcoach::telegram {
namespace {

std::string times(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

struct Case {
  const char* name;
  std::string text;
  std::size_t limit;
  std::vector<std::string> pieces;
};

TEST(SplitMessage, CutsAtTheBestBoundaryThatFits) {
  const std::string eacute = "\xC3\xA9";         // é: 2 bytes, 1 unit
  const std::string emoji = "\xF0\x9F\x98\x80";  // 😀: 4 bytes, 2 units
  const Case cases[] = {
      {"fits whole", "Hello there.", 20, {"Hello there."}},
      {"exactly the limit", "abcdefghij", 10, {"abcdefghij"}},
      {"blank is nothing", " \n\n ", 10, {}},
      {"surrounding space trimmed", "  hi  ", 10, {"hi"}},
      {"paragraph first",
       "First para one.\n\nSecond para.",
       20,
       {"First para one.", "Second para."}},
      {"paragraph over a later sentence end",
       "Aaaa aaaa aaa.\n\nBb. Cc dd ee ff gg",
       24,
       {"Aaaa aaaa aaa.", "Bb. Cc dd ee ff gg"}},
      {"line break next", "Line one is here\nline two", 20, {"Line one is here", "line two"}},
      {"sentence then",
       "One two three. Four five six seven.",
       20,
       {"One two three.", "Four five six seven."}},
      {"question and exclamation",
       "Is it ok? Yes it is! Go on now",
       12,
       {"Is it ok?", "Yes it is!", "Go on now"}},
      {"word when no sentence ends", "alpha beta gamma delta", 12, {"alpha beta", "gamma delta"}},
      {"a boundary too early is passed over",
       "a. bcdefghijklmnopqrs",
       10,
       {"a. bcdefgh", "ijklmnopqr", "s"}},
      {"hard cut keeps characters whole",
       times(eacute, 5),
       3,
       {times(eacute, 3), times(eacute, 2)}},
      {"an emoji counts two", times(emoji, 3), 4, {times(emoji, 2), emoji}},
      {"an emoji never split", "a" + emoji + emoji, 2, {"a", emoji, emoji}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(split_message(c.text, c.limit), c.pieces);
  }
}

TEST(SplitMessage, EveryPieceFitsTelegramsLimitAndNothingIsLost) {
  std::string text;
  for (int p = 0; p < 40; ++p) {
    text += times("Keep your back straight and breathe out as you lift. ", 6);
    text += p % 5 == 0 ? "\n" : "\n\n";
  }
  const auto pieces = split_message(text);
  ASSERT_GE(pieces.size(), 3u);
  std::string joined;
  for (const auto& piece : pieces) {
    EXPECT_LE(utf16_length(piece), kMaxMessageLength);
    if (&piece != &pieces.back()) {
      EXPECT_GT(utf16_length(piece), kMaxMessageLength / 2) << "a piece cut too early";
    }
    EXPECT_EQ(piece.back(), '.') << "a piece ends mid-sentence";
    joined += piece;
  }
  auto squeeze = [](std::string s) {
    std::erase_if(s, [](char c) { return c == ' ' || c == '\n'; });
    return s;
  };
  EXPECT_EQ(squeeze(joined), squeeze(text));
}

TEST(Utf16Length, CountsWhatTelegramCounts) {
  EXPECT_EQ(utf16_length(""), 0u);
  EXPECT_EQ(utf16_length("abc"), 3u);
  EXPECT_EQ(utf16_length("\xC3\xA9t\xC3\xA9"), 3u);
  EXPECT_EQ(utf16_length("\xF0\x9F\x98\x80"), 2u);
  EXPECT_EQ(utf16_length("\xFF"
                         "a"),
            2u);  // an ill-formed byte counts as one
}

}  // namespace
}  // namespace backcoach::telegram
