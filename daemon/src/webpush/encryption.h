#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/errc.h"
#include "webpush/ec_key.h"

namespace backcoach::webpush {

// Where a browser receives pushes: its PushSubscription's keys, raw bytes.
struct SubscriberKeys {
  std::string p256dh;  // the user agent's public point, 65 bytes
  std::string auth;    // the authentication secret, 16 bytes
};

// The 4096-byte record every push service accepts (RFC 8291 section 4 asks no more).
constexpr std::uint32_t kRecordSize = 4096;

// Encrypts a push message for one subscriber (RFC 8291, "aes128gcm" of RFC 8188):
// ECDH between `sender` (a one-time key pair) and the subscriber's key, HKDF-SHA256
// with the auth secret into the key and nonce, one AES-128-GCM record of
// `plaintext` followed by the last-record delimiter (0x02) and `padding` zero bytes.
// The result is the whole request body: the header (salt, record size, the
// sender's public point as key id) and the record. `salt` is 16 random bytes,
// never used twice with one sender key.
// errc::invalid_argument for malformed keys or salt, errc::too_large when the
// message does not fit one record; errc::unavailable when OpenSSL fails.
result<std::string> encrypt_aes128gcm(std::string_view plaintext, const SubscriberKeys& to,
                                      const EcKey& sender, std::string_view salt,
                                      std::size_t padding = 0,
                                      std::uint32_t record_size = kRecordSize);

// The same with a fresh sender key pair and salt from OpenSSL's generator: what a
// real message uses.
result<std::string> encrypt_push_message(std::string_view plaintext, const SubscriberKeys& to);

}  // namespace backcoach::webpush
