#pragma once

#include <cstddef>
#include <string>

namespace backcoach {

// `n` bytes as base64url without padding (RFC 4648 §5): safe in URLs, file names and
// Telegram's start parameter. Pure; thread-safe.
std::string base64url(const unsigned char* data, std::size_t n);

}  // namespace backcoach
