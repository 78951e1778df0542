#include "webpush/ec_key.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <array>

namespace backcoach::webpush {
namespace {

constexpr char kGroup[] = "prime256v1";  // OpenSSL's name for P-256
constexpr std::size_t kPointBytes = 65;
constexpr std::size_t kScalarBytes = 32;

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct CtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct ParamsFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct BuildFree {
  void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
};
struct BnFree {
  void operator()(BIGNUM* b) const { BN_clear_free(b); }
};
struct SigFree {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};

bool on_p256(EVP_PKEY* key) {
  if (key == nullptr || !EVP_PKEY_is_a(key, "EC")) return false;
  std::array<char, 64> group{};
  std::size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(),
                                     &len) != 1) {
    return false;
  }
  return std::string_view(group.data(), len) == kGroup;
}

// A key from OpenSSL parameters (`selection`: public only, or the pair).
EVP_PKEY* from_params(OSSL_PARAM* params, int selection) {
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* key = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, selection, params) != 1) {
    return nullptr;
  }
  return key;
}

// A point not on the curve would leak the private key through ECDH: always checked.
bool valid_public(EVP_PKEY* key) {
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  return ctx && EVP_PKEY_public_check(ctx.get()) == 1;
}

}  // namespace

void EcKey::Free::operator()(evp_pkey_st* key) const { EVP_PKEY_free(key); }

EcKey::~EcKey() = default;

result<EcKey> EcKey::generate() {
  EVP_PKEY* key = EVP_EC_gen(kGroup);
  if (key == nullptr) return make_error_code(errc::unavailable);
  return EcKey(key);
}

result<EcKey> EcKey::from_pem(std::string_view pem) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return make_error_code(errc::unavailable);
  EcKey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key.key_) return make_error_code(errc::parse_error);
  if (!on_p256(key.get())) return make_error_code(errc::invalid_argument);
  return key;
}

result<EcKey> EcKey::from_public(std::string_view point) {
  if (point.size() != kPointBytes || point[0] != 0x04)
    return make_error_code(errc::invalid_argument);
  std::unique_ptr<OSSL_PARAM_BLD, BuildFree> build(OSSL_PARAM_BLD_new());
  if (!build ||
      OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, kGroup, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return make_error_code(errc::unavailable);
  }
  std::unique_ptr<OSSL_PARAM, ParamsFree> params(OSSL_PARAM_BLD_to_param(build.get()));
  EcKey key(from_params(params.get(), EVP_PKEY_PUBLIC_KEY));
  if (!key.key_ || !valid_public(key.get())) return make_error_code(errc::invalid_argument);
  return key;
}

result<EcKey> EcKey::from_raw(std::string_view private_scalar, std::string_view point) {
  if (private_scalar.size() != kScalarBytes || point.size() != kPointBytes) {
    return make_error_code(errc::invalid_argument);
  }
  std::unique_ptr<BIGNUM, BnFree> scalar(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(private_scalar.data()),
                static_cast<int>(private_scalar.size()), nullptr));
  std::unique_ptr<OSSL_PARAM_BLD, BuildFree> build(OSSL_PARAM_BLD_new());
  if (!scalar || !build ||
      OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, kGroup, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1 ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar.get()) != 1) {
    return make_error_code(errc::unavailable);
  }
  std::unique_ptr<OSSL_PARAM, ParamsFree> params(OSSL_PARAM_BLD_to_param(build.get()));
  EcKey key(from_params(params.get(), EVP_PKEY_KEYPAIR));
  if (!key.key_ || !valid_public(key.get())) return make_error_code(errc::invalid_argument);
  return key;
}

std::string EcKey::public_point() const {
  std::string point(kPointBytes, '\0');
  std::size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(key_.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                      reinterpret_cast<unsigned char*>(point.data()), point.size(),
                                      &len) != 1 ||
      len != kPointBytes) {
    return {};
  }
  return point;
}

std::string EcKey::private_pem() const {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return {};
  }
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string();
}

std::string EcKey::sign_es256(std::string_view data) const {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  std::size_t der_len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &der_len,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return {};
  }
  std::string der(der_len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &der_len,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return {};
  }
  // OpenSSL writes the signature as DER (SEQUENCE of two INTEGERs); JWS wants each
  // number as 32 big-endian bytes.
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<ECDSA_SIG, SigFree> sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_len)));
  if (!sig) return {};
  std::string raw(2 * kScalarBytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, kScalarBytes) != kScalarBytes ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + kScalarBytes, kScalarBytes) != kScalarBytes) {
    return {};
  }
  return raw;
}

std::string EcKey::ecdh(const EcKey& peer) const {
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(
      EVP_PKEY_CTX_new_from_pkey(nullptr, key_.get(), nullptr));
  std::size_t len = 0;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
      EVP_PKEY_derive_set_peer(ctx.get(), peer.get()) != 1 ||
      EVP_PKEY_derive(ctx.get(), nullptr, &len) != 1) {
    return {};
  }
  std::string secret(len, '\0');
  if (EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(secret.data()), &len) != 1) {
    return {};
  }
  secret.resize(len);
  return secret;
}

}  // namespace backcoach::webpush
