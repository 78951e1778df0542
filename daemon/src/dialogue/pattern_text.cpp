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

std::string alternation_source(const std::vector<std::string>& parts) {
  std::string joined;
  for (const auto& p : parts) {
    if (!joined.empty()) joined += '|';
    joined += "(?:" + p + ")";
  }
  return joined;
}

std::unique_ptr<RE2> alternation(const std::vector<std::string>& parts, std::string& error) {
  if (parts.empty()) return nullptr;
  auto re = std::make_unique<RE2>(alternation_source(parts), pattern_options());
  if (!re->ok()) error = re->error();
  return re;
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The length of a counted repetition "{m}", "{m,}" or "{m,n}" at `at`, or 0.
std::size_t repetition_at(std::string_view p, std::size_t at) {
  std::size_t i = at + 1;
  const std::size_t first = i;
  while (i < p.size() && is_digit(p[i])) ++i;
  if (i == first) return 0;
  if (i < p.size() && p[i] == ',') {
    ++i;
    while (i < p.size() && is_digit(p[i])) ++i;
  }
  return i < p.size() && p[i] == '}' ? i + 1 - at : 0;
}

}  // namespace

std::string unbounded(std::string_view p) {
  std::string out;
  out.reserve(p.size());
  bool in_class = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {  // an escape is copied whole, "\x{41}" too
      std::size_t end = i + 2;
      if (p[i + 1] == 'x' || p[i + 1] == 'p' || p[i + 1] == 'P') {
        if (end < p.size() && p[end] == '{') {
          const auto close = p.find('}', end);
          end = close == std::string_view::npos ? p.size() : close + 1;
        }
      }
      out.append(p.substr(i, end - i));
      i = end - 1;
      continue;
    }
    if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
      out += c;
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];  // a leading ']' is literal
      continue;
    } else if (c == '{') {
      if (const std::size_t n = repetition_at(p, i); n > 0) {
        out += '*';
        i += n - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
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

std::string set_failure(const RE2::Set::ErrorInfo& info, std::string_view what) {
  std::string why =
      info.kind == RE2::Set::kOutOfMemory ? "RE2 DFA out of memory" : "RE2 set match failed";
  if (!what.empty()) why.append(" (").append(what).append(")");
  return why;
}

}  // namespace backcoach::dialogue
