#ifndef FAREFLOW_CORE_ECHO_H_
#define FAREFLOW_CORE_ECHO_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace fareflow {

// Error messages and error fields name what a client sent ("unknown field /colour", "has an
// invalid item \"BAW\""), but a client chooses the length of what it sends: a 1 MB key echoed
// whole makes a 1 MB error answer, and a log line of the same size. Everything a client sent that
// an error repeats goes through EchoPrefix.
inline constexpr std::size_t kEchoBytes = 64;

// `text` when it is at most `max_bytes` long and valid UTF-8; otherwise its longest prefix of at
// most `max_bytes` bytes that ends on a whole UTF-8 character and stops before the first byte
// that is not UTF-8, followed by "…" (U+2026). The result is always valid UTF-8, so it can be
// written into a JSON answer as it is.
std::string EchoPrefix(std::string_view text, std::size_t max_bytes = kEchoBytes);

}  // namespace fareflow

#endif  // FAREFLOW_CORE_ECHO_H_
