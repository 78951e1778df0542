#include "webpush/vapid.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../store/temp_dir.h"
#include "common/base64url.h"

namespace backcoach::webpush {
namespace {

using nlohmann::json;
using store::testing::TempDir;

// Verifies a JWS ES256 signature (r || s) with OpenSSL, independently of EcKey::sign_es256.
bool verifies(const EcKey& key, std::string_view signed_part, std::string_view raw_sig) {
  if (raw_sig.size() != 64) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(raw_sig.data());
  ECDSA_SIG* sig = ECDSA_SIG_new();
  ECDSA_SIG_set0(sig, BN_bin2bn(p, 32, nullptr), BN_bin2bn(p + 32, 32, nullptr));
  unsigned char* der = nullptr;
  const int der_len = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
                  EVP_DigestVerify(ctx, der, static_cast<std::size_t>(der_len),
                                   reinterpret_cast<const unsigned char*>(signed_part.data()),
                                   signed_part.size()) == 1;
  EVP_MD_CTX_free(ctx);
  OPENSSL_free(der);
  return ok;
}

TEST(Vapid, TheJwtIsEs256OverItsClaimsAndVerifiesWithThePublicKeyAlone) {
  auto key = EcKey::generate();
  ASSERT_TRUE(key);
  const std::string jwt =
      vapid_jwt(*key, "https://push.example.net", 1700000000, "mailto:ops@example.org");
  const auto dot1 = jwt.find('.');
  const auto dot2 = jwt.rfind('.');
  ASSERT_NE(dot1, dot2);
  EXPECT_EQ(json::parse(*base64url_decode(jwt.substr(0, dot1))),
            json({{"typ", "JWT"}, {"alg", "ES256"}}));
  EXPECT_EQ(json::parse(*base64url_decode(jwt.substr(dot1 + 1, dot2 - dot1 - 1))),
            json({{"aud", "https://push.example.net"},
                  {"exp", 1700000000},
                  {"sub", "mailto:ops@example.org"}}));
  // The push service has only the k= of the header: verify with that.
  const std::string header = vapid_authorization(*key, jwt);
  ASSERT_EQ(header.rfind("vapid t=" + jwt + ", k=", 0), 0u) << header;
  auto public_only = EcKey::from_public(*base64url_decode(header.substr(header.find("k=") + 2)));
  ASSERT_TRUE(public_only);
  const auto signature = *base64url_decode(jwt.substr(dot2 + 1));
  EXPECT_TRUE(verifies(*public_only, jwt.substr(0, dot2), signature));
  EXPECT_FALSE(verifies(*public_only, jwt.substr(0, dot2) + "x", signature));
  auto other = EcKey::generate();
  EXPECT_FALSE(verifies(*other, jwt.substr(0, dot2), signature));
}

TEST(Vapid, TheKeyIsMadeOnceOwnerOnlyAndReadBackTheSame) {
  TempDir dir;
  const auto path = dir.file("vapid.pem");
  auto made = load_or_create_vapid_key(path);
  ASSERT_TRUE(made) << made.error().message();
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = load_or_create_vapid_key(path);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->public_point(), made->public_point());
  EXPECT_EQ(made->public_point().size(), 65u);
  EXPECT_EQ(made->public_point()[0], '\x04');
}

TEST(Vapid, AKeyFileOthersCanReadOrThatHoldsNoP256KeyIsRefused) {
  TempDir dir;
  const auto path = dir.file("vapid.pem");
  ASSERT_TRUE(load_or_create_vapid_key(path));
  ::chmod(path.c_str(), 0640);
  EXPECT_EQ(load_or_create_vapid_key(path).error(), errc::invalid_argument);
  const auto junk = dir.file("junk.pem");
  std::ofstream(junk) << "not a key\n";
  ::chmod(junk.c_str(), 0600);
  EXPECT_EQ(load_vapid_key(junk).error(), errc::parse_error);
  EXPECT_FALSE(load_vapid_key(dir.file("missing.pem")));
}

TEST(Vapid, TheAudienceIsTheEndpointsOrigin) {
  EXPECT_EQ(*endpoint_origin("https://fcm.googleapis.com/fcm/send/abc:def"),
            "https://fcm.googleapis.com");
  EXPECT_EQ(*endpoint_origin("https://push.example.net:8443/x?y"), "https://push.example.net:8443");
  EXPECT_EQ(*endpoint_origin("http://127.0.0.1:5000/push/1"), "http://127.0.0.1:5000");
  EXPECT_FALSE(endpoint_origin("http://push.example.net/x"));  // clear text to a name
  EXPECT_FALSE(endpoint_origin("ftp://push.example.net/x"));
}

}  // namespace
}  // namespace backcoach::webpush
