#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dialogue/normalizer_config.h"

namespace backcoach::dialogue {

// Storage for the words a normalize() call makes ("25", "so"): one fixed heap
// block, never grown, so every view it hands out stays valid (even if the arena
// is moved) until it is destroyed. One per call; not thread-safe.
class TokenArena {
 public:
  explicit TokenArena(std::size_t capacity)
      : buf_(std::make_unique_for_overwrite<char[]>(capacity)), capacity_(capacity) {}

  // A view of a copy of `s`, or `fallback` when the capacity is used up.
  std::string_view keep(std::string_view s, std::string_view fallback) {
    if (s.size() > capacity_ - used_) return fallback;
    char* at = buf_.get() + used_;
    std::copy(s.begin(), s.end(), at);
    used_ += s.size();
    return {at, s.size()};
  }

 private:
  std::unique_ptr<char[]> buf_;
  std::size_t capacity_;
  std::size_t used_ = 0;
};

// Hashing that lets unordered containers of std::string be searched by string_view.
struct StringViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringViewHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringViewHash, std::equal_to<>>;

// The token-sequence stage of normalisation, after words are rewritten: phrases
// ("a couple of" -> "2"), number words ("twenty five" -> "25"), articles before
// numbers ("a 6" -> "6") and fractions ("7 / 10" -> "7 out of 10").
// Immutable after construction; rewrite() is thread-safe.
class TokenRewriter {
 public:
  using Tokens = std::vector<std::string_view>;

  explicit TokenRewriter(const NormalizerConfig& config);

  // Rewrites `tokens` in place; `spare` is a buffer to work in. New tokens view
  // `arena` or this rewriter's own tables.
  void rewrite(Tokens& tokens, Tokens& spare, TokenArena& arena) const;

 private:
  using Words = std::vector<std::string>;
  struct Phrase {
    Words rest;  // the tokens after the first one
    Words to;
  };

  void phrases_and_numbers(const Tokens& in, Tokens& out, TokenArena& arena) const;
  std::size_t match_phrase(const Tokens& in, std::size_t i, Tokens& out) const;
  std::size_t parse_number(const Tokens& in, std::size_t i, int& value) const;
  std::size_t parse_below_hundred(const Tokens& in, std::size_t i, int& value) const;
  void drop_articles(const Tokens& in, Tokens& out) const;
  void fractions(const Tokens& in, Tokens& out) const;

  StringMap<std::vector<Phrase>> phrases_;  // by first token, longest first
  StringMap<int> numbers_;
  StringSet articles_, conjunctions_, fraction_separators_;
  Words fraction_canonical_;
};

// "a b  c" -> {"a", "b", "c"}.
std::vector<std::string> split_on_spaces(std::string_view s);

}  // namespace backcoach::dialogue
