#include "store/user_id.h"

#include <openssl/rand.h>

#include <array>

namespace backcoach::store {

result<std::string> new_user_id() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) return errc::unavailable;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    id.push_back(kHex[b >> 4]);
    id.push_back(kHex[b & 0x0f]);
  }
  return id;
}

}  // namespace backcoach::store
