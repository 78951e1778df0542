#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace backcoach::telegram {

// Telegram refuses a message text over 4096 characters. It counts UTF-16 code units (an
// emoji outside the BMP is two), which is never fewer than code points, so that is what is
// counted here: a piece that fits by this count fits by either.
inline constexpr std::size_t kMaxMessageLength = 4096;

// Length of `text` in UTF-16 code units; an ill-formed UTF-8 subpart counts as one.
std::size_t utf16_length(std::string_view text);

// `text` cut into pieces of at most `limit` UTF-16 units (limit >= 2), each cut at the best
// boundary in the second half of the room left: a paragraph break, else a line break, else
// the end of a sentence (. ! ? … then a space), else a space, else between two characters
// (never inside one). The whitespace at a cut is dropped; no piece is empty; text that fits
// comes back whole, and blank text as no piece at all. Pure; thread-safe.
std::vector<std::string> split_message(std::string_view text,
                                       std::size_t limit = kMaxMessageLength);

}  // namespace backcoach::telegram
