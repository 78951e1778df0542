#include "webpush/encryption.h"

#include <gtest/gtest.h>

#include "common/base64url.h"

namespace backcoach::webpush {
namespace {

std::string b64(std::string_view text) { return base64url_decode(text).value(); }

// RFC 8291 section 5 and Appendix A: the inputs and the body the RFC publishes.
constexpr char kPlaintext[] = "When I grow up, I want to be a watermelon";
constexpr char kAsPublic[] =
    "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
constexpr char kAsPrivate[] = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
constexpr char kUaPublic[] =
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
constexpr char kSalt[] = "DGv6ra1nlYgDCS1FRnbzlw";
constexpr char kAuth[] = "BTBZMqHH6r4Tts7J_aSIgg";
constexpr char kBody[] =
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
    "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
    "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

SubscriberKeys rfc_subscriber() { return {b64(kUaPublic), b64(kAuth)}; }

TEST(WebPushEncryption, ReproducesTheRfc8291ExampleByteForByte) {
  auto sender = EcKey::from_raw(b64(kAsPrivate), b64(kAsPublic));
  ASSERT_TRUE(sender) << sender.error().message();
  auto body = encrypt_aes128gcm(kPlaintext, rfc_subscriber(), *sender, b64(kSalt));
  ASSERT_TRUE(body) << body.error().message();
  EXPECT_EQ(base64url_encode(*body), kBody);
}

TEST(WebPushEncryption, AFreshMessageCarriesItsOwnKeyAndSaltEachTime) {
  auto first = encrypt_push_message(kPlaintext, rfc_subscriber());
  auto second = encrypt_push_message(kPlaintext, rfc_subscriber());
  ASSERT_TRUE(first && second);
  // header 86 bytes + text + delimiter + tag
  EXPECT_EQ(first->size(), 86u + sizeof(kPlaintext) - 1 + 1 + 16);
  EXPECT_NE(first->substr(0, 16), second->substr(0, 16));                   // salt
  EXPECT_NE(first->substr(21, 65), second->substr(21, 65));                 // the sender's key
  EXPECT_EQ(first->substr(16, 5), std::string("\x00\x00\x10\x00\x41", 5));  // rs 4096, idlen 65
}

TEST(WebPushEncryption, RefusesWhatNoBrowserCouldDecrypt) {
  auto sender = EcKey::from_raw(b64(kAsPrivate), b64(kAsPublic));
  ASSERT_TRUE(sender);
  const std::string salt = b64(kSalt);
  SubscriberKeys off_curve = rfc_subscriber();
  off_curve.p256dh[40] = static_cast<char>(off_curve.p256dh[40] ^ 1);
  EXPECT_EQ(encrypt_aes128gcm(kPlaintext, off_curve, *sender, salt).error(),
            errc::invalid_argument);
  SubscriberKeys short_auth = rfc_subscriber();
  short_auth.auth.pop_back();
  EXPECT_EQ(encrypt_aes128gcm(kPlaintext, short_auth, *sender, salt).error(),
            errc::invalid_argument);
  EXPECT_EQ(encrypt_aes128gcm(kPlaintext, rfc_subscriber(), *sender, "short").error(),
            errc::invalid_argument);
  // 3993 bytes is the most one 4096-byte record holds (RFC 8291 section 4, less the header).
  EXPECT_TRUE(encrypt_aes128gcm(std::string(4096 - 17, 'x'), rfc_subscriber(), *sender, salt));
  EXPECT_EQ(encrypt_aes128gcm(std::string(4096 - 16, 'x'), rfc_subscriber(), *sender, salt).error(),
            errc::too_large);
}

}  // namespace
}  // namespace backcoach::webpush
