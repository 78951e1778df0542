#include "dialogue/pattern_text.h"

#include <algorithm>
#include <cctype>

namespace backcoach::dialogue {

RE2::Options pattern_options() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(true);  // text is already lower-cased by the normaliser
  return o;
}

std::unique_ptr<RE2> alternation(const std::vector<std::string>& parts, std::string& error) {
  if (parts.empty()) return nullptr;
  std::string joined;
  for (const auto& p : parts) {
    if (!joined.empty()) joined += '|';
    joined += "(?:" + p + ")";
  }
  auto re = std::make_unique<RE2>(joined, pattern_options());
  if (!re->ok()) error = re->error();
  return re;
}

std::vector<Span> spans(const RE2* re, std::string_view text) {
  std::vector<Span> out;
  if (re == nullptr) return out;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece m;
  std::size_t at = 0;
  while (at <= text.size() && re->Match(input, at, input.size(), RE2::UNANCHORED, &m, 1)) {
    const auto begin = static_cast<std::size_t>(m.data() - text.data());
    out.push_back({begin, begin + m.size()});
    at = begin + std::max<std::size_t>(m.size(), 1);
  }
  return out;
}

bool spelled_in(std::string_view source, std::string_view word) {
  if (word.empty()) return false;
  auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i = source.find(word); i != std::string_view::npos;
       i = source.find(word, i + 1)) {
    const bool before = i == 0 || !letter(source[i - 1]) || (i >= 2 && source[i - 2] == '\\');
    const std::size_t after = i + word.size();
    if (before && (after == source.size() || !letter(source[after]))) return true;
  }
  return false;
}

}  // namespace backcoach::dialogue
