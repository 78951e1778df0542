#include "webpush/encryption.h"

#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <array>
#include <memory>

namespace backcoach::webpush {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kAuthBytes = 16;
constexpr std::size_t kTagBytes = 16;
constexpr std::size_t kKeyBytes = 16;
constexpr std::size_t kNonceBytes = 12;
constexpr unsigned char kLastRecord = 0x02;

struct CtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct CipherFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// HKDF-SHA256 (RFC 5869), extract and expand, `length` bytes; empty on failure.
std::string hkdf(std::string_view salt, std::string_view ikm, std::string_view info,
                 std::size_t length) {
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr));
  std::string out(length, '\0');
  std::size_t len = length;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) != 1 ||
      EVP_PKEY_CTX_set1_hkdf_salt(ctx.get(), bytes(salt), static_cast<int>(salt.size())) != 1 ||
      EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), bytes(ikm), static_cast<int>(ikm.size())) != 1 ||
      EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), bytes(info), static_cast<int>(info.size())) != 1 ||
      EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len) != 1 ||
      len != length) {
    return {};
  }
  return out;
}

// One AES-128-GCM record: ciphertext followed by its tag; empty on failure.
std::string seal(std::string_view key, std::string_view nonce, std::string_view record) {
  std::unique_ptr<EVP_CIPHER_CTX, CipherFree> ctx(EVP_CIPHER_CTX_new());
  std::string out(record.size() + kTagBytes, '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  int len = 0;
  int tail = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()),
                          nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(nonce)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), dst, &len, bytes(record), static_cast<int>(record.size())) !=
          1 ||
      EVP_EncryptFinal_ex(ctx.get(), dst + len, &tail) != 1 ||
      static_cast<std::size_t>(len + tail) != record.size() ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes),
                          dst + record.size()) != 1) {
    return {};
  }
  return out;
}

// "<label>\0": the info strings of RFC 8188 and 8291 end with a zero byte.
std::string label(std::string_view text) {
  std::string s(text);
  s.push_back('\0');
  return s;
}

}  // namespace

result<std::string> encrypt_aes128gcm(std::string_view plaintext, const SubscriberKeys& to,
                                      const EcKey& sender, std::string_view salt,
                                      std::size_t padding, std::uint32_t record_size) {
  if (salt.size() != kSaltBytes || to.auth.size() != kAuthBytes) {
    return make_error_code(errc::invalid_argument);
  }
  auto subscriber = EcKey::from_public(to.p256dh);
  if (!subscriber) return subscriber.error();
  // One record holds everything: the text, its delimiter, the padding and the tag.
  if (plaintext.size() + 1 + padding + kTagBytes > record_size) {
    return make_error_code(errc::too_large);
  }
  const std::string sender_point = sender.public_point();
  const std::string shared = sender.ecdh(*subscriber);
  if (sender_point.empty() || shared.empty()) return make_error_code(errc::unavailable);

  // RFC 8291 section 3.4: the input keying material binds both public keys.
  const std::string key_info = label("WebPush: info") + to.p256dh + sender_point;
  const std::string ikm = hkdf(to.auth, shared, key_info, 32);
  // RFC 8188 section 2.2 and 2.3: the content key and the nonce from the salt.
  const std::string cek = hkdf(salt, ikm, label("Content-Encoding: aes128gcm"), kKeyBytes);
  const std::string nonce = hkdf(salt, ikm, label("Content-Encoding: nonce"), kNonceBytes);
  if (ikm.empty() || cek.empty() || nonce.empty()) return make_error_code(errc::unavailable);

  std::string record(plaintext);
  record.push_back(static_cast<char>(kLastRecord));
  record.append(padding, '\0');
  const std::string sealed = seal(cek, nonce, record);  // the first record: sequence 0
  if (sealed.empty()) return make_error_code(errc::unavailable);

  std::string body(salt);
  for (int shift = 24; shift >= 0; shift -= 8) {
    body.push_back(static_cast<char>((record_size >> shift) & 0xff));
  }
  body.push_back(static_cast<char>(sender_point.size()));
  body += sender_point;
  body += sealed;
  return body;
}

result<std::string> encrypt_push_message(std::string_view plaintext, const SubscriberKeys& to) {
  auto sender = EcKey::generate();
  if (!sender) return sender.error();
  std::array<unsigned char, kSaltBytes> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    return make_error_code(errc::unavailable);
  }
  return encrypt_aes128gcm(
      plaintext, to, *sender,
      std::string_view(reinterpret_cast<const char*>(salt.data()), salt.size()));
}

}  // namespace backcoach::webpush
