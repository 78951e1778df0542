#include "net/request_signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <boost/algorithm/hex.hpp>
#include <charconv>
#include <iterator>

namespace backcoach::net {

std::string sign_v1(std::string_view key, std::string_view timestamp, std::string_view body) {
  std::string message;
  message.reserve(timestamp.size() + 1 + body.size());
  message.append(timestamp).append(".").append(body);
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &length);
  std::string out = "v1=";
  boost::algorithm::hex_lower(mac.begin(), mac.begin() + length, std::back_inserter(out));
  return out;
}

SignatureCheck check_v1(std::string_view key, std::string_view timestamp,
                        std::string_view signature, std::string_view body,
                        std::int64_t now_seconds) {
  if (timestamp.empty() || signature.empty()) return SignatureCheck::missing;
  std::int64_t sent = 0;
  const auto [end, ec] =
      std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), sent);
  if (ec != std::errc{} || end != timestamp.data() + timestamp.size()) {
    return SignatureCheck::bad_timestamp;
  }
  // Written so that no timestamp, however far off, overflows.
  if (sent > now_seconds + kSignatureToleranceSeconds ||
      sent < now_seconds - kSignatureToleranceSeconds) {
    return SignatureCheck::stale;
  }
  const std::string expected = sign_v1(key, timestamp, body);
  if (signature.size() != expected.size() ||
      CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    return SignatureCheck::mismatch;
  }
  return SignatureCheck::ok;
}

}  // namespace backcoach::net
