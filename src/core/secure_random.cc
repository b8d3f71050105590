#include "core/secure_random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/hex.h"

namespace fareflow {

void SecureRandomBytes(void* out, std::size_t size) {
  auto* p = static_cast<unsigned char*>(out);
  while (size > 0) {
    // getrandom returns at most 32 MiB - 1 per call and may be interrupted by a signal before
    // any byte is written; both mean "call again for the rest".
    const ssize_t n = getrandom(p, size, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::fprintf(stderr, "fareflow: getrandom failed: %s\n", std::strerror(errno));
      std::abort();
    }
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

std::string SecureRandomHex(std::string_view prefix, std::size_t bytes) {
  std::string raw(bytes, '\0');
  SecureRandomBytes(raw.data(), raw.size());
  return std::string(prefix) + EncodeHex(raw);
}

}  // namespace fareflow
