#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/errc.h"

namespace backcoach::service {

// Signs and verifies widget tokens. A token is "<user id>.<mac>" where mac is
// the base64url (unpadded) HMAC-SHA256 of the user id under the server secret,
// so a token names its user and cannot be forged without the secret.
// Immutable after construction; safe from any thread.
class TokenSigner {
 public:
  // `secret`: raw key bytes (at least 32).
  explicit TokenSigner(std::string secret) : secret_(std::move(secret)) {}

  std::string sign(std::string_view user_id) const;

  // The user id when the token is well formed and its mac matches (compared in
  // constant time); nullopt otherwise.
  std::optional<std::string> verify(std::string_view token) const;

 private:
  std::string mac(std::string_view user_id) const;

  std::string secret_;
};

// Reads the secret kept at `path`, or creates it there on first start: 32 random
// bytes from OpenSSL, hex-encoded, file mode 0600 (created atomically with O_EXCL).
// Fails on an unreadable or malformed file, or one readable by group or others.
result<std::string> load_or_create_secret(const std::string& path);

// Reads a secret file that must exist (a bot's, which its operator gives the bot):
// at least 64 hex digits, readable by its owner only (errc::invalid_argument
// otherwise). Returns the raw bytes the hex digits spell.
result<std::string> load_secret(const std::string& path);

// 32 fresh random bytes (for a daemon without a secret file: tokens die with it).
result<std::string> random_secret();

}  // namespace backcoach::service
