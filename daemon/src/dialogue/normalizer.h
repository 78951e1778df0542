#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dialogue/normalizer_config.h"
#include "dialogue/spelling.h"
#include "dialogue/token_rewriter.h"

namespace backcoach::dialogue {

// Turns a chat message into the canonical text that intent patterns are written
// against. The canonical form (see docs/rule-language.md and intents/normalization.yaml):
//  - ASCII letters lower case; Unicode quotes, dashes, ellipsis and spaces mapped to
//    ASCII by the `characters` table; other non-ASCII characters kept as they are;
//  - tokens separated by exactly one space, nothing leading or trailing; "" for blank input;
//  - `. , ; : ! ? / - + % & ...` are tokens of their own; a run of one of them counts once
//    ("!!!" -> "!"), a run of dots is "..."; a dot between digits stays ("6.5");
//    a hyphen between letters separates words ("twenty-five" -> "twenty five");
//  - digits then letters split ("8ish" -> "8 ish", "10mins" -> "10 minutes") except
//    ordinals ("3rd"); a run of emoji or other symbols is one token;
//  - letters repeated 3+ times are squeezed to 2, or to 1 when only that is a known word;
//  - contractions, slang and typos rewritten word by word, then apostrophes dropped
//    ("don't" -> "do not", "child's" -> "childs"; "back's been" -> "back has been");
//  - a word neither ours nor English corrected to ours ("lowr" -> "lower"), when the
//    normaliser was given a SpellingCorrector;
//  - phrases rewritten ("a couple of" -> "2", "a week" -> "1 week");
//  - number words become digits ("twenty five" -> "25", "a hundred" -> "100");
//    an article before a number goes ("about a 6" -> "about 6"); "7/10", "7 / 10",
//    "7 of 10" and "seven outta ten" all become "7 out of 10"; "6-7" is "6 - 7".
// Negation words ("no", "not", "never", "without") are never removed.
//
// Immutable after construction; normalize() is thread-safe and allocation-light.
class Normalizer {
 public:
  // With `spelling`, a word that is neither ours nor English is corrected to ours
  // ("lowr" -> "lower") after the word rewrites.
  explicit Normalizer(const NormalizerConfig& config,
                      std::shared_ptr<const SpellingCorrector> spelling = nullptr);

  // `text` should be valid UTF-8 (see utf8.h); an ill-formed byte becomes U+FFFD.
  // Linear in the input length.
  std::string normalize(std::string_view text) const;

  // Starts reading the spelling's word lists on a thread of their own (see spelling.h).
  void read_ahead() const {
    if (spelling_) spelling_->read_ahead();
  }

  // The tokens of `text` after the character table and splitting only, before any
  // word, phrase or number rewriting. The loader uses it to check that config keys
  // are tokens the normalizer can actually see.
  std::vector<std::string> split(std::string_view text) const;

 private:
  using Tokens = std::vector<std::string_view>;
  using Words = std::vector<std::string>;
  struct Scratch;  // per-call buffers (normalizer.cpp)

  std::string map_characters(std::string_view in) const;
  void append_ascii(char c, std::string& out) const;
  static std::size_t scan_word(std::string_view t, std::size_t i);
  void tokenize(Scratch& s, bool rewrite) const;
  void emit_word(std::string_view word, Scratch& s, bool rewrite) const;
  void emit(std::string_view token, Scratch& s, bool rewrite) const;
  void emit_rewritten(std::string_view word, Scratch& s) const;
  bool emit_known(std::string_view word, Scratch& s) const;
  bool is_known(std::string_view word) const;
  void resolve_s(Scratch& s) const;

  std::string ascii_[128];  // replacement of each ASCII character
  std::unordered_map<char32_t, std::string> unicode_;
  StringMap<Words> words_;
  std::vector<std::pair<std::string, Words>> suffixes_;
  std::shared_ptr<const SpellingCorrector> spelling_;
  std::unordered_map<std::string, std::string, StringViewHash, std::equal_to<>> s_before_;
  StringSet known_;
  std::vector<std::string> ordinals_;
  TokenRewriter rewriter_;
};

}  // namespace backcoach::dialogue
