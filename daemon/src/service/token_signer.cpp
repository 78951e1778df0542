#include "service/token_signer.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <boost/algorithm/hex.hpp>
#include <cerrno>
#include <fstream>
#include <sstream>

#include "common/base64url.h"

namespace backcoach::service {
namespace {

constexpr std::size_t kSecretBytes = 32;

boost::system::error_code last_errno() { return {errno, boost::system::system_category()}; }

}  // namespace

std::string TokenSigner::mac(std::string_view user_id) const {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
       reinterpret_cast<const unsigned char*>(user_id.data()), user_id.size(), digest.data(), &len);
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), len));
}

std::string TokenSigner::sign(std::string_view user_id) const {
  std::string token(user_id);
  token += '.';
  token += mac(user_id);
  return token;
}

std::optional<std::string> TokenSigner::verify(std::string_view token) const {
  const auto dot = token.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  const std::string_view user_id = token.substr(0, dot);
  const std::string_view given = token.substr(dot + 1);
  const std::string expected = mac(user_id);
  if (given.size() != expected.size()) return std::nullopt;
  if (CRYPTO_memcmp(given.data(), expected.data(), expected.size()) != 0) return std::nullopt;
  return std::string(user_id);
}

result<std::string> load_secret(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return last_errno();
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) return make_error_code(errc::invalid_argument);
  std::ifstream in(path);
  std::string hex;
  std::string extra;
  // Exactly the 64 hex digits this daemon writes: a longer secret, or words after it,
  // is somebody else's file (or a mistake), not a key to trust.
  if (!(in >> hex) || hex.size() != 2 * kSecretBytes || (in >> extra)) {
    return make_error_code(errc::parse_error);
  }
  std::string raw;
  try {
    boost::algorithm::unhex(hex, std::back_inserter(raw));
  } catch (const std::exception&) {
    return make_error_code(errc::parse_error);
  }
  return raw;
}

result<std::string> load_or_create_secret(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return load_secret(path);
    return last_errno();
  }
  std::array<unsigned char, kSecretBytes> raw{};
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) {
    ::close(fd);
    ::unlink(path.c_str());
    return make_error_code(errc::unavailable);
  }
  std::string hex;
  boost::algorithm::hex_lower(raw.begin(), raw.end(), std::back_inserter(hex));
  hex += '\n';
  const bool written =
      ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    ::unlink(path.c_str());
    return make_error_code(errc::storage_error);
  }
  return std::string(reinterpret_cast<const char*>(raw.data()), raw.size());
}

result<std::string> random_secret() {
  std::string raw(kSecretBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(raw.size())) != 1) {
    return make_error_code(errc::unavailable);
  }
  return raw;
}

}  // namespace backcoach::service
