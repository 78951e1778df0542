#include "dialogue/normalizer.h"

#include <algorithm>

#include "common/utf8.h"

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
// Normalizer's own tables, or into `arena`; all outlive the call's token lists.
// What the arena holds is never longer than what it replaces, twice over at most.
constexpr std::string_view kApostropheS = "'s";  // never a token otherwise: apostrophes go

struct Normalizer::Scratch {
  explicit Scratch(std::string mapped) : text(std::move(mapped)), arena(2 * text.size() + 32) {
    a.reserve(text.size() / 3 + 8);
  }
  std::string text;  // input after the character table
  TokenArena arena;  // words made during the call (squeezed, numbers, ...)
  std::string sq2, sq1, work;
  Tokens a, b;
};

Normalizer::Normalizer(const NormalizerConfig& config,
                       std::shared_ptr<const SpellingCorrector> spelling)
    : spelling_(std::move(spelling)), rewriter_(config) {
  for (int ch = 0; ch < 128; ++ch) {
    const bool control = ch < 0x20 || ch == 0x7F;
    const char lower =
        ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : static_cast<char>(ch);
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
    Words to = split_on_spaces(replacement);
    known_.insert(word);
    known_.insert(to.begin(), to.end());
    words_[word] = std::move(to);
  }
  for (const auto& [next, to] : config.s_contractions) {
    s_before_.emplace(next, to);
    known_.insert(to);
  }
  for (const auto& [suffix, replacement] : config.contraction_suffixes) {
    suffixes_.emplace_back(suffix, split_on_spaces(replacement));
  }
  known_.insert(config.known_words.begin(), config.known_words.end());
  for (const auto& [from, to] : config.phrases) {
    for (std::string& w : split_on_spaces(from)) known_.insert(std::move(w));
  }
  for (const auto& [word, value] : config.number_words) known_.insert(word);
  ordinals_ = config.ordinal_suffixes;
}

std::string Normalizer::normalize(std::string_view text) const {
  Scratch s(map_characters(text));
  tokenize(s, true);
  resolve_s(s);
  rewriter_.rewrite(s.a, s.b, s.arena);

  std::string out;
  out.reserve(s.text.size() + s.text.size() / 4 + 16);
  for (std::string_view t : s.a) {
    if (!out.empty()) out.push_back(' ');
    out.append(t);
  }
  return out;
}

std::vector<std::string> Normalizer::split(std::string_view text) const {
  Scratch s(map_characters(text));
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

std::string Normalizer::map_characters(std::string_view in) const {
  std::string out;
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
  return out;
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
    // Digits then letters, looking through apostrophes: the apostrophes go later,
    // and "90's" must come out as the same tokens as "90s".
    std::size_t p = k - 1;
    while (p > start && word[p] == '\'') --p;
    if (!is_digit(word[p]) || !is_letter(word[k])) continue;
    std::size_t m = k;
    while (m < word.size() && is_letter(word[m])) ++m;
    const std::string_view letters = word.substr(k, m - k);
    const bool ordinal = p == k - 1 && m == word.size() &&
                         std::find(ordinals_.begin(), ordinals_.end(), letters) != ordinals_.end();
    if (ordinal) continue;
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
  // "back's": the base word, then a mark that resolve_s reads with the next word.
  if (!s_before_.empty() && v.size() > 2 && v.ends_with(kApostropheS)) {
    emit_rewritten(v.substr(0, v.size() - 2), s);
    s.a.push_back(kApostropheS);
    return;
  }
  if (v.find('\'') != std::string_view::npos) {
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
    v = s.arena.keep(s.work, v);
  }
  // Squeezed after the apostrophes went, so that no new run of three appears later.
  if (has_letter_run(v) && !is_known(v)) {  // "sooo" but not "aaa" (aneurysm)
    squeeze(v, 2, s.sq2);
    squeeze(v, 1, s.sq1);
    const std::string& pick = !is_known(s.sq2) && is_known(s.sq1) ? s.sq1 : s.sq2;
    if (emit_known(pick, s)) return;
    v = s.arena.keep(pick, v);
  }
  if (spelling_ && !is_known(v)) {
    if (const auto meant = spelling_->correct(v)) {
      if (emit_known(*meant, s)) return;
      v = *meant;  // the corrector's own storage: it outlives the call
    }
  }
  s.a.push_back(v);
}

// Each "'s" mark becomes the word its follower asks for ("back 's been" -> "back has
// been"), or joins the word before it ("mum 's cancer" -> "mums cancer").
void Normalizer::resolve_s(Scratch& s) const {
  if (std::find(s.a.begin(), s.a.end(), kApostropheS) == s.a.end()) return;
  s.b.clear();
  for (std::size_t i = 0; i < s.a.size(); ++i) {
    if (s.a[i] != kApostropheS) {
      s.b.push_back(s.a[i]);
      continue;
    }
    const auto to = i + 1 < s.a.size() ? s_before_.find(s.a[i + 1]) : s_before_.end();
    if (to != s_before_.end()) {
      s.b.push_back(to->second);
    } else if (!s.b.empty()) {
      s.work.assign(s.b.back());
      s.work.push_back('s');
      s.b.back() = s.arena.keep(s.work, s.b.back());
    }
  }
  std::swap(s.a, s.b);
}

bool Normalizer::emit_known(std::string_view word, Scratch& s) const {
  const auto it = words_.find(word);
  if (it == words_.end()) return false;
  s.a.insert(s.a.end(), it->second.begin(), it->second.end());
  return true;
}

bool Normalizer::is_known(std::string_view word) const { return known_.contains(word); }

}  // namespace backcoach::dialogue
