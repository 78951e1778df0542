#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/errc.h"
#include "webpush/ec_key.h"

namespace backcoach::webpush {

// The daemon's VAPID key (RFC 8292), which identifies it to push services: kept in
// `path` as a PKCS#8 PEM private key, readable by its owner only. On first start
// (no file) a key pair is generated and written there atomically (O_EXCL, 0600,
// fsync). A file readable by group or others is refused (errc::invalid_argument),
// as is one that holds no P-256 private key (errc::parse_error / invalid_argument).
// The key is never logged: callers log the path only.
result<EcKey> load_or_create_vapid_key(const std::string& path);
// The same, for a file that must exist (an operator's --vapid-key-file).
result<EcKey> load_vapid_key(const std::string& path);

// The JWT a push service checks (RFC 8292 section 2): header {"typ":"JWT","alg":"ES256"},
// claims {"aud": <the push service's origin>, "exp": <unix seconds>, "sub": <contact>}
// (`sub` left out when empty), signed with `key`. Empty when signing fails.
std::string vapid_jwt(const EcKey& key, std::string_view audience, std::int64_t expires_s,
                      std::string_view subject);

// The Authorization header's value: "vapid t=<jwt>, k=<public key, base64url>".
std::string vapid_authorization(const EcKey& key, std::string_view jwt);

// The origin of a push endpoint ("https://push.example.net[:port]"), the JWT's
// audience; errc::invalid_argument for an endpoint that is not an absolute https URL
// (or http to a loopback IP, tests).
result<std::string> endpoint_origin(std::string_view endpoint);

}  // namespace backcoach::webpush
