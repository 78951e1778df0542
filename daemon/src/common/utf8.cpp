#include "common/utf8.h"

#include <cstdint>

namespace backcoach {
namespace {

// Bounds on the second byte depend on the lead byte: that is where overlongs
// (E0 80.., F0 80..), surrogates (ED A0..) and code points > U+10FFFF (F4 90..)
// are ruled out. Every later byte is a plain continuation byte 80..BF.
struct LeadInfo {
  std::size_t length;  // 0: not a valid lead byte
  std::uint8_t second_lo;
  std::uint8_t second_hi;
};

LeadInfo lead_info(std::uint8_t b) {
  if (b < 0xC2) return {0, 0, 0};  // continuation bytes, and C0/C1 (always overlong)
  if (b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b <= 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};  // F5..FF never appear in UTF-8
}

std::uint8_t byte_at(std::string_view text, std::size_t i) {
  return static_cast<std::uint8_t>(text[i]);
}

}  // namespace

Utf8Char decode_utf8(std::string_view text, std::size_t pos) {
  const std::uint8_t b0 = byte_at(text, pos);
  if (b0 < 0x80) return {b0, 1, true};
  const LeadInfo info = lead_info(b0);
  if (info.length == 0) return {kReplacementChar, 1, false};

  char32_t cp = b0 & (0xFF >> (info.length + 1));
  for (std::size_t k = 1; k < info.length; ++k) {
    if (pos + k >= text.size()) return {kReplacementChar, k, false};  // truncated
    const std::uint8_t b = byte_at(text, pos + k);
    const std::uint8_t lo = k == 1 ? info.second_lo : 0x80;
    const std::uint8_t hi = k == 1 ? info.second_hi : 0xBF;
    if (b < lo || b > hi) return {kReplacementChar, k, false};
    cp = (cp << 6) | (b & 0x3F);
  }
  return {cp, info.length, true};
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (byte_at(text, i) < 0x80) {
      ++i;
      continue;
    }
    const Utf8Char c = decode_utf8(text, i);
    if (!c.valid) return false;
    i += c.length;
  }
  return true;
}

std::string repair_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t i = 0;
  while (i < text.size()) {
    const Utf8Char c = decode_utf8(text, i);
    if (c.valid) {
      out.append(text.substr(i, c.length));
    } else {
      append_utf8(out, kReplacementChar);
    }
    i += c.length;
  }
  return out;
}

std::size_t count_code_points(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++n) i += decode_utf8(text, i).length;
  return n;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_code_points) {
  std::size_t i = 0;
  for (std::size_t n = 0; n < max_code_points && i < text.size(); ++n) {
    i += decode_utf8(text, i).length;
  }
  return text.substr(0, i);
}

void append_utf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacementChar;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace backcoach
