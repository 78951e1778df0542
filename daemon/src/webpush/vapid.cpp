#include "webpush/vapid.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/base64url.h"
#include "outbound/target.h"

namespace backcoach::webpush {
namespace {

boost::system::error_code last_errno() { return {errno, boost::system::system_category()}; }

// Writes `text` to a file that did not exist, owner-only; removes it on failure.
boost::system::error_code write_new_file(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return last_errno();
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  if (written) return {};
  ::unlink(path.c_str());
  return make_error_code(errc::storage_error);
}

}  // namespace

result<EcKey> load_vapid_key(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return last_errno();
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) return make_error_code(errc::invalid_argument);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) return make_error_code(errc::parse_error);
  return EcKey::from_pem(text.str());
}

result<EcKey> load_or_create_vapid_key(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 || errno != ENOENT) return load_vapid_key(path);
  auto key = EcKey::generate();
  if (!key) return key.error();
  const std::string pem = key->private_pem();
  if (pem.empty()) return make_error_code(errc::unavailable);
  if (auto ec = write_new_file(path, pem)) {
    // Another process made it first: theirs is the key.
    if (ec == boost::system::error_code(EEXIST, boost::system::system_category())) {
      return load_vapid_key(path);
    }
    return ec;
  }
  return key;
}

std::string vapid_jwt(const EcKey& key, std::string_view audience, std::int64_t expires_s,
                      std::string_view subject) {
  const nlohmann::json header = {{"typ", "JWT"}, {"alg", "ES256"}};
  nlohmann::json claims = {{"aud", audience}, {"exp", expires_s}};
  if (!subject.empty()) claims["sub"] = subject;
  std::string signing_input = base64url_encode(header.dump());
  signing_input += '.';
  signing_input += base64url_encode(claims.dump());
  const std::string signature = key.sign_es256(signing_input);
  if (signature.empty()) return {};
  return signing_input + '.' + base64url_encode(signature);
}

std::string vapid_authorization(const EcKey& key, std::string_view jwt) {
  std::string value = "vapid t=";
  value += jwt;
  value += ", k=";
  value += base64url_encode(key.public_point());
  return value;
}

result<std::string> endpoint_origin(std::string_view endpoint) {
  auto target = outbound::parse_target(endpoint);
  if (!target) return make_error_code(errc::invalid_argument);
  return std::string(target->tls ? "https://" : "http://") + target->host_header;
}

}  // namespace backcoach::webpush
