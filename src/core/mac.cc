#include "core/mac.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <optional>
#include <string>

#include "core/base64.h"
#include "core/hex.h"
#include "core/secure_random.h"

namespace fareflow {

MacKey MacKey::Random() {
  MacKey key;
  key.size_ = kMinBytes;
  SecureRandomBytes(key.bytes_.data(), key.size_);
  return key;
}

Result<MacKey> MacKey::Parse(std::string_view text) {
  // Hex first: a hex string is also valid base64, and hex is what `openssl rand -hex 32` gives.
  std::optional<std::string> bytes = DecodeHex(text);
  if (!bytes) {
    Result<std::string> decoded = DecodeBase64(text);
    if (!decoded) decoded = DecodeBase64Url(text);
    if (decoded) bytes = std::move(*decoded);
  }
  if (!bytes) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a key must be hex or base64 (openssl rand -hex 32)");
  }
  if (bytes->size() < kMinBytes || bytes->size() > kMaxBytes) {
    OPENSSL_cleanse(bytes->data(), bytes->size());
    return MakeError(ErrorCode::kInvalidArgument, "a key must be " + std::to_string(kMinBytes) +
                                                      " to " + std::to_string(kMaxBytes) +
                                                      " bytes (openssl rand -hex 32), not " +
                                                      std::to_string(bytes->size()));
  }
  MacKey key;
  key.size_ = bytes->size();
  std::copy(bytes->begin(), bytes->end(), key.bytes_.begin());
  OPENSSL_cleanse(bytes->data(), bytes->size());
  return key;
}

MacKey::Tag MacKey::Sign(std::string_view message) const {
  std::array<uint8_t, EVP_MAX_MD_SIZE> full{};
  unsigned int length = 0;
  // One-shot HMAC into a local buffer: no context outlives the call.
  HMAC(EVP_sha256(), bytes_.data(), static_cast<int>(size_),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), full.data(),
       &length);
  Tag tag{};
  std::copy_n(full.begin(), kTagBytes, tag.begin());
  return tag;
}

bool MacKey::Verify(std::string_view message, const Tag& tag) const {
  const Tag expected = Sign(message);
  return CRYPTO_memcmp(expected.data(), tag.data(), kTagBytes) == 0;
}

}  // namespace fareflow
