#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace backcoach {

// base64url without padding (RFC 4648 section 5), as JWTs, widget tokens and Web Push
// keys spell bytes. Both directions go through OpenSSL's base64 (EVP_EncodeBlock /
// EVP_DecodeBlock) with the two letters of the URL alphabet swapped in and out.
std::string base64url_encode(std::string_view bytes);

// The bytes `text` spells, padded or not; nullopt when it is not base64url (a
// character outside the alphabet, a length no encoding has).
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace backcoach
