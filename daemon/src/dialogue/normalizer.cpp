#include "dialogue/normalizer.h"

#include <algorithm>
#include <charconv>

#include "dialogue/utf8.h"

namespace backcoach::dialogue {
namespace {

bool is_letter(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_letter(c) || is_digit(c); }

// Latin, Greek, Cyrillic, Hebrew, Arabic, Indic... letters and combining marks sit
// below U+2000; from there on (general punctuation, symbols, emoji, CJK) a character
// is treated as a symbol, so "pain😢" splits into "pain" and "😢". The Latin-1 signs
// (¡ ° ± ½ × ÷ ...) are symbols too.
bool is_word_code_point(char32_t cp) {
  if (cp < 0x80 || cp >= 0x2000) return false;
  if (cp >= 0xA1 && cp <= 0xBF) return false;
  return cp != 0xD7 && cp != 0xF7;
}

// True when a word character starts at byte `i`; `len` gets its byte length.
bool word_char_at(std::string_view t, std::size_t i, std::size_t& len) {
  if (i >= t.size()) return false;
  const char c = t[i];
  if (is_alnum(c)) {
    len = 1;
    return true;
  }
  if (static_cast<unsigned char>(c) < 0x80) return false;
  const Utf8Char u = decode_utf8(t, i);
  len = u.length;
  return u.valid && is_word_code_point(u.code_point);
}

std::vector<std::string> split_spaces(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t j = std::min(s.find(' ', i), s.size());
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

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

bool has_letter_run(std::string_view w) {
  for (std::size_t k = 2; k < w.size(); ++k) {
    if (is_letter(w[k]) && w[k] == w[k - 1] && w[k] == w[k - 2]) return true;
  }
  return false;
}

// Each run of 3+ equal letters cut down to `keep` letters; everything else as is.
void squeeze(std::string_view w, std::size_t keep, std::string& out) {
  out.clear();
  std::size_t k = 0;
  while (k < w.size()) {
    std::size_t m = k;
    while (m < w.size() && w[m] == w[k]) ++m;
    const std::size_t run = m - k;
    out.append(is_letter(w[k]) && run >= 3 ? keep : run, w[k]);
    k = m;
  }
}

}  // namespace

// Buffers for one normalize() call. Tokens are views into `text`, into the
// Normalizer's own tables, or into `arena`, which is reserved up front and never
// grows past its capacity, so views into it stay valid for the whole call.
struct Normalizer::Scratch {
  std::string text;   // input after the character table
  std::string arena;  // words made during the call (squeezed, numbers, ...)
  std::string sq2, sq1, work;
  Tokens a, b;

  // `s` copied into the arena, or `fallback` when the arena is full (it never is in
  // practice: what is made is never longer than twice what it replaces).
  std::string_view keep(std::string_view s, std::string_view fallback) {
    if (arena.size() + s.size() > arena.capacity()) return fallback;
    const std::size_t at = arena.size();
    arena.append(s);
    return {arena.data() + at, s.size()};
  }
};

Normalizer::Normalizer(const NormalizerConfig& config) {
  for (int ch = 0; ch < 128; ++ch) {
    const bool control = ch < 0x20 || ch == 0x7F;
    const char lower = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : static_cast<char>(ch);
    ascii_[ch] = control ? std::string(" ") : std::string(1, lower);
  }
  for (const auto& [cp, replacement] : config.characters) {
    if (cp < 128) {
      ascii_[cp] = replacement;
    } else {
      unicode_[cp] = replacement;
    }
  }
  for (const auto& [word, replacement] : config.words) {
    Words to = split_spaces(replacement);
    known_.insert(word);
    known_.insert(to.begin(), to.end());
    words_[word] = std::move(to);
  }
  for (const auto& [suffix, replacement] : config.contraction_suffixes) {
    suffixes_.emplace_back(suffix, split_spaces(replacement));
  }
  known_.insert(config.known_words.begin(), config.known_words.end());
  for (const auto& [from, to] : config.phrases) {
    Words tokens = split_spaces(from);
    if (tokens.empty()) continue;
    known_.insert(tokens.begin(), tokens.end());
    Phrase p{Words(tokens.begin() + 1, tokens.end()), split_spaces(to)};
    phrases_[tokens.front()].push_back(std::move(p));
  }
  for (auto& [first, list] : phrases_) {
    std::stable_sort(list.begin(), list.end(), [](const Phrase& x, const Phrase& y) {
      return x.rest.size() > y.rest.size();
    });
  }
  for (const auto& [word, value] : config.number_words) {
    numbers_[word] = value;
    known_.insert(word);
  }
  articles_.insert(config.number_articles.begin(), config.number_articles.end());
  conjunctions_.insert(config.number_conjunctions.begin(), config.number_conjunctions.end());
  fraction_separators_.insert(config.fraction_separators.begin(), config.fraction_separators.end());
  ordinals_ = config.ordinal_suffixes;
  fraction_canonical_ = split_spaces(config.fraction_canonical);
}

std::string Normalizer::normalize(std::string_view text) const {
  Scratch s;
  map_characters(text, s.text);
  s.arena.reserve(2 * s.text.size() + 32);
  s.a.reserve(s.text.size() / 3 + 8);
  tokenize(s, true);
  rewrite_phrases_and_numbers(s);
  rewrite_numerals(s);

  std::string out;
  out.reserve(s.text.size() + s.text.size() / 4 + 16);
  for (std::string_view t : s.a) {
    if (!out.empty()) out.push_back(' ');
    out.append(t);
  }
  return out;
}

std::vector<std::string> Normalizer::split(std::string_view text) const {
  Scratch s;
  map_characters(text, s.text);
  tokenize(s, false);
  return {s.a.begin(), s.a.end()};
}

void Normalizer::append_ascii(char c, std::string& out) const {
  const std::string& r = ascii_[static_cast<unsigned char>(c)];
  if (r.size() == 1) {
    out.push_back(r[0]);
  } else {
    out.append(r);
  }
}

void Normalizer::map_characters(std::string_view in, std::string& out) const {
  out.clear();
  out.reserve(in.size() + 16);
  std::size_t i = 0;
  while (i < in.size()) {
    if (static_cast<unsigned char>(in[i]) < 0x80) {
      append_ascii(in[i++], out);
      continue;
    }
    const Utf8Char c = decode_utf8(in, i);
    const auto it = c.valid ? unicode_.find(c.code_point) : unicode_.end();
    if (it != unicode_.end()) {
      for (char r : it->second) {
        if (static_cast<unsigned char>(r) < 0x80) {
          append_ascii(r, out);
        } else {
          out.push_back(r);
        }
      }
    } else if (c.valid) {
      out.append(in.substr(i, c.length));
    } else {
      append_utf8(out, kReplacementChar);
    }
    i += c.length;
  }
}

std::size_t Normalizer::scan_word(std::string_view t, std::size_t i) {
  std::size_t j = i;
  std::size_t len = 0;
  while (j < t.size()) {
    if (word_char_at(t, j, len)) {
      j += len;
    } else if (t[j] == '\'' && word_char_at(t, j + 1, len)) {
      ++j;  // inside a word: "don't"; at either end it is a quote mark
    } else if (t[j] == '.' && is_digit(t[j - 1]) && j + 1 < t.size() && is_digit(t[j + 1])) {
      ++j;  // decimal point: "6.5"
    } else {
      break;
    }
  }
  return j;
}

void Normalizer::tokenize(Scratch& s, bool rewrite) const {
  const std::string_view t = s.text;
  std::size_t i = 0;
  std::size_t len = 0;
  while (i < t.size()) {
    const char c = t[i];
    if (c == ' ') {
      ++i;
    } else if (word_char_at(t, i, len)) {
      const std::size_t j = scan_word(t, i);
      emit_word(t.substr(i, j - i), s, rewrite);
      i = j;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      std::size_t j = i + len;  // a run of symbols (an emoji sequence) is one token
      while (j < t.size() && static_cast<unsigned char>(t[j]) >= 0x80 && !word_char_at(t, j, len)) {
        j += len;
      }
      emit(t.substr(i, j - i), s, rewrite);
      i = j;
    } else {
      std::size_t j = i;
      while (j < t.size() && t[j] == c) ++j;
      // A hyphen joining two words separates them ("twenty-five", "x-ray"); between
      // two digits it is a range ("6-7"). A stray apostrophe is a quote mark.
      const bool joins_words = c == '-' && j - i == 1 && i > 0 && j < t.size() &&
                               is_alnum(t[i - 1]) && is_alnum(t[j]) &&
                               !(is_digit(t[i - 1]) && is_digit(t[j]));
      if (c != '\'' && !joins_words) {
        emit(c == '.' && j - i >= 2 ? std::string_view("...") : t.substr(i, 1), s, rewrite);
      }
      i = j;
    }
  }
}

void Normalizer::emit_word(std::string_view word, Scratch& s, bool rewrite) const {
  std::size_t start = 0;
  for (std::size_t k = 1; k < word.size(); ++k) {
    if (!is_digit(word[k - 1]) || !is_letter(word[k])) continue;
    std::size_t m = k;
    while (m < word.size() && is_letter(word[m])) ++m;
    const std::string_view letters = word.substr(k, m - k);
    if (std::find(ordinals_.begin(), ordinals_.end(), letters) != ordinals_.end()) continue;
    emit(word.substr(start, k - start), s, rewrite);  // "8ish" -> "8" "ish"
    start = k;
  }
  emit(word.substr(start), s, rewrite);
}

void Normalizer::emit(std::string_view token, Scratch& s, bool rewrite) const {
  if (rewrite) {
    emit_rewritten(token, s);
  } else {
    s.a.push_back(token);
  }
}

void Normalizer::emit_rewritten(std::string_view w, Scratch& s) const {
  if (emit_known(w, s)) return;
  std::string_view v = w;
  if (has_letter_run(v) && !is_known(v)) {  // "sooo" but not "aaa" (aneurysm)
    squeeze(v, 2, s.sq2);
    squeeze(v, 1, s.sq1);
    const std::string& pick = !is_known(s.sq2) && is_known(s.sq1) ? s.sq1 : s.sq2;
    if (emit_known(pick, s)) return;
    v = s.keep(pick, v);
  }
  if (v.find('\'') == std::string_view::npos) {
    s.a.push_back(v);
    return;
  }
  for (const auto& [suffix, to] : suffixes_) {
    if (v.size() > suffix.size() && v.ends_with(suffix)) {
      emit_rewritten(v.substr(0, v.size() - suffix.size()), s);  // "should" of "shouldn't"
      s.a.insert(s.a.end(), to.begin(), to.end());
      return;
    }
  }
  s.work.clear();
  for (char c : v) {
    if (c != '\'') s.work.push_back(c);
  }
  if (emit_known(s.work, s)) return;  // "does'nt" -> "doesnt" -> "does not"
  s.a.push_back(s.keep(s.work, v));
}

bool Normalizer::emit_known(std::string_view word, Scratch& s) const {
  const auto it = words_.find(word);
  if (it == words_.end()) return false;
  s.a.insert(s.a.end(), it->second.begin(), it->second.end());
  return true;
}

bool Normalizer::is_known(std::string_view word) const { return known_.contains(word); }

void Normalizer::rewrite_phrases_and_numbers(Scratch& s) const {
  s.b.clear();
  s.b.reserve(s.a.size() + 8);
  std::size_t i = 0;
  while (i < s.a.size()) {
    if (const std::size_t used = match_phrase(s.a, i, s.b)) {
      i += used;
      continue;
    }
    int value = 0;
    if (const std::size_t used = parse_number(s.a, i, value)) {
      char buf[16];
      const auto r = std::to_chars(buf, buf + sizeof buf, value);
      const std::string_view digits = s.keep({buf, static_cast<std::size_t>(r.ptr - buf)}, {});
      if (!digits.empty()) {
        s.b.push_back(digits);
        i += used;
        continue;
      }
    }
    s.b.push_back(s.a[i++]);
  }
}

std::size_t Normalizer::match_phrase(const Tokens& in, std::size_t i, Tokens& out) const {
  const auto it = phrases_.find(in[i]);
  if (it == phrases_.end()) return 0;
  for (const Phrase& p : it->second) {
    if (i + 1 + p.rest.size() > in.size()) continue;
    if (!std::equal(p.rest.begin(), p.rest.end(), in.begin() + static_cast<std::ptrdiff_t>(i + 1))) {
      continue;
    }
    out.insert(out.end(), p.to.begin(), p.to.end());
    return 1 + p.rest.size();
  }
  return 0;
}

// [article | below-hundred] [hundred [conjunction] [below-hundred]]:
// "seven", "twenty five", "a hundred", "two hundred and five".
std::size_t Normalizer::parse_number(const Tokens& in, std::size_t i, int& value) const {
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

std::size_t Normalizer::parse_below_hundred(const Tokens& in, std::size_t i, int& value) const {
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

void Normalizer::rewrite_numerals(Scratch& s) const {
  const Tokens& in = s.b;
  s.a.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    const bool next_is_numeral = i + 1 < in.size() && is_numeral(in[i + 1]);
    if (next_is_numeral && articles_.contains(in[i])) continue;  // "about a 6"
    s.a.push_back(in[i]);
    if (is_numeral(in[i]) && i + 2 < in.size() && fraction_separators_.contains(in[i + 1]) &&
        is_numeral(in[i + 2])) {
      s.a.insert(s.a.end(), fraction_canonical_.begin(), fraction_canonical_.end());
      s.a.push_back(in[i + 2]);  // "7/10", "7 of 10" -> "7 out of 10"
      i += 2;
    }
  }
}

}  // namespace backcoach::dialogue
