#pragma once

#include <string>
#include <string_view>

namespace backcoach {

// The SHA-256 digest of `bytes` as 64 lowercase hex digits (OpenSSL). Pure; thread-safe.
std::string sha256_hex(std::string_view bytes);

}  // namespace backcoach
