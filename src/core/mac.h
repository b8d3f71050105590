#ifndef FAREFLOW_CORE_MAC_H_
#define FAREFLOW_CORE_MAC_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/result.h"

namespace fareflow {

// A message authentication code: HMAC-SHA256 (OpenSSL libcrypto) under a secret key, truncated
// to its first 128 bits (RFC 2104 section 5 allows truncation to half the hash or more). What
// fareflow hands a client and later takes back as proof that fareflow made it (page cursors)
// carries one: a client can read such a token but cannot make or alter one without the key.
//
// Immutable after construction and thread-safe: Tag keeps no state between calls.
class MacKey {
 public:
  // Key bytes: SHA-256's block is 64 bytes and its output 32; a key of 32 bytes or more has the
  // full strength of the MAC.
  static constexpr std::size_t kMinBytes = 32;
  static constexpr std::size_t kMaxBytes = 64;
  static constexpr std::size_t kTagBytes = 16;
  using Tag = std::array<uint8_t, kTagBytes>;

  // A fresh key of kMinBytes from core/secure_random: good for this process only.
  static MacKey Random();

  // A configured key: hex (an even number of [0-9a-fA-F]) or base64 (either alphabet, padding
  // optional) of kMinBytes to kMaxBytes bytes. kInvalidArgument naming the rule otherwise; the
  // message never repeats the text, which is a secret.
  static Result<MacKey> Parse(std::string_view text);

  // The MAC of `message`.
  Tag Sign(std::string_view message) const;

  // Whether `tag` is the MAC of `message`, compared in constant time.
  bool Verify(std::string_view message, const Tag& tag) const;

 private:
  MacKey() = default;
  std::array<uint8_t, kMaxBytes> bytes_{};
  std::size_t size_ = 0;
};

}  // namespace fareflow

#endif  // FAREFLOW_CORE_MAC_H_
