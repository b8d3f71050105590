#ifndef FAREFLOW_CORE_SECURE_RANDOM_H_
#define FAREFLOW_CORE_SECURE_RANDOM_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace fareflow {

// The one source of unpredictable bytes: the kernel's CSPRNG through getrandom(2). Everything
// that grants access or must not be guessed (search ids, API keys, facade tokens, MAC keys)
// comes from here. Deterministic streams (generated offers, emulator ids) use splitmix64
// (core/splitmix64.h) instead, and nothing they produce may grant access.
//
// Thread-safe: no state in the process, the kernel serialises. Blocks only at early boot, until
// the kernel's pool is first seeded. A kernel that cannot give randomness is not a state the
// process can serve from: it aborts with a message rather than hand out guessable ids.

// Fills out[0, size) with random bytes.
void SecureRandomBytes(void* out, std::size_t size);

// Access-granting identifiers carry at least this much entropy (128 bits).
inline constexpr std::size_t kMinSecretBytes = 16;

// `prefix` followed by `bytes` random bytes in lowercase hex (2 * bytes characters).
std::string SecureRandomHex(std::string_view prefix, std::size_t bytes = kMinSecretBytes);

}  // namespace fareflow

#endif  // FAREFLOW_CORE_SECURE_RANDOM_H_
