#include "core/mac.h"

#include <gtest/gtest.h>

#include <string>

namespace fareflow {
namespace {

constexpr std::string_view kHexKey =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

std::string Hex(const MacKey::Tag& tag) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : tag) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

// HMAC-SHA256 truncated to 128 bits; the expected value is the first half of
//   printf 'fareflow cursor' | openssl dgst -sha256 -mac HMAC -macopt hexkey:0001...1f
TEST(MacKeyTest, SignsWithHmacSha256TruncatedTo128Bits) {
  const Result<MacKey> key = MacKey::Parse(kHexKey);
  ASSERT_TRUE(key.has_value()) << key.error().message;
  EXPECT_EQ(Hex(key->Sign("fareflow cursor")), "73dfe9ea569458203aac7ceb48ed67d7");
  EXPECT_TRUE(key->Verify("fareflow cursor", key->Sign("fareflow cursor")));
  MacKey::Tag altered = key->Sign("fareflow cursor");
  altered[15] ^= 1;
  EXPECT_FALSE(key->Verify("fareflow cursor", altered));
  EXPECT_FALSE(key->Verify("fareflow cursos", key->Sign("fareflow cursor")));
}

TEST(MacKeyTest, HexAndBothBase64AlphabetsNameTheSameKey) {
  const std::string hex_upper = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";
  for (const std::string_view text :
       {std::string_view(hex_upper),
        std::string_view("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="),
        std::string_view("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")}) {
    const Result<MacKey> key = MacKey::Parse(text);
    ASSERT_TRUE(key.has_value()) << text << ": " << key.error().message;
    EXPECT_EQ(Hex(key->Sign("fareflow cursor")), "73dfe9ea569458203aac7ceb48ed67d7") << text;
  }
}

TEST(MacKeyTest, ShortLongAndUnreadableKeysAreRefusedWithoutEchoingThem) {
  const std::string short_key(62, 'a');  // 31 bytes of hex
  const std::string long_key(130, 'a');  // 65 bytes of hex
  for (const std::string& text : {short_key, long_key, std::string("not a key!"), std::string()}) {
    const Result<MacKey> key = MacKey::Parse(text);
    ASSERT_FALSE(key.has_value()) << text;
    EXPECT_EQ(key.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(key.error().message.find("openssl rand -hex 32"), std::string::npos);
    if (!text.empty()) {
      EXPECT_EQ(key.error().message.find(text), std::string::npos);
    }
  }
  EXPECT_NE(MacKey::Parse(short_key).error().message.find("not 31"), std::string::npos);
}

TEST(MacKeyTest, RandomKeysDiffer) {
  const MacKey a = MacKey::Random();
  const MacKey b = MacKey::Random();
  EXPECT_NE(a.Sign("m"), b.Sign("m"));
  EXPECT_TRUE(a.Verify("m", a.Sign("m")));
  EXPECT_FALSE(b.Verify("m", a.Sign("m")));
}

}  // namespace
}  // namespace fareflow
