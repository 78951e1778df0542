#include "common/base64url.h"

#include <openssl/evp.h>

namespace backcoach {

std::string base64url(const unsigned char* data, std::size_t n) {
  // EVP_EncodeBlock writes standard base64 with padding; map it to base64url.
  std::string out(4 * ((n + 2) / 3) + 1, '\0');
  const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data,
                                  static_cast<int>(n));
  out.resize(static_cast<std::size_t>(len));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return out;
}

}  // namespace backcoach
