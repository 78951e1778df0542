#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/errc.h"

struct evp_pkey_st;

namespace backcoach::webpush {

// A P-256 key (OpenSSL's EVP_PKEY, owned), private or public only: the VAPID key
// of the daemon (RFC 8292), the sender's one-time key and the subscriber's public
// key of a message's encryption (RFC 8291). Points travel as the 65-byte
// uncompressed encoding (0x04 || x || y), the form browsers give and take.
// Immutable after creation; safe to use from several threads at once.
class EcKey {
 public:
  // A fresh key pair from OpenSSL's generator. errc::unavailable when it fails.
  static result<EcKey> generate();
  // A private key in PEM (PKCS#8 "PRIVATE KEY" or SEC 1 "EC PRIVATE KEY"); must be
  // on P-256 (errc::invalid_argument otherwise, errc::parse_error for no key at all).
  static result<EcKey> from_pem(std::string_view pem);
  // A public key from its uncompressed point; errc::invalid_argument unless it is
  // 65 bytes and a point of the curve.
  static result<EcKey> from_public(std::string_view point);
  // A key pair from its raw private scalar (32 bytes) and its public point (the
  // RFC 8291 test vector gives both).
  static result<EcKey> from_raw(std::string_view private_scalar, std::string_view point);

  EcKey(EcKey&&) noexcept = default;
  EcKey& operator=(EcKey&&) noexcept = default;
  ~EcKey();

  // The uncompressed public point, 65 bytes.
  std::string public_point() const;
  // The private key as PKCS#8 PEM (for the key file). Empty for a public key.
  std::string private_pem() const;
  // ES256 (RFC 7518 section 3.4): ECDSA P-256 with SHA-256 over `data`, as the
  // 64-byte r || s a JWS carries. Empty when signing fails or the key is public.
  std::string sign_es256(std::string_view data) const;
  // The ECDH shared secret (the x coordinate, 32 bytes) with `peer`'s public key.
  // Empty when derivation fails.
  std::string ecdh(const EcKey& peer) const;

  evp_pkey_st* get() const { return key_.get(); }

 private:
  struct Free {
    void operator()(evp_pkey_st* key) const;
  };
  explicit EcKey(evp_pkey_st* key) : key_(key) {}

  std::unique_ptr<evp_pkey_st, Free> key_;
};

}  // namespace backcoach::webpush
