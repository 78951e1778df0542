#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace backcoach {

// UTF-8 checks for untrusted text (chat messages), following Unicode 15 §3.9
// (Table 3-7): overlong forms, surrogates (U+D800..U+DFFF), code points above
// U+10FFFF and truncated sequences are all ill-formed. Pure functions; thread-safe.

inline constexpr char32_t kReplacementChar = U'\uFFFD';

// One decoding step: the code point at a byte offset and how many bytes it used.
struct Utf8Char {
  char32_t code_point = 0;  // kReplacementChar when !valid
  std::size_t length = 0;   // bytes consumed, >= 1 whenever pos < text.size()
  bool valid = false;       // false: `length` bytes form a maximal ill-formed subpart
};

// Decodes the character starting at `pos` (< text.size()). An ill-formed sequence
// is consumed as its maximal subpart (Unicode's "substitution of maximal subparts"),
// so repeated calls never stall and never swallow a following valid character.
Utf8Char decode_utf8(std::string_view text, std::size_t pos);

// True when every byte of `text` belongs to a well-formed UTF-8 sequence.
bool is_valid_utf8(std::string_view text);

// `text` with each maximal ill-formed subpart replaced by U+FFFD (EF BF BD).
// The result is always valid UTF-8; valid input comes back unchanged.
std::string repair_utf8(std::string_view text);

// Number of code points; an ill-formed subpart counts as one (as repair_utf8 would make it).
std::size_t count_code_points(std::string_view text);

// The longest prefix of `text` with at most `max_code_points` code points, never
// cutting a character in half. Ill-formed subparts count as one code point each.
std::string_view utf8_prefix(std::string_view text, std::size_t max_code_points);

// Appends the UTF-8 encoding of `cp` (kReplacementChar for surrogates / > U+10FFFF).
void append_utf8(std::string& out, char32_t cp);

}  // namespace backcoach
