#include "common/sha256.h"

#include <openssl/evp.h>

#include <array>
#include <boost/algorithm/hex.hpp>
#include <iterator>

namespace backcoach {

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &len, EVP_sha256(), nullptr);
  std::string hex;
  boost::algorithm::hex_lower(digest.begin(), digest.begin() + len, std::back_inserter(hex));
  return hex;
}

}  // namespace backcoach
