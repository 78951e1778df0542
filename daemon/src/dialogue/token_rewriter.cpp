#include "dialogue/token_rewriter.h"

#include <algorithm>
#include <charconv>
#include <utility>

namespace backcoach::dialogue {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Digits with at most one dot, and that dot between digits: "7", "6.5".
bool is_numeral(std::string_view t) {
  if (t.empty() || !is_digit(t.front()) || !is_digit(t.back())) return false;
  int dots = 0;
  for (char c : t) {
    if (c == '.') {
      ++dots;
    } else if (!is_digit(c)) {
      return false;
    }
  }
  return dots <= 1;
}

}  // namespace

std::vector<std::string> split_on_spaces(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t j = std::min(s.find(' ', i), s.size());
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

TokenRewriter::TokenRewriter(const NormalizerConfig& config) {
  for (const auto& [from, to] : config.phrases) {
    Words tokens = split_on_spaces(from);
    if (tokens.empty()) continue;
    Phrase p{Words(tokens.begin() + 1, tokens.end()), split_on_spaces(to)};
    phrases_[tokens.front()].push_back(std::move(p));
  }
  for (auto& [first, list] : phrases_) {
    std::stable_sort(list.begin(), list.end(), [](const Phrase& x, const Phrase& y) {
      return x.rest.size() > y.rest.size();
    });
  }
  numbers_.insert(config.number_words.begin(), config.number_words.end());
  articles_.insert(config.number_articles.begin(), config.number_articles.end());
  conjunctions_.insert(config.number_conjunctions.begin(), config.number_conjunctions.end());
  fraction_separators_.insert(config.fraction_separators.begin(), config.fraction_separators.end());
  fraction_canonical_ = split_on_spaces(config.fraction_canonical);
}

void TokenRewriter::rewrite(Tokens& tokens, Tokens& spare, TokenArena& arena) const {
  phrases_and_numbers(tokens, spare, arena);
  drop_articles(spare, tokens);
  fractions(tokens, spare);
  std::swap(tokens, spare);
}

void TokenRewriter::phrases_and_numbers(const Tokens& in, Tokens& out, TokenArena& arena) const {
  out.clear();
  out.reserve(in.size() + 8);
  std::size_t i = 0;
  while (i < in.size()) {
    if (const std::size_t used = match_phrase(in, i, out)) {
      i += used;
      continue;
    }
    int value = 0;
    if (const std::size_t used = parse_number(in, i, value)) {
      char buf[16];
      const auto r = std::to_chars(buf, buf + sizeof buf, value);
      const std::string_view digits = arena.keep({buf, static_cast<std::size_t>(r.ptr - buf)}, {});
      if (!digits.empty()) {
        out.push_back(digits);
        i += used;
        continue;
      }
    }
    out.push_back(in[i++]);
  }
}

std::size_t TokenRewriter::match_phrase(const Tokens& in, std::size_t i, Tokens& out) const {
  const auto it = phrases_.find(in[i]);
  if (it == phrases_.end()) return 0;
  for (const Phrase& p : it->second) {
    if (i + 1 + p.rest.size() > in.size()) continue;
    if (!std::equal(p.rest.begin(), p.rest.end(),
                    in.begin() + static_cast<std::ptrdiff_t>(i + 1))) {
      continue;
    }
    out.insert(out.end(), p.to.begin(), p.to.end());
    return 1 + p.rest.size();
  }
  return 0;
}

// [article | below-hundred] [hundred [conjunction] [below-hundred]]:
// "seven", "twenty five", "a hundred", "two hundred and five".
std::size_t TokenRewriter::parse_number(const Tokens& in, std::size_t i, int& value) const {
  const auto is_hundred = [&](std::size_t k) {
    if (k >= in.size()) return false;
    const auto it = numbers_.find(in[k]);
    return it != numbers_.end() && it->second == 100;
  };
  std::size_t j = i;
  int v = 1;  // "hundred" and "a hundred" are 100
  bool have = false;
  if (articles_.contains(in[j]) && is_hundred(j + 1)) {
    ++j;
  } else if (const std::size_t used = parse_below_hundred(in, j, v)) {
    j += used;
    have = true;
  }
  if (is_hundred(j)) {
    v *= 100;
    ++j;
    have = true;
    std::size_t k = j;
    if (k < in.size() && conjunctions_.contains(in[k])) ++k;
    int rest = 0;
    if (const std::size_t used = parse_below_hundred(in, k, rest)) {
      v += rest;
      j = k + used;
    }
  }
  value = v;
  return have ? j - i : 0;
}

std::size_t TokenRewriter::parse_below_hundred(const Tokens& in, std::size_t i, int& value) const {
  if (i >= in.size()) return 0;
  const auto it = numbers_.find(in[i]);
  if (it == numbers_.end() || it->second >= 100) return 0;
  value = it->second;
  if (value < 20 || i + 1 >= in.size()) return 1;
  const auto unit = numbers_.find(in[i + 1]);
  if (unit == numbers_.end() || unit->second < 1 || unit->second > 9) return 1;
  value += unit->second;  // "twenty five"
  return 2;
}

void TokenRewriter::drop_articles(const Tokens& in, Tokens& out) const {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (articles_.contains(in[i])) {  // "about a 6" -> "about 6"
      std::size_t j = i + 1;
      while (j < in.size() && articles_.contains(in[j])) ++j;
      if (j < in.size() && is_numeral(in[j])) continue;
    }
    out.push_back(in[i]);
  }
}

void TokenRewriter::fractions(const Tokens& in, Tokens& out) const {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    out.push_back(in[i]);
    if (is_numeral(in[i]) && i + 2 < in.size() && fraction_separators_.contains(in[i + 1]) &&
        is_numeral(in[i + 2])) {
      // "7/10", "7 of 10" -> "7 out of 10"; the 10 may start the next one.
      out.insert(out.end(), fraction_canonical_.begin(), fraction_canonical_.end());
      ++i;
    }
  }
}

}  // namespace backcoach::dialogue
