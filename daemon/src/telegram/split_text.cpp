#include "telegram/split_text.h"

#include <array>

#include "common/utf8.h"

namespace backcoach::telegram {
namespace {

constexpr std::string_view kSpace = " \t\r\n";

std::size_t units(char32_t cp) { return cp > 0xFFFF ? 2 : 1; }

// Bytes of the longest prefix of `text` within `limit` UTF-16 units (at least one character).
std::size_t fitting_prefix(std::string_view text, std::size_t limit) {
  std::size_t pos = 0, used = 0;
  while (pos < text.size()) {
    const auto c = decode_utf8(text, pos);
    used += units(c.code_point);
    if (used > limit && pos > 0) break;
    pos += c.length;
  }
  return pos;
}

// End of the last sentence in `window` (just past its punctuation) at or after `from`.
std::size_t last_sentence_end(std::string_view window, std::size_t from) {
  static constexpr std::array<std::string_view, 4> kEnds = {". ", "! ", "? ", "\xE2\x80\xA6 "};
  std::size_t best = std::string_view::npos;
  for (const auto end : kEnds) {
    const auto at = window.rfind(end);
    if (at != std::string_view::npos && at >= from &&
        (best == std::string_view::npos || at + end.size() - 1 > best)) {
      best = at + end.size() - 1;
    }
  }
  return best;
}

// Where to cut `window` (the part that fits): the best boundary in its second half.
std::size_t cut_point(std::string_view window) {
  const std::size_t half = window.size() / 2;
  for (const std::string_view sep : {"\n\n", "\n"}) {
    const auto at = window.rfind(sep);
    if (at != std::string_view::npos && at >= half) return at;
  }
  if (const auto at = last_sentence_end(window, half); at != std::string_view::npos) return at;
  const auto space = window.find_last_of(" \t");
  if (space != std::string_view::npos && space >= half) return space;
  return window.size();
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

}  // namespace

std::size_t utf16_length(std::string_view text) {
  std::size_t pos = 0, used = 0;
  while (pos < text.size()) {
    const auto c = decode_utf8(text, pos);
    used += units(c.code_point);
    pos += c.length;
  }
  return used;
}

std::vector<std::string> split_message(std::string_view text, std::size_t limit) {
  std::vector<std::string> pieces;
  std::string_view rest = trim(text);
  while (!rest.empty()) {
    const std::size_t fits = fitting_prefix(rest, limit);
    const std::size_t cut = fits == rest.size() ? fits : cut_point(rest.substr(0, fits));
    if (const auto piece = trim(rest.substr(0, cut)); !piece.empty()) {
      pieces.emplace_back(piece);
    }
    rest = trim(rest.substr(cut));
  }
  return pieces;
}

}  // namespace backcoach::telegram
